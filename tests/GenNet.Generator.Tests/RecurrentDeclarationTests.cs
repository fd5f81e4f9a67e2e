using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>Recurrent declarations: every refusal with its exact message at the argument, and what compiles.</summary>
public sealed class RecurrentDeclarationTests
{
    [Theory]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, Outputs = 1",
        "GN0011", "Recurrent = RecurrentCell.Gru",
        "Recurrent = RecurrentCell.Gru needs RecurrentLayers with the width of at least one recurrent layer, e.g. RecurrentLayers = new[] { 16 }")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new int[0], Outputs = 1",
        "GN0011", "RecurrentLayers = new int[0]",
        "Recurrent = RecurrentCell.Lstm needs RecurrentLayers with the width of at least one recurrent layer, e.g. RecurrentLayers = new[] { 16 }")]
    [InlineData(
        "Inputs = 1, RecurrentLayers = new[] { 16 }, Outputs = 1",
        "GN0011", "RecurrentLayers = new[] { 16 }",
        "RecurrentLayers needs Recurrent = RecurrentCell.Rnn, Gru or Lstm: the kind of its layers")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.None, RecurrentLayers = new[] { 16 }, Outputs = 1",
        "GN0011", "RecurrentLayers = new[] { 16 }",
        "RecurrentLayers needs Recurrent = RecurrentCell.Rnn, Gru or Lstm: the kind of its layers")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16, 0 }, Outputs = 1",
        "GN0004", "RecurrentLayers = new[] { 16, 0 }",
        "RecurrentLayers[1] must be between 1 and 65536; was 0")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { -3 }, Outputs = 1",
        "GN0004", "RecurrentLayers = new[] { -3 }",
        "RecurrentLayers[0] must be between 1 and 65536; was -3")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 65537 }, Outputs = 1",
        "GN0004", "RecurrentLayers = new[] { 65537 }",
        "RecurrentLayers[0] must be between 1 and 65536; was 65537")]
    [InlineData(
        "Inputs = 1, Recurrent = (RecurrentCell)7, RecurrentLayers = new[] { 16 }, Outputs = 1",
        "GN0005", "Recurrent = (RecurrentCell)7",
        "Recurrent must be RecurrentCell.None, Rnn, Gru or Lstm; found (RecurrentCell)7")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Hidden = 8, Outputs = 1, Dropout = 0.2",
        "GN0012", "Dropout = 0.2",
        "Dropout is not supported with recurrent layers yet: remove it (recurrent dropout is not generated)")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 16 }, Outputs = 1, BatchNormalization = true",
        "GN0012", "BatchNormalization = true",
        "BatchNormalization is not supported with recurrent layers yet: remove it (batch statistics across time steps are not generated)")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 16 }, Outputs = 1, Bias = false",
        "GN0012", "Bias = false",
        "Bias = false is not supported with recurrent layers yet: recurrent layers always have their input and recurrent biases (as ONNX and PyTorch); remove the argument")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1, Arithmetic = NetworkArithmetic.NumpyCompatible",
        "GN0012", "Arithmetic = NetworkArithmetic.NumpyCompatible",
        "Arithmetic = NetworkArithmetic.NumpyCompatible is not supported with recurrent layers yet: recurrent layers compute with vectorised kernels only; remove the argument")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Hidden = 4, HiddenActivation = typeof(SiLU), Outputs = 1",
        "GN0012", "HiddenActivation = typeof(SiLU)",
        "An activation whose derivative needs its input (IActivationFromInput) is not supported with recurrent layers yet: choose an IActivation such as Tanh or ReLU for the dense layers")]
    [InlineData(
        "Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 3, OutputActivation = typeof(Softmax)",
        "GN0006", "OutputActivation = typeof(Softmax)",
        "OutputActivation = typeof(Softmax) cannot be combined with Loss = LossFunction.SumSquaredError: a softmax output trains with Loss = LossFunction.CategoricalCrossEntropy")]
    public void Impossible_recurrent_declarations_are_reported_at_the_argument(string arguments, string id, string expectedText, string expectedMessage)
    {
        string source = $$"""
            using GenNet;
            using GenNet.Activations;
            [Network({{arguments}})]
            public partial class Net { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratedSources);
        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(expectedMessage, diagnostic.GetMessage());
        Assert.Equal(expectedText, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_recurrent_stack_too_large_is_GN0008()
    {
        const string source = """
            using GenNet;
            [Network(Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 4096 }, Outputs = 1)]
            public partial class Huge { }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("GN0008", diagnostic.Id);
        Assert.Contains("67,162,113", diagnostic.GetMessage());   // 4 gates · 4096 · (1 + 4096 + 2) + 4096 + 1
    }

    [Theory]
    [InlineData("Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 3 }")]
    [InlineData("Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 9, 4 }, HiddenLayers = new[] { 5, 3 }, HiddenActivation = typeof(ReLU)")]
    [InlineData("Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 2 }, Hidden = 2, Precision = NetworkPrecision.Single, Initialization = WeightInitialization.He")]
    [InlineData("Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 4 }, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy")]
    [InlineData("Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 4 }, OutputActivation = typeof(Explicit), Loss = LossFunction.MeanSquaredError")]
    public void Valid_recurrent_declarations_compile_cleanly(string arguments)
    {
        string source = $$"""
            using GenNet;
            using GenNet.Activations;
            namespace Models;
            [Network(Inputs = 2, Outputs = 3, {{arguments}})]
            public partial class Sequence { }
            public readonly struct Explicit : IActivation
            {
                static T IActivation.Activate<T>(T x) => x;
                static T IActivation.DerivativeFromOutput<T>(T y) => T.One;
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        Assert.Single(outcome.GeneratedSources);
    }

    [Fact]
    public void A_member_named_like_a_generated_sequence_member_is_GN0007()
    {
        const string source = """
            using GenNet;
            [Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 4 }, Outputs = 1)]
            public partial class Net { public void ResetState() { } }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("GN0007", diagnostic.Id);
        Assert.Contains("'ResetState'", diagnostic.GetMessage());
    }
}
