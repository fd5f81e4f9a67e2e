using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>A sequence network's model caches like a dense one's: equal when untouched, regenerated when its stack changes.</summary>
public sealed class RecurrentIncrementalTests
{
    private const string Network = """
        using GenNet;
        namespace Demo;
        [Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 8 }, Outputs = 1)]
        public partial class Streamer { }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_the_sequence_network_cached_and_a_new_width_regenerates_it()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { Network });
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation moved = Replace(compilation, "// a new first line\n" + Network);
        GeneratorRunResult same = driver.RunGenerators(moved).GetRunResult().Results.Single();
        Assert.All(same.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        CSharpCompilation wider = Replace(compilation, Network.Replace("new[] { 8 }", "new[] { 9 }"));
        GeneratorRunResult changed = driver.RunGenerators(wider).GetRunResult().Results.Single();
        Assert.Contains(changed.TrackedSteps[TrackingNames.Networks].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Recurrent0Count = 9;", changed.GeneratedSources.Single().SourceText.ToString());

        CSharpCompilation lstm = Replace(compilation, Network.Replace("RecurrentCell.Gru", "RecurrentCell.Lstm"));
        GeneratorRunResult other = driver.RunGenerators(lstm).GetRunResult().Results.Single();
        Assert.Contains("\"GenNet.RecurrentCell.Lstm\"", other.GeneratedSources.Single().SourceText.ToString());
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.First();
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, old.FilePath));
    }
}
