using System;
using GenNet.Training;

namespace GenNet.Samples.Xor;

/// <summary>
/// The three-layer experiment of "A Neural Network in 11 lines of Python (Part 1)": XOR of the first two
/// inputs, weights seeded like <c>np.random.seed(1)</c>, 60,000 full-batch steps with alpha = 1.
/// </summary>
public static class XorExperiment
{
    /// <summary>The blog's X: two bits and a constant 1 per row.</summary>
    public static ReadOnlySpan<double> Inputs => new double[]
    {
        0, 0, 1,
        0, 1, 1,
        1, 0, 1,
        1, 1, 1,
    };

    /// <summary>The blog's y: the XOR of the first two columns.</summary>
    public static ReadOnlySpan<double> Targets => new double[] { 0, 1, 1, 0 };

    /// <summary>Trains a fresh network as the blog does and returns it with the run's result.</summary>
    public static (XorNet Network, TrainingResult<double> Result) Run(IProgress<TrainingProgress<double>>? progress = null)
    {
        var network = new XorNet();
        network.InitializeWeights(seed: 1);
        var options = new TrainingOptions<double> { Iterations = 60_000, LearningRate = 1.0, ReportEvery = 10_000 };
        TrainingResult<double> result = Trainer.Train(network, Inputs, Targets, options, progress);
        return (network, result);
    }
}
