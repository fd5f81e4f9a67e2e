using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using GenNet.Training;
using GenNet.Samples.Xor;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>NaN or infinity stops training with <see cref="TrainingStatus.Diverged"/>; saturation does not (it is reported).</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void The_blogs_alpha_1000_run_saturates_at_0_5_and_is_reported_but_not_stopped()
    {
        // The blog calls this divergence ("hardlining at 0.5"): the sigmoids saturate and the gradient vanishes, but
        // every weight stays finite, so the trainer must run all 60,000 steps and print the blog's numbers. The rising
        // error is reported (TrainingResult.Diverging; see Hardening/DivergenceReportTests), the status is Completed.
        JsonElement experiment = BlogTables.Experiment("post2_alpha_sweep_hidden4_alpha1000");
        double[] expected = experiment.GetProperty("numpy_errors_hex").EnumerateArray().Select(e => BlogTables.ParseHex(e.GetString()!)).ToArray();
        var network = new XorNet();
        network.InitializeWeights(1);
        var reports = new List<double>();

        TrainingResult<double> result = Trainer.Train(
            network,
            XorExperiment.Inputs,
            XorExperiment.Targets,
            new TrainingOptions<double> { Iterations = 60_000, LearningRate = 1000, ReportEvery = 10_000 },
            new ProgressCallback<TrainingProgress<double>>(p => reports.Add(p.Error)));

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.True(result.Diverging);
        Assert.Equal(60_000, result.Iterations);
        Assert.Equal(expected.Length, reports.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            // numpy's exp and Math.Exp may differ in the last bit (Reference/README.md): about 1e-9 relative.
            Assert.True(Math.Abs(reports[i] - expected[i]) <= 1e-9 * expected[i], $"report {i}: {reports[i]:R} vs {expected[i]:R}");
        }

        Assert.Equal(0.5, reports[^1]);
        Assert.True(TensorPrimitives.IsFiniteAll<double>(network.Parameters));

        // And the divergence check changes nothing: the weights are those of the plain blog loop, bit for bit.
        var loop = new XorNet();
        loop.InitializeWeights(1);
        for (int j = 0; j < 60_000; j++)
        {
            loop.TrainStep(XorExperiment.Inputs, XorExperiment.Targets, 1000);
        }

        Assert.Equal(loop.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void A_NaN_row_is_refused_before_any_step_and_the_weights_stay()
    {
        // Non-finite data never reaches a step (Guard.TrainingRows checks all of it first); Diverged is for a run whose
        // own arithmetic overflows, below.
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        y[2] = double.NaN;
        var options = new TrainingOptions<double> { Epochs = 5, BatchSize = 1, Shuffle = false, LearningRate = 0.5, ReportEvery = 0 };
        var network = new XorNet();
        network.InitializeWeights(1);
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, options));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("row 2, column 0", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_update_that_overflows_the_weights_is_undone(bool fused)
    {
        // 400 rows all targeting 0 give gradient components above 2, so a step of α = double.MaxValue overflows.
        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 400, seed: 6);
        System.Array.Clear(y);
        var network = new Net40x30x3();
        network.InitializeWeights(3);
        double[] before = network.Parameters.ToArray();
        var options = new TrainingOptions<double> { Iterations = 10, LearningRate = double.MaxValue, ReportEvery = 0 };

        TrainingResult<double> result = fused
            ? Trainer.Train(network, x, y, options)
            : Trainer.Train(network, x, y, options, new Momentum());

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(0, result.Iterations);
        Assert.True(double.IsFinite(result.FinalError));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void With_the_check_off_training_runs_on_with_broken_weights()
    {
        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 400, seed: 6);
        System.Array.Clear(y);
        var network = new Net40x30x3();
        network.InitializeWeights(3);
        var options = new TrainingOptions<double> { Iterations = 3, LearningRate = double.MaxValue, ReportEvery = 0, StopOnDivergence = false };

        TrainingResult<double> result = Trainer.Train(network, x, y, options);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.False(TensorPrimitives.IsFiniteAll<double>(network.Parameters));
    }
}
