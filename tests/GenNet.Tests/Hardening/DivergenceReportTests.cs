using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenNet;
using GenNet.Samples.HiddenSize;
using GenNet.Samples.Xor;
using GenNet.Tests.Infrastructure;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// The blog's divergence, "the error increasing instead of decreasing… hardlining at 0.5", is reported through the
/// training result and every progress report after it is seen, while the run itself (every weight, every printed
/// error) stays exactly the blog's loop. Of the blog's fourteen alpha-sweep runs, the three that end at 0.5 are flagged
/// and the eleven that learn are not, α = 100 with 4 hidden neurons (which overshoots above its start for a few steps)
/// included.
/// </summary>
public sealed class DivergenceReportTests
{
    public static TheoryData<int, double, bool> AlphaSweep()
    {
        var runs = new TheoryData<int, double, bool>();
        foreach (int hidden in new[] { 4, 32 })
        {
            foreach (double alpha in new[] { 0.001, 0.01, 0.1, 1, 10, 100, 1000 })
            {
                runs.Add(hidden, alpha, alpha == 1000 || (hidden == 32 && alpha == 100));
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(AlphaSweep))]
    public void The_blogs_diverging_runs_are_reported_and_still_reproduce_the_blog(int hidden, double alpha, bool diverges)
    {
        ITrainableNetwork<double> network = hidden == 4 ? new XorNet() : new HiddenSizeNet();
        ITrainableNetwork<double> loop = hidden == 4 ? new XorNet() : new HiddenSizeNet();
        network.InitializeWeights(1);
        loop.InitializeWeights(1);
        var reports = new List<TrainingProgress<double>>();

        TrainingResult<double> result = Trainer.Train(
            network,
            XorExperiment.Inputs,
            XorExperiment.Targets,
            new TrainingOptions<double> { Iterations = 60_000, LearningRate = alpha, ReportEvery = 10_000 },
            new ProgressCallback<TrainingProgress<double>>(reports.Add));

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(diverges, result.Diverging);
        Assert.Equal(diverges ? new[] { false, true, true, true, true, true } : new bool[6], reports.Select(r => r.Diverging));
        if (diverges)
        {
            // Flagged once the error has stayed above its start for the patience (1,000 steps) and never came back.
            Assert.InRange(result.DivergingSince, 1, 10_000 - 1_000);
        }
        else
        {
            Assert.Equal(-1, result.DivergingSince);
        }

        // The blog's numbers are untouched: its printed digits, and (for the runs near the line) the plain loop's
        // printed errors and every weight, bit for bit.
        var experiment = BlogTables.Experiment($"post2_alpha_sweep_hidden{hidden}_alpha{alpha.ToString(CultureInfo.InvariantCulture)}");
        if (!experiment.GetProperty("sensitive").GetBoolean())
        {
            Assert.Equal(
                experiment.GetProperty("blog_errors").EnumerateArray().Select(e => e.GetString()),
                reports.Select(r => r.Error.ToString("G12", CultureInfo.InvariantCulture)));
        }

        if (diverges || alpha == 100)
        {
            var printed = new List<double>();
            for (int j = 0; j < 60_000; j++)
            {
                double error = loop.TrainStep(XorExperiment.Inputs, XorExperiment.Targets, alpha);
                if (j % 10_000 == 0)
                {
                    printed.Add(error);
                }
            }

            Assert.Equal(printed, reports.Select(r => r.Error));
            Assert.Equal(loop.Parameters.ToArray(), network.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_short_overshoot_is_not_reported_and_the_report_can_be_turned_off()
    {
        var network = new XorNet();
        network.InitializeWeights(1);
        TrainingResult<double> off = Trainer.Train(
            network, XorExperiment.Inputs, XorExperiment.Targets,
            new TrainingOptions<double> { Iterations = 5_000, LearningRate = 1000, ReportEvery = 0, DivergencePatience = 0 });
        Assert.False(off.Diverging);

        network.InitializeWeights(1);
        TrainingResult<double> quick = Trainer.Train(
            network, XorExperiment.Inputs, XorExperiment.Targets,
            new TrainingOptions<double> { Iterations = 5_000, LearningRate = 1000, ReportEvery = 0, DivergencePatience = 10 });
        Assert.True(quick.Diverging);

        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(
            network, XorExperiment.Inputs, XorExperiment.Targets, new TrainingOptions<double> { DivergencePatience = -1 }));
    }

}
