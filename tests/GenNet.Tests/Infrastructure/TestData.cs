using System;
using GenNet;

namespace GenNet.Tests.Infrastructure;

/// <summary>Seeded random batches and an independent loss, for checks that must not trust the generated code.</summary>
internal static class TestData
{
    /// <summary>Inputs uniform in [−1, 1) and targets uniform in [0, 1), from <paramref name="seed"/>.</summary>
    public static (double[] Inputs, double[] Targets) Batch(int inputCount, int outputCount, int rows, int seed)
    {
        var random = new NumpyRandom(seed);
        var inputs = new double[rows * inputCount];
        random.FillSymmetricUniform(inputs);
        var targets = new double[rows * outputCount];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextDouble();
        }

        return (inputs, targets);
    }

    /// <summary>
    /// The loss the network trains on (<see cref="NetworkArchitecture.Loss"/>), written out from its textbook
    /// definition and computed from <see cref="INetwork{T}.PredictBatch"/> outputs only.
    /// </summary>
    public static double Loss(INetwork<double> network, double[] inputs, double[] targets)
    {
        var outputs = new double[targets.Length];
        network.PredictBatch(inputs, outputs);
        int rows = inputs.Length / network.InputCount;
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double p = outputs[i], y = targets[i];
            sum += network.Architecture.Loss switch
            {
                LossFunction.SumSquaredError => (p - y) * (p - y) / 2,
                LossFunction.MeanSquaredError => (p - y) * (p - y) / outputs.Length,
                LossFunction.BinaryCrossEntropy => -((y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p))) / outputs.Length,
                _ => -y * Math.Log(p) / rows,
            };
        }

        return sum;
    }

    /// <summary>What TrainStep and ComputeGradient report: the blog's mean |error| for its loss, else the loss itself.</summary>
    public static double ReportedError(INetwork<double> network, double[] inputs, double[] targets) =>
        network.Architecture.Loss == LossFunction.SumSquaredError
            ? MeanAbsoluteError(network, inputs, targets)
            : Loss(network, inputs, targets);

    /// <summary>Targets that suit the loss: one-hot rows for categorical cross-entropy, values in [0, 1) otherwise.</summary>
    public static double[] TargetsFor(INetwork<double> network, double[] targets)
    {
        if (network.Architecture.Loss != LossFunction.CategoricalCrossEntropy)
        {
            return targets;
        }

        var oneHot = new double[targets.Length];
        int classes = network.OutputCount;
        for (int row = 0; row < targets.Length / classes; row++)
        {
            oneHot[(row * classes) + (int)(targets[row * classes] * classes)] = 1;
        }

        return oneHot;
    }

    /// <summary><c>mean(|output − target|)</c>, from <see cref="INetwork{T}.PredictBatch"/> only.</summary>
    public static double MeanAbsoluteError(INetwork<double> network, double[] inputs, double[] targets)
    {
        var outputs = new double[targets.Length];
        network.PredictBatch(inputs, outputs);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Math.Abs(outputs[i] - targets[i]);
        }

        return sum / outputs.Length;
    }
}
