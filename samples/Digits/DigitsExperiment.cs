using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using GenNet.Data;
using GenNet.Training;
using GenNet.Samples.Classifiers;

namespace GenNet.Samples.Digits;

/// <summary>The sample's choices: a seeded 75/25 split, He-initialised weights, Adam on mini-batches of 32 for 40 epochs.</summary>
public sealed record DigitsSettings
{
    /// <summary>Fraction of the images held out for testing (scikit-learn's default, 25%).</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Seed of the train/test split.</summary>
    public int SplitSeed { get; init; } = 42;

    /// <summary>Seed of the initial weights.</summary>
    public int WeightSeed { get; init; } = 1;

    /// <summary>Seed of the mini-batch order.</summary>
    public int ShuffleSeed { get; init; } = 1;

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size.</summary>
    public float LearningRate { get; init; } = 0.003f;
}

/// <summary>What a run produced: the trained network, the curves and the test set's confusion matrix.</summary>
public sealed record DigitsRun(DigitsNet Network, IReadOnlyList<EpochRecord> History, ConfusionMatrix Test, TrainingResult<float> Result, int TrainRows, int TestRows);

/// <summary>Trains <see cref="DigitsNet"/> on the digits and measures it on held-out images after every epoch.</summary>
public static class DigitsExperiment
{
    /// <summary>Splits, trains and evaluates; <paramref name="onEpoch"/> sees every epoch as it ends.</summary>
    public static DigitsRun Run(DigitsData data, DigitsSettings settings, Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        var (trainX, trainLabels, testX, testLabels) =
            Classification.Split<float>(data.Inputs, DigitsData.Features, data.Labels, settings.TestFraction, settings.SplitSeed);
        float[] trainY = Classification.OneHot<float>(trainLabels, DigitsData.Classes);
        float[] testY = Classification.OneHot<float>(testLabels, DigitsData.Classes);

        var network = new DigitsNet();
        network.InitializeWeights(settings.WeightSeed);
        var history = new List<EpochRecord>();
        var options = new TrainingOptions<float>
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            ShuffleSeed = settings.ShuffleSeed,
            LearningRate = settings.LearningRate,
            ReportEvery = 0,
            ReportEveryEpochs = 1,
        };

        // The test images are passed as validation rows for monitoring only: nothing stops or selects on them.
        TimeSpan measuring = TimeSpan.Zero;
        var progress = new ProgressCallback<TrainingProgress<float>>(p =>
        {
            if (!p.IsEpochEnd)
            {
                return;
            }

            long start = Stopwatch.GetTimestamp();
            double trainAccuracy = ConfusionMatrix.Compute(network, trainX, trainLabels).Accuracy;
            double testAccuracy = ConfusionMatrix.Compute(network, testX, testLabels).Accuracy;
            var record = new EpochRecord(p.Epoch + 1, p.Error, p.ValidationError, trainAccuracy, testAccuracy, p.Elapsed - measuring);
            measuring += Stopwatch.GetElapsedTime(start);
            history.Add(record);
            onEpoch?.Invoke(record);
        });

        TrainingResult<float> result = Trainer.Train(network, trainX, trainY, testX, testY, options, new Adam(), progress, cancellationToken: cancellationToken);
        return new DigitsRun(network, history, ConfusionMatrix.Compute(network, testX, testLabels), result, trainLabels.Length, testLabels.Length);
    }
}
