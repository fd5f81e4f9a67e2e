using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Targets are checked against the loss (issue 13, item 4): binary cross-entropy takes [0, 1], categorical
/// cross-entropy takes probability distributions; every training entry refuses the rest naming the row and column,
/// before anything changes. The squared losses take any finite target.
/// </summary>
public sealed class TargetCheckTests
{
    [Fact]
    public void Binary_cross_entropy_refuses_a_target_outside_0_1_in_every_training_call()
    {
        var network = new ReluBinaryClassifier();
        double[] x = Enumerable.Range(0, 4 * 3).Select(i => i / 10.0).ToArray();
        double[] y = { 0, 1, 1, 0, 1, 5, 0, 0 };
        double[] before = network.Parameters.ToArray();

        var step = Assert.Throws<ArgumentException>(() => network.TrainStep(x, y, 0.1));
        var gradient = Assert.Throws<ArgumentException>(() => network.ComputeGradient(x, y, new double[ReluBinaryClassifier.ParameterCount]));
        var trainer = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 5, LearningRate = 0.1 }));

        foreach (ArgumentException error in new[] { step, gradient, trainer })
        {
            Assert.Equal("targets", error.ParamName);
            Assert.Contains("must be in [0, 1] for the binary cross-entropy loss; it holds 5 at row 2, column 1 (index 5)", error.Message);
        }

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("numpy order")]
    public void Categorical_cross_entropy_refuses_rows_that_are_not_distributions(string path)
    {
        ITrainableNetwork<double> network = path == "fast" ? new LanesSoftmax() : new LanesSoftmaxExact();
        double[] x = Enumerable.Range(0, 3 * 4).Select(i => i / 10.0).ToArray();
        double[] before = network.Parameters.ToArray();

        var twoLabels = Assert.Throws<ArgumentException>(() => network.TrainStep(x, new double[] { 1, 0, 0, 0, 1, 1, 0, 0, 1 }, 0.1));
        Assert.Contains("row 1 sums to 2", twoLabels.Message);
        var negative = Assert.Throws<ArgumentException>(() => network.TrainStep(x, new double[] { 1, 0, 0, 0, 1, 0, 1.5, -0.5, 0 }, 0.1));
        Assert.Contains("it holds -0.5 at row 2, column 1 (index 7)", negative.Message);
        var labels = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, new double[] { 2, 0, 0, 0, 1, 0, 0, 0, 1 }, new TrainingOptions<double> { Iterations = 5, LearningRate = 0.1 }));
        Assert.Contains("row 0 sums to 2", labels.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        // One-hot and label-smoothed rows (with their rounding) train.
        double third = 1.0 / 3;
        network.TrainStep(x, new double[] { 1, 0, 0, 0.9, 0.05, 0.05, third, third, third }, 0.1);
        Assert.NotEqual(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Squared_losses_take_any_finite_target()
    {
        var network = new Net5x7x3();
        double[] x = Enumerable.Range(0, 2 * 5).Select(i => i / 10.0).ToArray();
        network.TrainStep(x, new double[] { 5, -3, 100, 0, 0, 2 }, 0.01);
    }
}
