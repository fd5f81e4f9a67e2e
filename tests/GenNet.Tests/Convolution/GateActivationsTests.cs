using System;
using GenNet.Activations;
using GenNet.CompilerServices;
using Xunit;

namespace GenNet.Tests.Convolution;

/// <summary>The streaming layers' activation: tanh and σ within a few ulp for every length (the padded last register
/// included), anything else exactly the precise lanes.</summary>
public sealed class GateActivationsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(25)]
    [InlineData(40)]
    public void Tanh_and_sigmoid_are_within_a_few_ulp_at_every_length(int length)
    {
        float[] x = new float[length];
        new NumpyRandom(length).FillSymmetricUniform(x);
        for (int i = 0; i < length; i++)
        {
            x[i] *= 6;
        }

        float[] tanh = (float[])x.Clone(), sigmoid = (float[])x.Clone();
        GateActivations.Activate<Tanh, float>(tanh);
        GateActivations.Activate<Sigmoid, float>(sigmoid);
        for (int i = 0; i < length; i++)
        {
            AssertUlps(Math.Tanh(x[i]), tanh[i], $"tanh({x[i]})");
            AssertUlps(1 / (1 + Math.Exp(-(double)x[i])), sigmoid[i], $"σ({x[i]})");
        }
    }

    [Fact]
    public void Other_activations_and_double_are_the_precise_lanes_bit_for_bit()
    {
        double[] x = new double[19];
        new NumpyRandom(3).FillSymmetricUniform(x);
        double[] expected = (double[])x.Clone(), actual = (double[])x.Clone();
        ActivationLanes.Activate<Tanh, double>(expected);
        GateActivations.Activate<Tanh, double>(actual);
        Assert.Equal(expected, actual);

        float[] y = new float[19];
        new NumpyRandom(4).FillSymmetricUniform(y);
        float[] relu = (float[])y.Clone(), gate = (float[])y.Clone();
        ActivationLanes.Activate<ReLU, float>(relu);
        GateActivations.Activate<ReLU, float>(gate);
        Assert.Equal(relu, gate);
    }

    private static void AssertUlps(double expected, float actual, string what)
    {
        double ulp = Math.Max(MathF.BitIncrement(MathF.Abs((float)expected)) - MathF.Abs((float)expected), float.Epsilon);
        double ulps = Math.Abs(actual - expected) / ulp;
        Assert.True(ulps <= 6, $"{what}: {actual:R} against {expected:R}, {ulps:F1} ulp");
    }
}
