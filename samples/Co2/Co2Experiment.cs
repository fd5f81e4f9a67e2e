using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using GenNet.Data;
using GenNet.Training;

namespace GenNet.Samples.Co2;

/// <summary>One-week-ahead forecasts of every observed week of the test years, in ppm.</summary>
public sealed record Co2Forecasts(DateOnly[] Weeks, double[] Actual, double[] Lstm, double[] SeasonalNaive, double[] Persistence, int Epochs, TimeSpan Training)
{
    public double LstmRmse => Rmse(Lstm);

    public double SeasonalNaiveRmse => Rmse(SeasonalNaive);

    public double PersistenceRmse => Rmse(Persistence);

    private double Rmse(double[] forecast) => Math.Sqrt(forecast.Select((f, i) => (f - Actual[i]) * (f - Actual[i])).Average());
}

/// <summary>
/// Trains on the weeks before <see cref="TestStart"/> and forecasts each observed week of the last five years from the
/// weeks before it. Missing weeks are handled without inventing data: as inputs they repeat the last observed value
/// (only the past is used, as a forecaster running that week would have); as targets and in the scores they are
/// never used — a training window whose targets touch a gap is left out, and a missing week is not scored.
/// </summary>
public static class Co2Experiment
{
    public static readonly DateOnly TestStart = new(1997, 1, 1);

    /// <summary>Weeks the LSTM reads, from a reset state, before each forecast: its training sequences' length.</summary>
    public const int Context = 104;

    private const int Stride = 13;

    public static Co2Forecasts Run(Co2Series series, int seed = 1, int epochs = 200)
    {
        int n = series.Ppm.Length, test = Array.FindIndex(series.Weeks, week => week >= TestStart);

        // Inputs: last observed value (forward fill), its weekly change, and the season.
        double[] filled = new double[n], change = new double[n];
        for (int t = 0; t < n; t++)
        {
            filled[t] = double.IsNaN(series.Ppm[t]) ? filled[t - 1] : series.Ppm[t];
            change[t] = t == 0 ? 0 : filled[t] - filled[t - 1];
        }

        Standardizer scaler = Standardizer.Fit<double>(change.AsSpan(1, test - 1), columns: 1);
        double[] z = scaler.Transformed<double>(change);
        double mean = scaler.Mean[0], scale = scaler.Scale[0];
        double[] features = new double[n * 3];
        for (int t = 0; t < n; t++)
        {
            double phase = 2 * Math.PI * series.Weeks[t].DayOfYear / 365.25;
            features[3 * t] = z[t];
            features[(3 * t) + 1] = Math.Sin(phase);
            features[(3 * t) + 2] = Math.Cos(phase);
        }

        // A target is a true change: both weeks observed.
        bool Observed(int t) => !double.IsNaN(series.Ppm[t]) && !double.IsNaN(series.Ppm[t - 1]);
        var sequences = new List<double[]>();
        var targets = new List<double[]>();
        for (int start = 1; start + Context < test; start += Stride)
        {
            if (Enumerable.Range(start + 1, Context).All(Observed))
            {
                sequences.Add(features[(3 * start)..(3 * (start + Context))]);
                targets.Add(z[(start + 1)..(start + Context + 1)]);
            }
        }

        var lstm = new Co2Lstm();
        lstm.InitializeWeights(seed);
        long begin = Stopwatch.GetTimestamp();
        TrainingResult<double> result = SequenceTrainer.Train(lstm, sequences, targets,
            new TrainingOptions<double>
            {
                Epochs = epochs, BatchSize = 8, LearningRate = 0.005, ShuffleSeed = seed, ClipNorm = 1.0,
                ValidationSplit = 0.2, Patience = 10,
            },
            new Adam());
        TimeSpan training = Stopwatch.GetElapsedTime(begin);

        var weeks = new List<DateOnly>();
        var actual = new List<double>();
        var forecast = new List<double>();
        var seasonal = new List<double>();
        var persistence = new List<double>();
        double[] outputs = new double[Context];
        for (int t = test; t < n; t++)
        {
            if (double.IsNaN(series.Ppm[t]))
            {
                continue; // nothing to score
            }

            lstm.ResetState();
            lstm.PredictSequence(features.AsSpan(3 * (t - Context), 3 * Context), outputs);
            weeks.Add(series.Weeks[t]);
            actual.Add(series.Ppm[t]);
            forecast.Add(filled[t - 1] + (outputs[^1] * scale) + mean);
            seasonal.Add(filled[t - 52]);
            persistence.Add(filled[t - 1]);
        }

        return new Co2Forecasts(weeks.ToArray(), actual.ToArray(), forecast.ToArray(), seasonal.ToArray(), persistence.ToArray(), result.Epochs, training);
    }
}
