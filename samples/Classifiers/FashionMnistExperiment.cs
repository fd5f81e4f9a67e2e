using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;
using GenNet;
using GenNet.Data;
using GenNet.Training;
using GenNet.Samples.Classifiers;

namespace GenNet.Samples.Classifiers;

/// <summary>A run's choices: Adam on mini-batches over the 60,000 training images.</summary>
public sealed record FashionMnistSettings
{
    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's step size.</summary>
    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Seed of the initial weights.</summary>
    public int WeightSeed { get; init; } = 1;

    /// <summary>Seed of the mini-batch order.</summary>
    public int ShuffleSeed { get; init; } = 1;

    /// <summary>Steps between two progress reports inside an epoch.</summary>
    public int ReportEverySteps { get; init; } = 50;

    /// <summary>Threads that compute each mini-batch's gradient; the weights come out the same for any count.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Images per chunk of a batch's gradient when <see cref="Threads"/> is above 1 (see
    /// <see cref="TrainingOptions{T}.GradientChunkRows"/>).</summary>
    public int GradientChunkRows { get; init; } = ParallelGradient.DefaultChunkRows;

    /// <summary>Whether the learning rate falls from <see cref="LearningRate"/> towards zero over the epochs, along half a
    /// cosine (epoch e of E uses the factor (1 + cos(π·e/E)) / 2): large steps early, small ones to settle at the end.</summary>
    public bool CosineDecay { get; init; }
}

/// <summary>What a run produced.</summary>
public sealed record FashionMnistRun<TNetwork>(TNetwork Network, IReadOnlyList<EpochRecord> History, ConfusionMatrix Test, TrainingResult<float> Result)
    where TNetwork : ITrainableNetwork<float>;

/// <summary>Trains a classifier of 784 pixels into 10 classes and measures it on the 10,000 test images after every epoch.</summary>
public static class FashionMnistExperiment
{
    /// <summary>Trains and evaluates a network from <paramref name="create"/>. <paramref name="onStep"/> sees (step, total
    /// steps, loss of the step) every <see cref="FashionMnistSettings.ReportEverySteps"/> steps; <paramref name="onEpoch"/>
    /// every epoch.</summary>
    public static FashionMnistRun<TNetwork> Run<TNetwork>(
        Func<TNetwork> create,
        FashionMnistData data,
        FashionMnistSettings settings,
        Action<EpochRecord>? onEpoch = null,
        Action<int, int, double>? onStep = null,
        CancellationToken cancellationToken = default)
        where TNetwork : ITrainableNetwork<float>
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        float[] trainY = Classification.OneHot<float>(data.TrainLabels, FashionMnistData.Classes);
        float[] testY = Classification.OneHot<float>(data.TestLabels, FashionMnistData.Classes);
        int stepsPerEpoch = (data.TrainLabels.Length + settings.BatchSize - 1) / settings.BatchSize;
        int totalSteps = stepsPerEpoch * settings.Epochs;

        TNetwork network = create();
        network.InitializeWeights(settings.WeightSeed);
        var history = new List<EpochRecord>();
        var options = new TrainingOptions<float>
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            ShuffleSeed = settings.ShuffleSeed,
            LearningRate = settings.LearningRate,
            ReportEvery = settings.ReportEverySteps,
            ReportEveryEpochs = 1,
            MaxDegreeOfParallelism = settings.Threads,
            GradientChunkRows = settings.GradientChunkRows,
            Schedule = settings.CosineDecay ? new CosineSchedule(settings.Epochs) { Unit = ScheduleUnit.Epoch } : null,
        };

        // The test images are measured after every epoch for monitoring only: nothing stops or selects on them, and the
        // time spent measuring them (and the training accuracy) is taken out of the reported training time.
        TimeSpan measuring = TimeSpan.Zero;
        float[] testOutputs = new float[testY.Length];
        float[] trainOutputs = new float[trainY.Length];
        var progress = new ProgressCallback<TrainingProgress<float>>(p =>
        {
            if (!p.IsEpochEnd)
            {
                onStep?.Invoke(p.Iteration + 1, totalSteps, p.Error);
                return;
            }

            long start = Stopwatch.GetTimestamp();
            // Both sets predicted on every core between epochs (the trainer waits); one pass over the test images gives both
            // their loss and their accuracy.
            ParallelPrediction.Run(network, data.TrainInputs, trainOutputs, Environment.ProcessorCount);
            ParallelPrediction.Run(network, data.TestInputs, testOutputs, Environment.ProcessorCount);
            double trainAccuracy = Accuracy(trainOutputs, data.TrainLabels);
            double testAccuracy = Accuracy(testOutputs, data.TestLabels);
            float testLoss = NetworkLoss.ReportedError<float>(network.Architecture.Loss, testOutputs, testY, FashionMnistData.Classes);
            var record = new EpochRecord(p.Epoch + 1, p.Error, testLoss, trainAccuracy, testAccuracy, p.Elapsed - measuring);
            measuring += Stopwatch.GetElapsedTime(start);
            history.Add(record);
            onEpoch?.Invoke(record);
        });

        TrainingResult<float> result = Trainer.Train(
            network, data.TrainInputs, trainY, options, new Adam(), progress, cancellationToken: cancellationToken);
        return new FashionMnistRun<TNetwork>(network, history, ConfusionMatrix.Compute(network, data.TestInputs, data.TestLabels), result);
    }

    private static double Accuracy(float[] outputs, int[] labels)
    {
        var matrix = new ConfusionMatrix(FashionMnistData.Classes);
        for (int row = 0; row < labels.Length; row++)
        {
            matrix.Add(labels[row], TensorPrimitives.IndexOfMax<float>(outputs.AsSpan(row * FashionMnistData.Classes, FashionMnistData.Classes)));
        }

        return matrix.Accuracy;
    }
}
