using System;
using GenNet.Networks;
using GenNet.Randomness;

namespace GenNet.Tests.Infrastructure;

/// <summary>Seeded random batches and an independent loss, for checks that must not trust the generated code.</summary>
internal static class Data
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

    /// <summary><c>E = ½ Σ (output − target)²</c>, from <see cref="INetwork{T}.PredictBatch"/> only.</summary>
    public static double HalfSquaredError(INetwork<double> network, double[] inputs, double[] targets)
    {
        var outputs = new double[targets.Length];
        network.PredictBatch(inputs, outputs);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double difference = outputs[i] - targets[i];
            sum += difference * difference;
        }

        return sum / 2;
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
