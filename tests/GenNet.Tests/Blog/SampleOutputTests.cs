using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GenNet.Samples.AlphaSweep;
using GenNet.Samples.HiddenSize;
using GenNet.Samples.Shared;
using GenNet.Samples.TwoLayer;
using Xunit;

namespace GenNet.Tests.Blog;

/// <summary>
/// What the samples print, line by line, against the blog's printed text where numpy agrees with it, and against
/// numpy's own numbers in the blog's format where the blog prints matrices the file recomputed.
/// </summary>
public sealed class SampleOutputTests
{
    [Fact]
    public void AlphaSweep_prints_the_blogs_closer_look()
    {
        Dictionary<string, string[]> sections = Sections(Run(CloserLook.Print));

        string[] names = BlogExperiment.SweepNames.Where(name => BlogExperiment.Get(name).HasDirectionChanges).ToArray();
        Assert.Equal(7, names.Length);
        Assert.Equal(names.Length, sections.Count);
        foreach (string name in names)
        {
            BlogExperiment experiment = BlogExperiment.Get(name);
            string[] section = sections[AlphaOf(name)];
            var expected = new List<Func<string, bool>>();
            expected.AddRange(ErrorLines(experiment, index => "Error:"));
            AddMatrix(expected, "Synapse 0", experiment.HasChaoticWeights ? null : experiment.NumpyFinalParameters[..experiment.Synapse0Size], experiment.Inputs, experiment.Hidden);
            AddMatrix(expected, "Synapse 0 Update Direction Changes", ToDoubles(experiment.NumpyDirectionChanges[..experiment.Synapse0Size]), experiment.Inputs, experiment.Hidden);
            AddMatrix(expected, "Synapse 1", experiment.HasChaoticWeights ? null : experiment.NumpyFinalParameters[experiment.Synapse0Size..], experiment.Hidden, experiment.Outputs);
            AddMatrix(expected, "Synapse 1 Update Direction Changes", ToDoubles(experiment.NumpyDirectionChanges[experiment.Synapse0Size..]), experiment.Hidden, experiment.Outputs);

            AssertLines(name, expected, section);
        }
    }

    [Fact]
    public void HiddenSize_prints_the_blogs_hidden_32_sweep()
    {
        Dictionary<string, string[]> sections = Sections(Run(HiddenSizeSweep.Print));

        string[] names = BlogExperiment.SweepNames.Where(name => BlogExperiment.Get(name).Hidden == 32).ToArray();
        Assert.Equal(7, names.Length);
        Assert.Equal(names.Length, sections.Count);
        foreach (string name in names)
        {
            BlogExperiment experiment = BlogExperiment.Get(name);
            var expected = ErrorLines(experiment, index => $"Error after {index * experiment.ErrorEvery} iterations:").ToList();
            AssertLines(name, expected, sections[AlphaOf(name)]);
        }
    }

    [Fact]
    public void TwoLayer_prints_both_posts_output_after_training()
    {
        string[] lines = Run(TwoLayerExperiment.Print).Split('\n');

        int[] headings = Enumerable.Range(0, lines.Length).Where(i => lines[i] == "Output After Training:").ToArray();
        string[] names = BlogExperiment.TwoLayerNames.ToArray();
        Assert.Equal(names.Length, headings.Length);
        for (int n = 0; n < names.Length; n++)
        {
            string[] blog = BlogExperiment.Get(names[n]).BlogOutputAfterTraining;
            string[] printed = lines.Skip(headings[n] + 1).Take(blog.Length).Select(line => line.Trim(' ', '[', ']')).ToArray();
            Assert.Equal(blog, printed);
        }
    }

    private static string Run(Action<TextWriter> sample)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        sample(output);
        return output.ToString();
    }

    // "Training With Alpha:X" starts a section (after a blank line, as Python's "\n..." prints it); keyed by X.
    private static Dictionary<string, string[]> Sections(string text)
    {
        const string Heading = "Training With Alpha:";
        string[] blocks = ("\n" + text).Split("\n\n" + Heading);
        Assert.Equal(string.Empty, blocks[0]);
        return blocks.Skip(1).Select(block => block.TrimEnd('\n').Split('\n')).ToDictionary(lines => lines[0], lines => lines[1..]);
    }

    // The runs' names end with the alpha as the blog prints it: post2_alpha_sweep_hidden4_alpha0.001, ..._alpha10.
    private static string AlphaOf(string name)
    {
        string alpha = name[(name.LastIndexOf("_alpha", StringComparison.Ordinal) + "_alpha".Length)..];
        Assert.Equal(alpha, PythonFormat.Literal(BlogExperiment.Get(name).Alpha));
        return alpha;
    }

    // The blog's printed errors; for sensitive runs, after the first, any number within the chaotic tolerance of numpy's.
    private static IEnumerable<Func<string, bool>> ErrorLines(BlogExperiment experiment, Func<int, string> prefix)
    {
        string[] blog = experiment.BlogErrors;
        double[] numpy = experiment.NumpyErrors;
        for (int i = 0; i < blog.Length; i++)
        {
            string expectedPrefix = prefix(i);
            if (experiment.Sensitive && i > 0)
            {
                double reference = numpy[i];
                yield return line => line.StartsWith(expectedPrefix, StringComparison.Ordinal)
                    && Math.Abs(double.Parse(line[expectedPrefix.Length..], CultureInfo.InvariantCulture) - reference) <= BlogTolerance.Chaotic * reference;
            }
            else
            {
                string exact = expectedPrefix + blog[i];
                yield return line => line == exact;
            }
        }
    }

    // A caption and numpy's print of the matrix; null values: any matrix of that many rows (chaotic weights).
    private static void AddMatrix(List<Func<string, bool>> expected, string caption, double[]? values, int rows, int columns)
    {
        expected.Add(line => line == caption);
        if (values is null)
        {
            for (int row = 0; row < rows; row++)
            {
                bool first = row == 0;
                expected.Add(line => line.StartsWith(first ? "[[" : " [", StringComparison.Ordinal));
            }

            return;
        }

        foreach (string matrixLine in NumpyFormat.Matrix(values, rows, columns).Split('\n'))
        {
            expected.Add(line => line == matrixLine);
        }
    }

    private static void AssertLines(string name, List<Func<string, bool>> expected, string[] actual)
    {
        Assert.True(expected.Count == actual.Length, $"{name}: expected {expected.Count} lines, got {actual.Length}:\n{string.Join('\n', actual)}");
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(expected[i](actual[i]), $"{name}, line {i + 1} not as expected: \"{actual[i]}\"\n{string.Join('\n', actual)}");
        }
    }

    private static double[] ToDoubles(int[] counts) => counts.Select(c => (double)c).ToArray();
}
