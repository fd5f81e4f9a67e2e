using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The limits that keep every shape the attribute accepts compilable and its stack frame bounded. On the numpy-order
/// path no method unrolls more than 16,384 weights or holds more than 1,024 neurons (and as many deltas) in locals:
/// without the limit, 64 hidden layers alternating 1,024 and 1 neurons needed over 65,534 locals, which C# refuses
/// (CS0204). On the fast path, SIMD lanes take networks of at most 256 weights in all. The stack each limit buys is
/// measured at run time by <c>GenNet.Tests/Hardening/StackBoundTests</c>.
/// </summary>
public sealed class EmitterLimitTests
{
    [Fact]
    public void Sixty_four_unrolled_hidden_layers_hold_at_most_the_limit_in_locals()
    {
        string layers = string.Join(", ", Enumerable.Repeat("1024, 1", 32));
        string text = Generate($"[Network(Inputs = 1, HiddenLayers = new[] {{ {layers} }}, Outputs = 1, Arithmetic = NetworkArithmetic.NumpyCompatible)]");

        // Locals are declared "double layer5_17 = …" / "double delta5_17 = …", one per neuron.
        Assert.InRange(Regex.Matches(text, @"\bdouble layer\d+_\d+ =").Count, 1024, 1024 * 2); // ForwardRow and Backpropagate
        Assert.InRange(Regex.Matches(text, @"\bdouble delta\d+_\d+ =").Count, 1, 1024);
        Assert.Contains("layer_3, layer_4,", text); // the header names the layers that went to scratch
        Assert.Contains("at most 1024 neurons are held in locals", text);
    }

    [Fact]
    public void At_most_the_unroll_budget_is_unrolled_and_the_rest_loops()
    {
        // 65 synapses of 32×32 = 1,024 weights each: the first 16 (16,384 weights) unrolled, the other 49 loops.
        string layers = string.Join(", ", Enumerable.Repeat("32", 64));
        string text = Generate($"[Network(Inputs = 32, HiddenLayers = new[] {{ {layers} }}, Outputs = 32, Arithmetic = NetworkArithmetic.NumpyCompatible)]");

        Assert.Equal(16, Regex.Matches(text, @"// synapse_\d+: .*, unrolled\.").Count);
        Assert.Contains("synapse_16: layer_16 → layer_17, 32×32 + 32 bias row-major at parameters[16896..17952), loops: the synapses before it unroll", text);
        Assert.Equal(49, Regex.Matches(text, @"// synapse_\d+: .*, loops: the synapses before it").Count);
    }

    [Fact]
    public void A_network_over_the_limit_compiles_to_IL()
    {
        // Emitting (not only binding) finds limits such as the number of locals per method.
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using GenNet;
            [Network(Inputs = 1, HiddenLayers = new[] { 512, 2, 512 }, Outputs = 1, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
            partial class Wide { }
            """);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Contains("layer_3 is kept in scratch", outcome.GeneratedSources.Single().SourceText.ToString());

        EmitResult result = outcome.Output.Emit(Stream.Null);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(10)));
    }

    [Fact]
    public void Networks_within_the_limit_keep_their_layers_in_locals()
    {
        string text = Generate("[Network(Inputs = 16, HiddenLayers = new[] { 32, 32 }, Outputs = 8, Arithmetic = NetworkArithmetic.NumpyCompatible)]");

        Assert.DoesNotContain("kept in scratch", text);
        Assert.Contains("double layer2_31 =", text);
        Assert.Contains("double delta3_7 =", text);
    }

    [Fact]
    public void The_fast_path_puts_at_most_256_weights_in_SIMD_lanes()
    {
        // Every synapse is within the per-synapse limit of 256, but 16-16-16-16 has 768 weights: blocked kernels.
        string blocked = Generate("[Network(Inputs = 16, HiddenLayers = new[] { 16, 16 }, Outputs = 16)]");
        string lanes = Generate("[Network(Inputs = 16, HiddenLayers = new[] { 8 }, Outputs = 16)]");

        Assert.Contains("register-tiled kernel (DenseKernels.MultiplyAccumulate, 16×16 as constants): the network's weights exceed the 256 that lanes unroll in all", blocked);
        Assert.DoesNotContain("ForwardLanes", blocked);
        Assert.Contains("synapse_0: layer_0 → layer_1, 16×8 + 8 bias row-major at parameters[0..136), batches: unrolled, one SIMD lane per row.", lanes);
        Assert.Contains("ForwardLanes", lanes);
    }

    private static string Generate(string attribute)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run($"using GenNet;\n{attribute}\npartial class Net {{ }}\n");
        Assert.Empty(outcome.GeneratorDiagnostics);
        return outcome.GeneratedSources.Single().SourceText.ToString();
    }
}
