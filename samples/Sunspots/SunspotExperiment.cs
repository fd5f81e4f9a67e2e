using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using GenNet.Data;
using GenNet.Training;

namespace GenNet.Samples.Sunspots;

/// <summary>One-step-ahead forecasts of the test years (1951–2008) by the three forecasters, in sunspot numbers.</summary>
public sealed record SunspotForecasts(int[] Years, double[] Actual, double[] Gru, double[] Dense, double[] Persistence, TimeSpan GruTraining)
{
    public double GruRmse => Rmse(Gru);

    public double DenseRmse => Rmse(Dense);

    public double PersistenceRmse => Rmse(Persistence);

    private double Rmse(double[] forecast) => Math.Sqrt(forecast.Select((f, i) => (f - Actual[i]) * (f - Actual[i])).Average());
}

/// <summary>
/// Trains on 1700–1950 only (the scaling too), then forecasts every year of 1951–2008 from the actual years before it:
/// the GRU from the last <see cref="Context"/> years, the dense network from the last <see cref="Window"/>, persistence
/// as "next year = this year".
/// </summary>
public static class SunspotExperiment
{
    public const int LastTrainingYear = 1950;

    /// <summary>Years the dense baseline sees.</summary>
    public const int Window = 10;

    /// <summary>Years the GRU reads, from a reset state, before each forecast: the length of its training sequences.</summary>
    public const int Context = 40;

    // Training sequences: every Stride-th window of Context years of the training span, each with its next years as targets.
    private const int Stride = 3;

    public static SunspotForecasts Run(SunspotSeries series, int seed = 1, int epochs = 300)
    {
        int training = LastTrainingYear - series.FirstYear + 1;
        Standardizer scaler = Standardizer.Fit<double>(series.Values.AsSpan(0, training), columns: 1);
        double[] z = scaler.Transformed<double>(series.Values);
        double mean = scaler.Mean[0], scale = scaler.Scale[0];

        // GRU: sequences of Context years in, the same years shifted by one as targets; backpropagation through time.
        // A fifth of the sequences (all before 1951) are held out to stop training when they stop improving.
        var sequences = new List<double[]>();
        var targets = new List<double[]>();
        for (int start = 0; start + Context < training; start += Stride)
        {
            sequences.Add(z[start..(start + Context)]);
            targets.Add(z[(start + 1)..(start + Context + 1)]);
        }

        var gru = new SunspotGru();
        gru.InitializeWeights(seed);
        long begin = Stopwatch.GetTimestamp();
        SequenceTrainer.Train(gru, sequences, targets,
            new TrainingOptions<double>
            {
                Epochs = epochs, BatchSize = 8, LearningRate = 0.005, ShuffleSeed = seed, ClipNorm = 1.0,
                ValidationSplit = 0.2, Patience = 10,
            },
            new Adam());
        TimeSpan gruTraining = Stopwatch.GetElapsedTime(begin);

        // Dense: rows of Window years in, the next year out.
        int rows = training - Window;
        double[] windows = new double[rows * Window], next = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            z.AsSpan(r, Window).CopyTo(windows.AsSpan(r * Window));
            next[r] = z[r + Window];
        }

        var dense = new SunspotWindowNet();
        dense.InitializeWeights(seed);
        Trainer.Train(dense, windows, next,
            new TrainingOptions<double>
            {
                Epochs = epochs, BatchSize = 16, LearningRate = 0.005, ShuffleSeed = seed, ReportEvery = 0,
                ValidationSplit = 0.2, Patience = 20,
            },
            new Adam());

        int first = LastTrainingYear + 1 - series.FirstYear, count = series.Values.Length - first;
        var years = new int[count];
        double[] actual = new double[count], gruForecast = new double[count], denseForecast = new double[count], persistence = new double[count];
        double[] outputs = new double[Context];
        Span<double> one = stackalloc double[1];
        for (int i = 0; i < count; i++)
        {
            int t = first + i;
            years[i] = series.FirstYear + t;
            actual[i] = series.Values[t];
            persistence[i] = series.Values[t - 1];

            gru.ResetState();
            gru.PredictSequence(z.AsSpan(t - Context, Context), outputs);
            gruForecast[i] = (outputs[^1] * scale) + mean;

            dense.Predict(z.AsSpan(t - Window, Window), one);
            denseForecast[i] = (one[0] * scale) + mean;
        }

        return new SunspotForecasts(years, actual, gruForecast, denseForecast, persistence, gruTraining);
    }
}
