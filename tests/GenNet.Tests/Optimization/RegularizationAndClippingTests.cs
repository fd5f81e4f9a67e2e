using System;
using System.Linq;
using GenNet.Training;
using GenNet.Samples.Xor;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>L2 regularisation and the blog's delta trimming (gradient clipping), alone and inside the trainer.</summary>
public sealed class RegularizationAndClippingTests
{
    [Fact]
    public void Clipping_by_norm_keeps_the_direction_and_returns_the_original_norm()
    {
        double[] g = { 3, -4 };
        Assert.Equal(5, GradientClipping.ByNorm<double>(g, 1));
        Assert.Equal(0.6, g[0], 1e-15);
        Assert.Equal(-0.8, g[1], 1e-15);

        double[] small = { 0.3, 0.4 };
        Assert.Equal(0.5, GradientClipping.ByNorm<double>(small, 1), 1e-15);
        Assert.Equal(new[] { 0.3, 0.4 }, small);
    }

    [Fact]
    public void Clipping_by_value_clamps_each_component()
    {
        double[] g = { 3, -4, 0.25, -0.5 };
        GradientClipping.ByValue<double>(g, 0.5);
        Assert.Equal(new[] { 0.5, -0.5, 0.25, -0.5 }, g);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByValue<double>(g, 0));
    }

    [Fact]
    public void L2_adds_lambda_times_the_weights_to_the_gradient()
    {
        double[] g = { 1, 2 };
        Regularization.AddL2<double>(g, new double[] { 10, -20 }, 0.5);
        Assert.Equal(new[] { 6.0, -8.0 }, g);
        Assert.Equal(0.5 * 0.5 * 500, Regularization.L2Penalty<double>(new double[] { 10, -20 }, 0.5));
    }

    [Fact]
    public void A_trainer_step_regularises_then_clips_then_updates()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        const double alpha = 0.7, lambda = 0.01, limit = 0.02, maxNorm = 0.03;

        var manual = new XorNet();
        manual.InitializeWeights(1);
        var g = new double[XorNet.ParameterCount];
        for (int step = 0; step < 3; step++)
        {
            manual.ComputeGradient(x, y, g);
            double[] w = manual.Parameters.ToArray();
            double[] clipped = g.Select((gi, i) => Math.Clamp(gi + (lambda * w[i]), -limit, limit)).ToArray();
            double norm = Math.Sqrt(clipped.Sum(c => c * c));
            double scale = norm > maxNorm ? maxNorm / norm : 1;
            for (int i = 0; i < w.Length; i++)
            {
                manual.Parameters[i] = w[i] - (alpha * (clipped[i] * scale));
            }
        }

        var trained = new XorNet();
        trained.InitializeWeights(1);
        var options = new TrainingOptions<double> { Iterations = 3, LearningRate = alpha, L2 = lambda, ClipValue = limit, ClipNorm = maxNorm, ReportEvery = 0 };
        Trainer.Train(trained, x, y, options);

        for (int i = 0; i < XorNet.ParameterCount; i++)
        {
            Assert.Equal(manual.Parameters[i], trained.Parameters[i], 1e-15);
        }
    }

    [Fact]
    public void L2_keeps_the_weights_smaller()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        double Norm(double l2)
        {
            var network = new XorNet();
            network.InitializeWeights(1);
            Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 3_000, L2 = l2, ReportEvery = 0 });
            return Math.Sqrt(network.Parameters.ToArray().Sum(w => w * w));
        }

        Assert.True(Norm(0.01) < 0.8 * Norm(0), $"{Norm(0.01)} vs {Norm(0)}");
    }
}
