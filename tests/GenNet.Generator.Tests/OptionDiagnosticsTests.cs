using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>Diagnostics for the layer, activation and loss options: exact message and the argument they point at.</summary>
public sealed class OptionDiagnosticsTests
{
    [Theory]
    [InlineData(
        "Inputs = 3, Hidden = 4, HiddenLayers = new[] { 4, 2 }, Outputs = 1",
        "GN0006", "Hidden = 4",
        "Hidden cannot be combined with HiddenLayers: give every hidden layer's size in HiddenLayers")]
    [InlineData(
        "Inputs = 3, HiddenLayers = new[] { 4, 0 }, Outputs = 1",
        "GN0004", "HiddenLayers = new[] { 4, 0 }",
        "HiddenLayers[1] must be between 1 and 65536; was 0")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 3, OutputActivation = typeof(Softmax)",
        "GN0006", "OutputActivation = typeof(Softmax)",
        "OutputActivation = typeof(Softmax) cannot be combined with Loss = LossFunction.SumSquaredError: a softmax output trains with Loss = LossFunction.CategoricalCrossEntropy")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 3, Loss = LossFunction.CategoricalCrossEntropy",
        "GN0006", "Loss = LossFunction.CategoricalCrossEntropy",
        "Loss = LossFunction.CategoricalCrossEntropy cannot be combined with OutputActivation = typeof(Sigmoid): categorical cross-entropy needs OutputActivation = typeof(Softmax)")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, OutputActivation = typeof(Tanh), Loss = LossFunction.BinaryCrossEntropy",
        "GN0006", "Loss = LossFunction.BinaryCrossEntropy",
        "Loss = LossFunction.BinaryCrossEntropy cannot be combined with OutputActivation = typeof(Tanh): binary cross-entropy needs a Sigmoid output")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 3, HiddenActivation = typeof(Softmax), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy",
        "GN0006", "HiddenActivation = typeof(Softmax)",
        "HiddenActivation = typeof(Softmax) cannot be combined with a hidden layer: softmax is only supported as the output activation")]
    [InlineData(
        "Inputs = 3, HiddenLayers = new[] { 4, 4 }, Outputs = 3, Activations = new[] { typeof(PortableTanh), typeof(PortableSoftmax), typeof(PortableSoftmax) }, Loss = LossFunction.CategoricalCrossEntropy",
        "GN0006", "Activations = new[] { typeof(PortableTanh), typeof(PortableSoftmax), typeof(PortableSoftmax) }",
        "Activations[1] = typeof(PortableSoftmax) cannot be combined with a hidden layer: softmax is only supported as the output activation")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 3, OutputActivation = typeof(PortableSoftmax), Loss = LossFunction.MeanSquaredError",
        "GN0006", "Loss = LossFunction.MeanSquaredError",
        "OutputActivation = typeof(PortableSoftmax) cannot be combined with Loss = LossFunction.MeanSquaredError: a softmax output trains with Loss = LossFunction.CategoricalCrossEntropy")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, HiddenActivation = typeof(int)",
        "GN0009", "HiddenActivation = typeof(int)",
        "HiddenActivation must be a struct that implements GenNet.Activations.IActivation; 'int' is not")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, OutputActivation = typeof(string)",
        "GN0009", "OutputActivation = typeof(string)",
        "OutputActivation must be a struct that implements GenNet.Activations.IActivation (or be GenNet.Activations.Softmax or PortableSoftmax); 'string' is not")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, Activations = new[] { typeof(Tanh) }",
        "GN0005", "Activations = new[] { typeof(Tanh) }",
        "Activations must be one activation per non-input layer (2); found 1")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, Activations = new[] { typeof(Tanh), typeof(Sigmoid) }, HiddenActivation = typeof(ReLU)",
        "GN0006", "Activations = new[] { typeof(Tanh), typeof(Sigmoid) }",
        "Activations cannot be combined with HiddenActivation: list every layer's activation in Activations")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, Loss = (LossFunction)9",
        "GN0005", "Loss = (LossFunction)9",
        "Loss must be one of LossFunction's named values; found (LossFunction)9")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, Dropout = 1.5",
        "GN0005", "Dropout = 1.5",
        "Dropout must be a probability in [0, 1); found 1.5")]
    [InlineData(
        "Inputs = 3, Outputs = 1, Dropout = 0.2",
        "GN0006", "Dropout = 0.2",
        "Dropout cannot be combined with a network without hidden layers: dropout applies to hidden layers only")]
    [InlineData(
        "Inputs = 3, Outputs = 1, BatchNormalization = true",
        "GN0006", "BatchNormalization = true",
        "BatchNormalization cannot be combined with a network without hidden layers: batch normalisation applies to hidden layers only")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, BatchNormalization = true, Dropout = 0.5",
        "GN0006", "BatchNormalization = true",
        "BatchNormalization cannot be combined with Dropout: use one or the other; combining them is not supported")]
    [InlineData(
        "Inputs = 3, Hidden = 4, Outputs = 1, BatchNormalization = true, HiddenActivation = typeof(GenNet.Activations.SiLU)",
        "GN0006", "BatchNormalization = true",
        "BatchNormalization cannot be combined with an activation whose derivative needs its input (IActivationFromInput): batch normalisation does not support such activations yet")]
    public void Bad_options_are_reported_at_the_argument(string arguments, string id, string expectedText, string expectedMessage)
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

    [Theory]
    [InlineData("HiddenActivation = typeof(PortableTanh), OutputActivation = typeof(PortableSoftmax), Loss = LossFunction.CategoricalCrossEntropy")]
    [InlineData("HiddenActivation = typeof(PortableTanh), OutputActivation = typeof(PortableSigmoid), Loss = LossFunction.BinaryCrossEntropy")]
    public void The_portable_activations_are_accepted_where_their_platform_twins_are(string arguments)
    {
        foreach (string arithmetic in new[] { "NumpyCompatible", "Fast" })
        {
            string source = $$"""
                using GenNet;
                using GenNet.Activations;
                [Network(Inputs = 5, HiddenLayers = new[] { 40, 8 }, Outputs = 3, Arithmetic = NetworkArithmetic.{{arithmetic}}, {{arguments}})]
                public partial class Portable { }
                """;

            GeneratorOutcome outcome = GeneratorHarness.Run(source);

            Assert.Empty(outcome.GeneratorDiagnostics);
            Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
            Assert.Single(outcome.GeneratedSources);
        }
    }

    [Fact]
    public void Every_option_together_compiles_cleanly()
    {
        string source = """
            using GenNet;
            using GenNet.Activations;
            [Network(Inputs = 64, HiddenLayers = new[] { 32, 16 }, Outputs = 10, Bias = true, Precision = NetworkPrecision.Single,
                     HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
            public partial class Digits { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
    }
}
