using System;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>Wrong sizes and bad learning rates fail with an ArgumentException naming expected and actual sizes.</summary>
public sealed class GuardTests
{
    [Fact]
    public void Predict_rejects_a_short_input()
    {
        var network = new Net3x4x1();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new double[2], new double[1]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("must hold exactly 3 values; it holds 2", error.Message);
    }

    [Fact]
    public void Predict_rejects_a_wrong_output()
    {
        var network = new Net2x3x2();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new double[2], new double[3]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("must hold exactly 2 values; it holds 3", error.Message);
    }

    [Fact]
    public void PredictBatch_rejects_partial_rows_and_mismatched_outputs()
    {
        var network = new Net2x3x2();
        var partial = Assert.Throws<ArgumentException>(() => network.PredictBatch(new double[5], new double[4]));
        Assert.Contains("whole rows of 2 values; it holds 5", partial.Message);

        var mismatch = Assert.Throws<ArgumentException>(() => network.PredictBatch(new double[6], new double[4]));
        Assert.Equal("outputs", mismatch.ParamName);
        Assert.Contains("must hold 3 rows of 2 values (6 in all) to match inputs; it holds 4", mismatch.Message);
    }

    [Fact]
    public void Training_rejects_empty_batches_wrong_gradients_and_bad_learning_rates()
    {
        var network = new Net3x4x1();
        double[] before = network.Parameters.ToArray();
        double[] x = new double[12], y = new double[4];

        Assert.Throws<ArgumentException>(() => network.TrainStep(Array.Empty<double>(), Array.Empty<double>(), 1));
        Assert.Throws<ArgumentException>(() => network.TrainStep(x, new double[3], 1));
        var gradient = Assert.Throws<ArgumentException>(() => network.ComputeGradient(x, y, new double[15]));
        Assert.Contains("must hold exactly 16 values; it holds 15", gradient.Message);
        foreach (double rate in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
        {
            var bad = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(x, y, rate));
            Assert.Equal("learningRate", bad.ParamName);
        }

        Assert.Equal(before, network.Parameters.ToArray());
    }
}
