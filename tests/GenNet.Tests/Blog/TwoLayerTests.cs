using System;
using System.Linq;
using GenNet.Samples.Shared;
using Xunit;

namespace GenNet.Tests.Blog;

/// <summary>
/// The two-layer networks of both posts (no hidden layer, 10,000 steps of size 1) against Reference/blog-tables.json:
/// the printed output after training and the final synapse.
/// </summary>
public sealed class TwoLayerTests
{
    public static TheoryData<string> TwoLayers => new(BlogExperiment.TwoLayerNames);

    [Fact]
    public void The_file_holds_both_posts_two_layer_networks()
    {
        Assert.Equal(new[] { "post1_two_layer", "post2_two_layer" }, BlogExperiment.TwoLayerNames);
        Assert.All(BlogExperiment.TwoLayerNames, name => Assert.Equal(0, BlogExperiment.Get(name).Hidden));
    }

    [Theory]
    [MemberData(nameof(TwoLayers))]
    public void Output_after_training_matches_numpy(string name)
    {
        BlogRun run = BlogRun.Of(name);
        double[] expected = run.Experiment.NumpyOutputAfterTraining;

        Assert.Equal(expected.Length, run.OutputAfterTraining!.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            BlogTolerance.Relative(expected[i], run.OutputAfterTraining[i], BlogTolerance.Error, $"{name}, output row {i}");
        }
    }

    [Theory]
    [MemberData(nameof(TwoLayers))]
    public void Final_synapse_matches_numpy(string name)
    {
        BlogRun run = BlogRun.Of(name);
        double[] expected = run.Experiment.NumpyFinalParameters;

        Assert.Equal(run.Experiment.Inputs, expected.Length);
        Assert.Equal(expected.Length, run.FinalParameters.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            BlogTolerance.Relative(expected[i], run.FinalParameters[i], BlogTolerance.Synapse, $"{name}, synapse_0[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(TwoLayers))]
    public void Printed_output_reads_as_the_blog_printed_it(string name)
    {
        BlogRun run = BlogRun.Of(name);

        string printed = NumpyFormat.Matrix(run.OutputAfterTraining, run.OutputAfterTraining!.Length, 1);

        string[] numbers = printed.Split('\n').Select(line => line.Trim(' ', '[', ']')).ToArray();
        Assert.Equal(run.Experiment.BlogOutputAfterTraining, numbers);
    }
}
