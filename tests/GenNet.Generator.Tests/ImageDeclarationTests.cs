using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>Image-network declarations (InputShape with Conv2D and pooling): every refusal with its exact message at the
/// argument, and what compiles.</summary>
public sealed class ImageDeclarationTests
{
    [Theory]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, KernelSize = 9, Outputs = 2",
        "GN0014", "KernelSize = 9",
        "KernelSize = 9 does not fit: Conv2D layer 0 reads a 1×8×8 map (padding 0), smaller than its 9×9 kernel")]
    [InlineData(
        "InputShape = new[] { 1, 12, 12 }, Convolution = new[] { 6, 16 }, KernelSizes = new[] { 5, 5 }, Pooling = PoolingKind.Max, Outputs = 2",
        "GN0014", "KernelSizes = new[] { 5, 5 }",
        "KernelSizes[1] = 5 does not fit: Conv2D layer 1 reads a 6×4×4 map (padding 0), smaller than its 5×5 kernel")]
    [InlineData(
        "InputShape = new[] { 1, 12, 12 }, Convolution = new[] { 6, 16 }, KernelSizes = new[] { 5, 7 }, Paddings = new[] { 0, 1 }, Pooling = PoolingKind.Max, Outputs = 2",
        "GN0014", "KernelSizes = new[] { 5, 7 }",
        "KernelSizes[1] = 7 does not fit: Conv2D layer 1 reads a 6×4×4 map (padding 1), smaller than its 7×7 kernel")]
    [InlineData(
        "InputShape = new[] { 1, 6, 6 }, Convolution = new[] { 4 }, KernelSize = 3, Pooling = PoolingKind.Average, PoolSize = 5, Outputs = 2",
        "GN0014", "PoolSize = 5",
        "PoolSize = 5 does not fit: the pooling after Conv2D layer 0 reads a 4×4×4 map, smaller than its 5×5 window")]
    [InlineData(
        "InputShape = new[] { 1, 3, 3 }, Convolution = new[] { 4 }, KernelSize = 3, Poolings = new[] { PoolingKind.Max }, Outputs = 2",
        "GN0014", "Poolings = new[] { PoolingKind.Max }",
        "PoolSize = 2 does not fit: the pooling after Conv2D layer 0 reads a 4×1×1 map, smaller than its 2×2 window")]
    [InlineData(
        "InputShape = new[] { 28, 28 }, Convolution = new[] { 4 }, Outputs = 2",
        "GN0005", "InputShape = new[] { 28, 28 }",
        "InputShape must be three sizes, new[] { channels, height, width }; found 2 values")]
    [InlineData(
        "InputShape = new[] { 1, 0, 8 }, Convolution = new[] { 4 }, Outputs = 2",
        "GN0004", "InputShape = new[] { 1, 0, 8 }",
        "InputShape[1] (height) must be between 1 and 65536; was 0")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Outputs = 2",
        "GN0015", "InputShape = new[] { 1, 8, 8 }",
        "InputShape cannot be used here: it needs Convolution = new[] { … }, the output channels of each Conv2D layer")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Inputs = 10, Convolution = new[] { 4 }, Outputs = 2",
        "GN0015", "Inputs = 10",
        "Inputs = 10 cannot be used here: an image network's inputs are InputShape's C·H·W = 64; remove the argument")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Strides = new[] { 1, 2 }, Outputs = 2",
        "GN0005", "Strides = new[] { 1, 2 }",
        "Strides must be one stride per Conv2D layer (1); found 2")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Strides = new[] { 0 }, Outputs = 2",
        "GN0005", "Strides = new[] { 0 }",
        "Strides[0] must be from 1 to 65536; found 0")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Paddings = new[] { -1 }, Outputs = 2",
        "GN0005", "Paddings = new[] { -1 }",
        "Paddings[0] must be from 0 to 65536; found -1")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Pooling = PoolingKind.Max, Poolings = new[] { PoolingKind.Max }, Outputs = 2",
        "GN0006", "Pooling = PoolingKind.Max",
        "Pooling cannot be combined with Poolings: give every layer's pooling in Poolings")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Pooling = PoolingKind.Max, PoolSize = 0, Outputs = 2",
        "GN0005", "PoolSize = 0",
        "PoolSize must be from 1 to 65536; found 0")]
    [InlineData(
        "InputShape = new[] { 2, 8, 8 }, Convolution = new[] { 4 }, Groups = new[] { 3 }, Outputs = 2",
        "GN0005", "Groups = new[] { 3 }",
        "Groups[0] must be a divisor of both the layer's input channels (2) and its output channels (4); found 3")]
    [InlineData(
        "InputShape = new[] { 2, 8, 8 }, Convolution = new[] { 4 }, Groups = new[] { 0 }, Outputs = 2",
        "GN0005", "Groups = new[] { 0 }",
        "Groups[0] must be from 1 to 65536; found 0")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Dilations = new[] { 2 }, Outputs = 2",
        "GN0015", "Dilations = new[] { 2 }",
        "Dilations cannot be used here: image networks have no dilated Conv2D layers yet; remove it")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Dropout = 0.2, Outputs = 2",
        "GN0015", "Dropout = 0.2",
        "Dropout cannot be used here: dropout acts on the dense hidden layers, and this network has none; add Hidden or HiddenLayers, or remove it")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Hidden = 4, BatchNormalization = true, Dropout = 0.2, Outputs = 2",
        "GN0006", "BatchNormalization = true",
        "BatchNormalization cannot be combined with Dropout: use one or the other; combining them is not supported")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 4 }, Outputs = 2",
        "GN0015", "Recurrent = RecurrentCell.Gru",
        "Recurrent cannot be used here: a network has image layers or recurrent layers, not both")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Bias = false, Outputs = 2",
        "GN0015", "Bias = false",
        "Bias = false cannot be used here: Conv2D and dense layers always have their biases here; remove the argument")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, Arithmetic = NetworkArithmetic.NumpyCompatible, Outputs = 2",
        "GN0015", "Arithmetic = NetworkArithmetic.NumpyCompatible",
        "Arithmetic = NetworkArithmetic.NumpyCompatible cannot be used here: image layers compute with vectorised kernels only; remove the argument")]
    [InlineData(
        "InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, ConvolutionActivation = typeof(SiLU), Outputs = 2",
        "GN0015", "ConvolutionActivation = typeof(SiLU)",
        "An activation whose derivative needs its input (IActivationFromInput) cannot be used here: choose an IActivation such as ReLU or Tanh")]
    [InlineData(
        "Inputs = 4, Strides = new[] { 2 }, Outputs = 2",
        "GN0015", "Strides = new[] { 2 }",
        "Strides cannot be used here: it needs Convolution (Conv1D layers) or InputShape = new[] { channels, height, width } (an image network)")]
    [InlineData(
        "Inputs = 4, Convolution = new[] { 3 }, Paddings = new[] { 1 }, Outputs = 2",
        "GN0015", "Paddings = new[] { 1 }",
        "Paddings cannot be used here: it belongs to an image network, which needs InputShape = new[] { channels, height, width }")]
    [InlineData(
        "Inputs = 4, Pooling = PoolingKind.Max, Outputs = 2",
        "GN0015", "Pooling = PoolingKind.Max",
        "Pooling cannot be used here: it needs Convolution (Conv1D layers) or InputShape = new[] { channels, height, width } (an image network)")]
    public void Impossible_image_declarations_are_reported_at_the_argument(string arguments, string id, string expectedText, string expectedMessage)
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
    [InlineData("InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 3 }")]
    [InlineData("InputShape = new[] { 3, 9, 7 }, Convolution = new[] { 4, 5 }, KernelSizes = new[] { 3, 2 }, Strides = new[] { 2, 1 }, Paddings = new[] { 1, 0 }, Poolings = new[] { PoolingKind.Average, PoolingKind.None }, HiddenLayers = new[] { 5 }, HiddenActivation = typeof(ReLU)")]
    [InlineData("InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU), Pooling = PoolingKind.Max, HiddenLayers = new[] { 120, 84 }, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single, Initialization = WeightInitialization.He")]
    [InlineData("InputShape = new[] { 2, 5, 5 }, Convolution = new[] { 4 }, ConvolutionActivation = typeof(Explicit), OutputActivation = typeof(Explicit), Loss = LossFunction.MeanSquaredError")]
    [InlineData("InputShape = new[] { 1, 4, 4 }, Inputs = 16, Convolution = new[] { 2 }, KernelSize = 1, Pooling = PoolingKind.Max, PoolSize = 4, Loss = LossFunction.BinaryCrossEntropy")]
    public void Valid_image_declarations_compile_cleanly(string arguments)
    {
        string source = $$"""
            using GenNet;
            using GenNet.Activations;
            namespace Models;
            [Network(Outputs = 3, {{arguments}})]
            public partial class Vision { }
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
    public void A_member_named_like_a_generated_image_member_is_GN0007()
    {
        const string source = """
            using GenNet;
            [Network(InputShape = new[] { 1, 4, 4 }, Convolution = new[] { 2 }, Outputs = 1)]
            public partial class Net { public int FlattenedCount => 0; }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("GN0007", diagnostic.Id);
        Assert.Contains("'FlattenedCount'", diagnostic.GetMessage());
    }
}
