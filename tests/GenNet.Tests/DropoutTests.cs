using System;
using System.Linq;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>
/// Inverted dropout. For one row, dropping hidden neuron j with scale m_j is the same as multiplying row j of
/// synapse_1 by m_j in a network without dropout; the gradient is checked against finite differences of that
/// equivalent network's loss, computed by the test.
/// </summary>
public sealed class DropoutTests
{
    [Fact]
    public void Dropout_gradient_matches_the_equivalent_masked_network()
    {
        (double[] x, double[] y) = TestData.Batch(DropoutNet.InputCount, DropoutNet.OutputCount, rows: 1, seed: 21);
        var network = new DropoutNet();
        network.InitializeWeights(3);
        double[] gradient = new double[DropoutNet.ParameterCount];
        double[] mask = Array.Empty<double>();
        for (int seed = 0; seed < 50; seed++)
        {
            network.SeedDropout(seed);
            network.ComputeGradient(x, y, gradient);
            mask = InferMask(gradient);
            if (mask.Contains(0) && mask.Contains(2))
            {
                break;
            }
        }

        Assert.Contains(0.0, mask);
        Assert.Contains(2.0, mask); // kept neurons are scaled by 1 / (1 − 0.5)

        double[] original = network.Parameters.ToArray();
        var reference = new DropoutReference();
        double LossWith(int k, double value)
        {
            double[] p = (double[])original.Clone();
            p[k] = value;
            Span<double> target = reference.Parameters;
            p.CopyTo(target);
            Span<double> synapse1 = reference.Synapse1;
            for (int j = 0; j < DropoutNet.HiddenCount; j++)
            {
                for (int k2 = 0; k2 < DropoutNet.OutputCount; k2++)
                {
                    synapse1[(j * DropoutNet.OutputCount) + k2] *= mask[j];
                }
            }

            return TestData.Loss(reference, x, y);
        }

        double scale = gradient.Max(Math.Abs);
        for (int k = 0; k < original.Length; k++)
        {
            double h = 1e-3 * Math.Max(1, Math.Abs(original[k]));
            double numeric = (LossWith(k, original[k] - (2 * h)) - (8 * LossWith(k, original[k] - h)) + (8 * LossWith(k, original[k] + h)) - LossWith(k, original[k] + (2 * h))) / (12 * h);
            double relative = Math.Abs(numeric - gradient[k]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(gradient[k])), 1e-3 * scale);
            Assert.True(relative < 1e-6, $"parameter {k}: analytic {gradient[k]:R}, numeric {numeric:R}");
        }
    }

    [Fact]
    public void Predict_never_drops_and_the_same_dropout_seed_repeats_the_masks()
    {
        var network = new DropoutNet();
        var reference = new DropoutReference();
        network.Parameters.CopyTo(reference.Parameters);
        double[] input = { 0.3, -0.2, 0.9, 0.1 };
        double[] a = new double[3], b = new double[3];
        network.Predict(input, a);
        reference.Predict(input, b);
        Assert.Equal(b, a);

        (double[] x, double[] y) = TestData.Batch(DropoutNet.InputCount, DropoutNet.OutputCount, rows: 8, seed: 2);
        double[] first = new double[DropoutNet.ParameterCount], second = new double[DropoutNet.ParameterCount], other = new double[DropoutNet.ParameterCount];
        network.SeedDropout(7);
        network.ComputeGradient(x, y, first);
        network.SeedDropout(7);
        network.ComputeGradient(x, y, second);
        network.SeedDropout(8);
        network.ComputeGradient(x, y, other);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void DropoutMask_drops_at_the_rate_and_scales_the_rest()
    {
        var mask = new DropoutMask(1);
        const int draws = 200_000;
        int dropped = 0;
        for (int i = 0; i < draws; i++)
        {
            double m = mask.Next(0.3, 1 / 0.7);
            Assert.True(m == 0 || m == 1 / 0.7);
            dropped += m == 0 ? 1 : 0;
        }

        // Binomial standard deviation is √(n·p·(1−p)) ≈ 205 draws; allow 5σ.
        Assert.InRange(dropped, (0.3 * draws) - 1025, (0.3 * draws) + 1025);
    }

    [Fact]
    public void Deep_single_precision_dropout_network_trains_and_allocates_nothing()
    {
        var network = new DeepDropoutNet();
        (double[] x, double[] y) = TestData.Batch(DeepDropoutNet.InputCount, DeepDropoutNet.OutputCount, rows: 16, seed: 4);
        float[] xs = x.Select(v => (float)v).ToArray(), ys = y.Select(v => (float)v).ToArray();
        float first = network.TrainStep(xs, ys, 0.05f);
        float last = first;
        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                last = network.TrainStep(xs, ys, 0.05f);
            }
        }

        Run(100);
        Assert.Equal(0, Allocations.SteadyState(() => Run(200), warmUp: false));
        Assert.True(last < first, $"error went from {first} to {last}");
    }

    // Neuron j was dropped exactly when nothing flowed through it: its incoming weights, its bias and its outgoing
    // weights all have zero gradient. Kept neurons have scale 2.
    private static double[] InferMask(double[] gradient)
    {
        var mask = new double[DropoutNet.HiddenCount];
        int bias0 = DropoutNet.InputCount * DropoutNet.HiddenCount;
        int synapse1 = bias0 + DropoutNet.HiddenCount;
        for (int j = 0; j < mask.Length; j++)
        {
            bool silent = gradient[bias0 + j] == 0
                && Enumerable.Range(0, DropoutNet.InputCount).All(i => gradient[(i * DropoutNet.HiddenCount) + j] == 0)
                && Enumerable.Range(0, DropoutNet.OutputCount).All(k => gradient[synapse1 + (j * DropoutNet.OutputCount) + k] == 0);
            mask[j] = silent ? 0 : 2;
        }

        return mask;
    }
}
