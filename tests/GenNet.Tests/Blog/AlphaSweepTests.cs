using System;
using System.Globalization;
using System.Linq;
using GenNet;
using GenNet.Samples.Shared;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Blog;

/// <summary>
/// Part 2's alpha sweeps (alphas 0.001 … 1000, hidden 4 and hidden 32, 60,000 steps each) against every number of
/// Reference/blog-tables.json: the errors every 10,000 steps, the final synapses, and for hidden 4 the update
/// direction changes.
/// </summary>
public sealed class AlphaSweepTests
{
    public static TheoryData<string> Sweeps => new(BlogExperiment.SweepNames);

    public static TheoryData<string> CloserLookSweeps =>
        new(BlogExperiment.SweepNames.Where(name => BlogExperiment.Get(name).HasDirectionChanges));

    public static TheoryData<string> SensitiveSweeps =>
        new(BlogExperiment.SweepNames.Where(name => BlogExperiment.Get(name).Sensitive));

    [Fact]
    public void The_file_holds_the_fourteen_sweeps_of_the_blog()
    {
        Assert.Equal(14, BlogExperiment.SweepNames.Count());
        Assert.Equal(7, CloserLookSweeps.Count);
        Assert.Equal(2, SensitiveSweeps.Count);
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void Initial_synapses_are_numpys_draws_bit_for_bit(string name)
    {
        BlogRun run = BlogRun.Of(name);

        Assert.Equal(run.Experiment.NumpyInitialParameters, run.InitialParameters);
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void Errors_every_10000_iterations_match_numpy(string name)
    {
        BlogRun run = BlogRun.Of(name);
        double[] expected = run.Experiment.NumpyErrors;

        Assert.Equal(expected.Length, run.Errors.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            // Iteration 0 comes before any update, where nothing is chaotic yet.
            double tolerance = run.Experiment.Sensitive && i > 0 ? BlogTolerance.Chaotic : BlogTolerance.Error;
            BlogTolerance.Relative(expected[i], run.Errors[i], tolerance, $"{name}, error at iteration {i * run.Experiment.ErrorEvery}");
        }
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void Final_synapses_match_numpy(string name)
    {
        BlogRun run = BlogRun.Of(name);
        double[] expected = run.Experiment.NumpyFinalParameters;
        Assert.Equal(expected.Length, run.FinalParameters.Length);

        if (!run.Experiment.HasChaoticWeights)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                BlogTolerance.Relative(expected[i], run.FinalParameters[i], BlogTolerance.Synapse, $"{name}, parameter {i}");
            }

            return;
        }

        // Where a chaotic run's weights end depends on last bits, so weight by weight only the sign is robust;
        // what the weights compute is: the trained network's error equals that of numpy's final weights.
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Sign(expected[i]) == Math.Sign(run.FinalParameters[i]),
                $"{name}, parameter {i}: numpy {expected[i]:R}, GenNet {run.FinalParameters[i]:R}");
        }

        ITrainableNetwork<double> numpyWeights = run.Experiment.CreateNetwork();
        expected.CopyTo(numpyWeights.Parameters);
        BlogTolerance.Relative(
            TestData.MeanAbsoluteError(numpyWeights, run.Experiment.X, run.Experiment.Y),
            TestData.MeanAbsoluteError(run.Network, run.Experiment.X, run.Experiment.Y),
            BlogTolerance.Chaotic,
            $"{name}, error of the trained network");
    }

    [Theory]
    [MemberData(nameof(CloserLookSweeps))]
    public void Update_direction_changes_match_numpy_exactly(string name)
    {
        BlogRun run = BlogRun.Of(name);

        Assert.Equal(run.Experiment.NumpyDirectionChanges, run.DirectionChanges);
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void Printed_errors_read_as_the_blog_printed_them(string name)
    {
        BlogRun run = BlogRun.Of(name);
        string[] blog = run.Experiment.BlogErrors;

        Assert.Equal(blog.Length, run.Errors.Count);
        for (int i = 0; i < blog.Length; i++)
        {
            if (run.Experiment.Sensitive && i > 0)
            {
                double printed = double.Parse(blog[i], CultureInfo.InvariantCulture);
                BlogTolerance.Relative(printed, run.Errors[i], BlogTolerance.Chaotic, $"{name}, printed error {i}");
            }
            else
            {
                Assert.Equal(blog[i], PythonFormat.Str(run.Errors[i]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SensitiveSweeps))]
    public void Chaotic_tolerance_covers_the_gap_between_the_blog_and_numpy(string name)
    {
        // The tolerance is derived from this gap (see BlogTolerance.Chaotic); if the file changes, this says so.
        BlogExperiment experiment = BlogExperiment.Get(name);
        double[] numpy = experiment.NumpyErrors;
        string[] blog = experiment.BlogErrors;
        for (int i = 0; i < numpy.Length; i++)
        {
            double printed = double.Parse(blog[i], CultureInfo.InvariantCulture);
            BlogTolerance.Relative(numpy[i], printed, BlogTolerance.Chaotic, $"{name}, blog versus numpy at {i}");
        }
    }
}
