using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>The generated code compiles cleanly (no warning, no error) across the range of shapes and both precisions.</summary>
public sealed class GeneratedCodeCompilesTests
{
    public static IEnumerable<object[]> Shapes()
    {
        int[][] shapes =
        {
            new[] { 1, 1, 1 },
            new[] { 1, 0, 1 },
            new[] { 2, 0, 1 },
            new[] { 3, 4, 1 },
            new[] { 8, 16, 4 },
            new[] { 16, 64, 4 },
            new[] { 40, 30, 3 },
            new[] { 64, 32, 10 },
            new[] { 64, 128, 10 },
        };
        foreach (int[] shape in shapes)
        {
            foreach (string precision in new[] { "Double", "Single" })
            {
                yield return new object[] { shape[0], shape[1], shape[2], precision };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_network_compiles_without_warnings(int inputs, int hidden, int outputs, string precision)
    {
        string source = $$"""
            using GenNet;
            namespace Demo;
            [Network(Inputs = {{inputs}}, Hidden = {{hidden}}, Outputs = {{outputs}}, Precision = NetworkPrecision.{{precision}})]
            public partial class Net { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Null(outcome.GeneratorException);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Single(outcome.GeneratedSources);
        Assert.Equal("Demo.Net.g.cs", outcome.GeneratedSources[0].HintName);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems.Take(10)));
    }

    [Fact]
    public void Nested_and_global_namespace_networks_compile()
    {
        string source = """
            using GenNet;
            public static partial class Outer
            {
                public partial record struct Inner<T>
                {
                    [Network(Inputs = 2, Hidden = 2, Outputs = 1)]
                    internal partial class Net { }
                }
            }
            [Network(Inputs = 2, Outputs = 2, Precision = NetworkPrecision.Single)]
            partial class TopLevel { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Equal(new[] { "Outer+Inner{T}+Net.g.cs", "TopLevel.g.cs" }, outcome.GeneratedSources.Select(s => s.HintName).OrderBy(n => n));
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems.Take(10)));
    }

    [Fact]
    public void Large_synapses_switch_to_loops_and_say_so()
    {
        string source = """
            using GenNet;
            [Network(Inputs = 64, Hidden = 128, Outputs = 10, Arithmetic = NetworkArithmetic.NumpyCompatible)]
            partial class Big { }
            """;

        string text = GeneratorHarness.Run(source).GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("synapse_0: layer_0 → layer_1, 64×128 + 128 bias row-major at parameters[0..8320), loops: 8192 weights exceed the unrolling limit of 1024.", text);
        Assert.Contains("synapse_1: layer_1 → layer_2, 128×10 + 10 bias row-major at parameters[8320..9610), loops: 1280 weights exceed", text);
        Assert.Contains("for (int j = 0; j < 128; j++)", text);
    }
}
