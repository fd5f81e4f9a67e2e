using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>
/// Batch normalisation. The training loss depends on the whole batch (its statistics), so finite differences are taken
/// of the training-mode loss that ComputeGradient reports; that loss itself is checked against a forward pass written
/// out in this test.
/// </summary>
public sealed class BatchNormTests
{
    [Theory]
    [InlineData(nameof(BatchNormRegression))]
    [InlineData(nameof(BatchNormClassifier))]
    public void Gradient_matches_central_differences_of_the_training_loss(string name)
    {
        ITrainableNetwork<double> network = name == nameof(BatchNormRegression) ? new BatchNormRegression() : new BatchNormClassifier();
        network.InitializeWeights(6);
        // Move γ and β away from 1 and 0 so that their gradients are exercised in general position.
        var random = new NumpyRandom(1);
        for (int i = 0; i < network.ParameterCount; i++)
        {
            network.Parameters[i] += 0.3 * ((2 * random.NextDouble()) - 1);
        }

        (double[] x, double[] raw) = TestData.Batch(network.InputCount, network.OutputCount, rows: 6, seed: 12);
        double[] y = TestData.TargetsFor(network, raw);
        double[] gradient = new double[network.ParameterCount];
        double[] scratch = new double[network.ParameterCount];
        network.ComputeGradient(x, y, gradient);

        double scale = gradient.Max(Math.Abs);
        for (int k = 0; k < network.ParameterCount; k++)
        {
            double original = network.Parameters[k];
            double h = 1e-3 * Math.Max(1, Math.Abs(original));
            double LossAt(double offset)
            {
                network.Parameters[k] = original + offset;
                return network.ComputeGradient(x, y, scratch);
            }

            double numeric = (LossAt(-2 * h) - (8 * LossAt(-h)) + (8 * LossAt(h)) - LossAt(2 * h)) / (12 * h);
            network.Parameters[k] = original;
            double relative = Math.Abs(numeric - gradient[k]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(gradient[k])), 1e-3 * scale);
            Assert.True(relative < 1e-6, $"parameter {k}: analytic {gradient[k]:R}, numeric {numeric:R}");
        }
    }

    [Fact]
    public void Training_loss_and_running_statistics_match_a_hand_written_forward_pass()
    {
        var network = new BatchNormTiny();
        network.InitializeWeights(2);
        Span<double> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] += 0.1 * i; // γ ≠ 1, β ≠ 0
        }

        (double[] x, double[] y) = TestData.Batch(2, 1, rows: 5, seed: 4);
        double[] w0 = network.Synapse0.ToArray(), b0 = network.Bias0.ToArray(), gamma = network.Gamma1.ToArray(), beta = network.Beta1.ToArray();
        double[] w1 = network.Synapse1.ToArray(), b1 = network.Bias1.ToArray();

        // z = x·W0 + b0; per neuron batch mean and (biased) variance; y1 = γ·(z − μ)/√(σ² + 1e-5) + β; out = y1·W1 + b1.
        double[,] z = new double[5, 3];
        for (int r = 0; r < 5; r++)
        {
            for (int j = 0; j < 3; j++)
            {
                z[r, j] = (x[r * 2] * w0[j]) + (x[(r * 2) + 1] * w0[3 + j]) + b0[j];
            }
        }

        double loss = 0;
        double[] means = new double[3], variances = new double[3];
        for (int j = 0; j < 3; j++)
        {
            means[j] = Enumerable.Range(0, 5).Average(r => z[r, j]);
            variances[j] = Enumerable.Range(0, 5).Average(r => (z[r, j] - means[j]) * (z[r, j] - means[j]));
        }

        for (int r = 0; r < 5; r++)
        {
            double output = b1[0];
            for (int j = 0; j < 3; j++)
            {
                output += ((gamma[j] * (z[r, j] - means[j]) / Math.Sqrt(variances[j] + 1e-5)) + beta[j]) * w1[j];
            }

            loss += (output - y[r]) * (output - y[r]) / 5;
        }

        double reported = network.ComputeGradient(x, y, new double[BatchNormTiny.ParameterCount]);

        Assert.Equal(loss, reported, 1e-12);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0.1 * means[j], network.RunningMean[j], 1e-12);
            Assert.Equal((0.9 * 1) + (0.1 * variances[j] * 5 / 4), network.RunningVariance[j], 1e-12);
        }
    }

    [Fact]
    public void Predict_normalises_with_the_running_statistics()
    {
        var network = new BatchNormTiny();
        network.InitializeWeights(3);
        network.RunningMean[0] = 0.5;
        network.RunningMean[1] = -0.25;
        network.RunningMean[2] = 1;
        network.RunningVariance[0] = 2;
        network.RunningVariance[1] = 0.5;
        network.RunningVariance[2] = 4;
        double[] input = { 0.7, -1.3 };

        double expected = network.Bias1[0];
        for (int j = 0; j < 3; j++)
        {
            double z = (input[0] * network.Synapse0[j]) + (input[1] * network.Synapse0[3 + j]) + network.Bias0[j];
            double normalized = (z - network.RunningMean[j]) / Math.Sqrt(network.RunningVariance[j] + 1e-5);
            expected += ((network.Gamma1[j] * normalized) + network.Beta1[j]) * network.Synapse1[j];
        }

        double[] output = new double[1];
        network.Predict(input, output);

        Assert.Equal(expected, output[0], 1e-12);
    }

    [Fact]
    public void Batch_normalised_classifier_learns_and_starts_as_the_identity()
    {
        var network = new BatchNormClassifier();
        network.InitializeWeights(1);
        Assert.All(network.Gamma1.ToArray(), g => Assert.Equal(1.0, g));
        Assert.All(network.Beta1.ToArray(), b => Assert.Equal(0.0, b));

        (double[] x, double[] raw) = TestData.Batch(4, 3, rows: 32, seed: 5);
        double[] y = TestData.TargetsFor(network, raw);
        double first = network.TrainStep(x, y, 0.5);
        double last = first;
        for (int i = 0; i < 200; i++)
        {
            last = network.TrainStep(x, y, 0.5);
        }

        Assert.True(last < 0.7 * first, $"cross-entropy went from {first} to {last}");
    }

    [Fact]
    public void Generated_batch_normalised_network_saves_and_loads_its_running_statistics()
    {
        var trained = new BatchNormRegression();
        (double[] x, double[] y) = TestData.Batch(5, 3, rows: 16, seed: 8);
        for (int i = 0; i < 20; i++)
        {
            trained.TrainStep(x, y, 0.1);
        }

        Assert.IsAssignableFrom<IBatchNormalizedNetwork<double>>(trained);
        var stream = new System.IO.MemoryStream();
        global::GenNet.Persistence.WeightFile.Save(trained, stream);
        stream.Position = 0;
        var loaded = new BatchNormRegression();
        global::GenNet.Persistence.WeightFile.Load(loaded, stream);

        Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(trained.RunningMean.ToArray(), loaded.RunningMean.ToArray());
        Assert.Equal(trained.RunningVariance.ToArray(), loaded.RunningVariance.ToArray());
        double[] a = new double[3], b = new double[3];
        trained.Predict(x.AsSpan(0, 5), a);
        loaded.Predict(x.AsSpan(0, 5), b);
        Assert.Equal(a, b);
    }
}
