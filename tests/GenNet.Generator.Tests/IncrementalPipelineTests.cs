using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The pipeline caches per STYLE.md: an edit that leaves the network alone re-runs no step, the model holds no
/// compiler objects, and an edit to the attribute does regenerate.
/// </summary>
public sealed class IncrementalPipelineTests
{
    private const string Network = """
        using GenNet;
        namespace Demo;
        [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
        public partial class XorNet { }
        """;

    private const string Broken = """
        using GenNet;
        namespace Demo;
        [Network(Inputs = 0, Hidden = 4, Outputs = 1)]
        public partial class BadNet { }
        """;

    private const string Other = """
        namespace Demo;
        public static class Helpers { public static int Twice(int x) => 2 * x; }
        """;

    private static readonly string[] OurSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void An_edit_in_another_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network, Other);

        CSharpCompilation edited = Replace(compilation, 1, Other.Replace("2 * x", "x + x"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_unrelated_edit_in_the_networks_own_file_changes_no_output()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network, Other);

        // A new member elsewhere in the file re-runs the parser for that file, which must produce an equal model.
        CSharpCompilation edited = Replace(compilation, 0, Network + "\npublic static class Extra { public static int One => 1; }\n");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Moving_a_network_down_a_line_does_not_re_emit_it()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);

        CSharpCompilation edited = Replace(compilation, 0, "// a new first line\n" + Network);
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The parser re-runs for the edited file and finds an equal model (no location in it): nothing downstream runs.
        Assert.Contains(IncrementalStepRunReason.Unchanged, Outputs(second, TrackingNames.Parse));
        AssertAllSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_Hidden_regenerates_the_network()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network, Other);

        CSharpCompilation edited = Replace(compilation, 0, Network.Replace("Hidden = 4", "Hidden = 5"));
        GeneratorDriver rerun = driver.RunGenerators(edited);
        GeneratorRunResult second = rerun.GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Parse));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Outputs(second, TrackingNames.Networks));
        Assert.Contains("public const int HiddenCount = 5;", second.GeneratedSources.Single(s => s.HintName == "Demo.XorNet.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_compilations_or_syntax()
    {
        (GeneratorDriver driver, _) = FirstRun(Network, Other);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string step in OurSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach ((object value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoCompilerObjects(value, $"{step} output", visited);
            }
        }

        // The walk reached the model, so it looked at something.
        Assert.Contains(visited, o => o.GetType().Name == "NetworkSpec");
        Assert.Contains(visited, o => o.GetType().Name == "DiagnosticInfo");
    }

    // Broken is always added last, so that the diagnostics step has an output to track.
    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources.Append(Broken).ToArray());
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.All(OurSteps, step => Assert.True(first.TrackedSteps.ContainsKey(step), $"step {step} did not run"));
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static void AssertAllSteps(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in OurSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalStepRunReason reason in Outputs(result, step))
            {
                Assert.True(allowed.Contains(reason), $"step {step} output was {reason}");
            }
        }
    }

    // Walks fields recursively; a symbol, compilation, semantic model, syntax node or tree anywhere pins the compilation.
    private static void AssertNoCompilerObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is Pointer)
        {
            return;
        }

        Assert.False(value is ISymbol, $"{path} holds a symbol ({value.GetType().Name})");
        Assert.False(value is Compilation, $"{path} holds a compilation");
        Assert.False(value is SemanticModel, $"{path} holds a semantic model");
        Assert.False(value is SyntaxNode, $"{path} holds a syntax node ({value.GetType().Name})");
        Assert.False(value is SyntaxTree, $"{path} holds a syntax tree");
        Assert.False(value is Location { SourceTree: not null }, $"{path} holds a location in a syntax tree");

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        // Descriptors are static data shared by every run.
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (value is IEnumerable items && value is not ImmutableArray<byte>)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertNoCompilerObjects(item, $"{path}[{i++}]", visited);
            }
        }

        for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
