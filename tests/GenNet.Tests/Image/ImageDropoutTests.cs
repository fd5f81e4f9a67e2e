using System;
using System.Linq;
using GenNet.Data;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Image;

/// <summary>
/// Inverted dropout on the dense hidden layers of an image network: the gradient is that of the loss with the same masks
/// (central differences with the mask stream reseeded for every evaluation), units are dropped at the declared rate,
/// the masks follow the seed, and Predict never drops.
/// </summary>
public sealed class ImageDropoutTests
{
    [Fact]
    public void The_gradient_is_the_derivative_of_the_loss_under_the_same_masks()
    {
        // 19 rows: a full group of 16 and a partial one, so masks span both.
        var network = new DropoutImageNet();
        (double[] inputs, double[] targets) = Data(network, rows: 19, seed: 3);
        var gradient = new double[DropoutImageNet.ParameterCount];
        var scratch = new double[DropoutImageNet.ParameterCount];
        network.SeedDropout(11);
        network.ComputeGradient(inputs, targets, gradient);

        Span<double> p = network.Parameters;
        const double h = 1e-6;
        double largest = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double kept = p[k];
            p[k] = kept + h;
            network.SeedDropout(11);
            double plus = network.ComputeGradient(inputs, targets, scratch);
            p[k] = kept - h;
            network.SeedDropout(11);
            double minus = network.ComputeGradient(inputs, targets, scratch);
            p[k] = kept;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-7 + (1e-6 * Math.Abs(numeric)), $"parameter {k}: {gradient[k]} vs {numeric}");
            largest = Math.Max(largest, Math.Abs(numeric));
        }

        Assert.True(largest > 1e-3, "the check needs gradients that are not all zero");
    }

    [Fact]
    public void Hidden_units_are_dropped_at_the_declared_rate_and_the_masks_follow_the_seed()
    {
        // One row at a time: a dropped unit j of the first hidden layer passes nothing to the second, so row j of
        // synapse_1's gradient (its outgoing weights) is exactly zero; a kept one's is not (tanh units, random data).
        var network = new DropoutImageNet();
        (double[] inputs, double[] targets) = Data(network, rows: 1, seed: 4);
        var gradient = new double[DropoutImageNet.ParameterCount];
        int synapse1 = DropoutImageNet.Architecture.Image!.ParameterCount + (27 * 6) + 6;   // after conv, synapse_0 and its bias
        network.SeedDropout(1);
        int dropped = 0, seen = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            network.ComputeGradient(inputs, targets, gradient);
            for (int j = 0; j < 6; j++, seen++)
            {
                dropped += gradient.AsSpan(synapse1 + (j * 5), 5).ToArray().All(g => g == 0) ? 1 : 0;
            }
        }

        double rate = (double)dropped / seen;
        Assert.InRange(rate, 0.25, 0.35);   // 2,400 draws at 0.3: about ±0.03 at three standard deviations

        var first = new double[DropoutImageNet.ParameterCount];
        var again = new double[DropoutImageNet.ParameterCount];
        network.SeedDropout(9);
        network.ComputeGradient(inputs, targets, first);
        network.SeedDropout(9);
        network.ComputeGradient(inputs, targets, again);
        Assert.Equal(first, again);
        network.SeedDropout(10);
        network.ComputeGradient(inputs, targets, again);
        Assert.NotEqual(first, again);
    }

    [Fact]
    public void Predict_never_drops_and_parallel_gradients_are_refused()
    {
        var network = new DropoutImageNet();
        network.InitializeWeights(2);
        (double[] inputs, double[] targets) = Data(network, rows: 4, seed: 5);
        double[] parameters = network.Parameters.ToArray();
        var output = new double[3];
        for (int r = 0; r < 4; r++)
        {
            network.Predict(inputs.AsSpan(r * 64, 64), output);
            double[] expected = ImageReference.Forward(DropoutImageNet.Architecture, parameters, inputs.AsSpan(r * 64, 64));
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[j], output[j], 12);
            }
        }

        Assert.Equal(0.3, DropoutImageNet.Architecture.DropoutRate);
        Assert.Throws<ArgumentException>(() => ParallelGradient.Compute(network, inputs, targets, new double[DropoutImageNet.ParameterCount], 2, 2));
    }

    private static (double[] Inputs, double[] Targets) Data(DropoutImageNet network, int rows, int seed)
    {
        var random = new NumpyRandom(seed);
        Span<double> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = 0.8 * ((2 * random.NextDouble()) - 1);
        }

        var inputs = new double[rows * 64];
        random.FillSymmetricUniform(inputs);
        var targets = new double[rows * 3];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * 3) + (r % 3)] = 1;
        }

        return (inputs, targets);
    }
}
