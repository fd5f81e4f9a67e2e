using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>Conv1D declarations: every refusal with its exact message at the argument, and what compiles.</summary>
public sealed class ConvolutionDeclarationTests
{
    [Theory]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 0 }, Outputs = 1",
        "GN0004", "Convolution = new[] { 8, 0 }",
        "Convolution[1] must be between 1 and 65536; was 0")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 70000 }, Outputs = 1",
        "GN0004", "Convolution = new[] { 8, 70000 }",
        "Convolution[1] must be between 1 and 65536; was 70000")]
    [InlineData(
        "Inputs = 1, Convolution = new int[0], Outputs = 1",
        "GN0005", "Convolution = new int[0]",
        "Convolution must be from 1 to 64 channel counts; found 0")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, KernelSize = 0, Outputs = 1",
        "GN0005", "KernelSize = 0",
        "KernelSize must be from 1 to 65536; found 0")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, KernelSizes = new[] { 3 }, Outputs = 1",
        "GN0005", "KernelSizes = new[] { 3 }",
        "KernelSizes must be one kernel size per Conv1D layer (2); found 1")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, Dilations = new[] { 1, 2, 4 }, Outputs = 1",
        "GN0005", "Dilations = new[] { 1, 2, 4 }",
        "Dilations must be one dilation per Conv1D layer (2); found 3")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, Poolings = new[] { PoolingKind.Max }, Outputs = 1",
        "GN0005", "Poolings = new[] { PoolingKind.Max }",
        "Poolings must be one pooling per Conv1D layer (2); found 1")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Pooling = PoolingKind.Max, PoolSize = 1, Outputs = 1",
        "GN0005", "PoolSize = 1",
        "PoolSize must be from 2 to 65536 after Conv1D layers; found 1")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Strides = new[] { 2 }, Pooling = PoolingKind.Average, Outputs = 1",
        "GN0006", "Pooling = PoolingKind.Average",
        "Pooling after Conv1D layer 0 cannot be combined with its stride (2): a layer either strides or pools; pool, or stride, not both")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, Strides = new[] { 2 }, Outputs = 1",
        "GN0005", "Strides = new[] { 2 }",
        "Strides must be one stride per Conv1D layer (2); found 1")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, Strides = new[] { 2, 0 }, Outputs = 1",
        "GN0005", "Strides = new[] { 2, 0 }",
        "Strides[1] must be from 1 to 65536; found 0")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8, 8 }, Dilations = new[] { 1, 0 }, Outputs = 1",
        "GN0005", "Dilations = new[] { 1, 0 }",
        "Dilations[1] must be at least 1, with (KernelSize − 1)·dilation below 65536; found 0")]
    [InlineData(
        "Inputs = 4, Convolution = new[] { 6, 8 }, Groups = new[] { 2 }, Outputs = 1",
        "GN0005", "Groups = new[] { 2 }",
        "Groups must be one group count per Conv1D layer (2); found 1")]
    [InlineData(
        "Inputs = 4, Convolution = new[] { 6, 8 }, Groups = new[] { 2, 4 }, Outputs = 1",
        "GN0005", "Groups = new[] { 2, 4 }",
        "Groups[1] must be a divisor of both the layer's input channels (6) and its output channels (8); found 4")]
    [InlineData(
        "Inputs = 3, Convolution = new[] { 6 }, Groups = new[] { 2 }, Outputs = 1",
        "GN0005", "Groups = new[] { 2 }",
        "Groups[0] must be a divisor of both the layer's input channels (3) and its output channels (6); found 2")]
    [InlineData(
        "Inputs = 1, Groups = new[] { 1 }, Outputs = 1",
        "GN0013", "Groups = new[] { 1 }",
        "Groups is not supported with Conv1D layers yet: it needs Convolution = new[] { … }, the output channels of each Conv1D layer")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, KernelSize = 3, KernelSizes = new[] { 3 }, Outputs = 1",
        "GN0006", "KernelSize = 3",
        "KernelSize cannot be combined with KernelSizes: give every layer's kernel size in KernelSizes")]
    [InlineData(
        "Inputs = 1, Dilations = new[] { 2 }, Outputs = 1",
        "GN0013", "Dilations = new[] { 2 }",
        "Dilations is not supported with Conv1D layers yet: it needs Convolution = new[] { … }, the output channels of each Conv1D layer")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 4 }, Outputs = 1",
        "GN0013", "Convolution = new[] { 8 }",
        "Recurrent is not supported with Conv1D layers yet: a network has Conv1D layers or recurrent layers, not both")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Hidden = 4, Outputs = 1, Dropout = 0.2",
        "GN0013", "Dropout = 0.2",
        "Dropout is not supported with Conv1D layers yet: remove it (dropout in a streaming network is not generated)")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Hidden = 4, Outputs = 1, BatchNormalization = true",
        "GN0013", "BatchNormalization = true",
        "BatchNormalization with dense hidden layers is not supported with Conv1D layers yet: it normalises the Conv1D layers only; remove Hidden/HiddenLayers or BatchNormalization")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Strides = new[] { 2 }, Outputs = 1, BatchNormalization = true",
        "GN0006", "BatchNormalization = true",
        "BatchNormalization cannot be combined with Strides: a strided layer's held outputs and batch statistics are not combined; use one or the other")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, Outputs = 1, Bias = false",
        "GN0013", "Bias = false",
        "Bias = false is not supported with Conv1D layers yet: Conv1D and dense layers always have their biases here; remove the argument")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, ConvolutionActivation = typeof(SiLU), Outputs = 1",
        "GN0013", "ConvolutionActivation = typeof(SiLU)",
        "An activation whose derivative needs its input (IActivationFromInput) is not supported with Conv1D layers yet: choose an IActivation such as Tanh or ReLU")]
    [InlineData(
        "Inputs = 1, Convolution = new[] { 8 }, ConvolutionActivation = typeof(Softmax), Outputs = 1",
        "GN0006", "ConvolutionActivation = typeof(Softmax)",
        "ConvolutionActivation = typeof(Softmax) cannot be combined with a hidden layer: softmax is only supported as the output activation")]
    public void Impossible_convolution_declarations_are_reported_at_the_argument(string arguments, string id, string expectedText, string expectedMessage)
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
    [InlineData("Convolution = new[] { 3 }")]
    [InlineData("Convolution = new[] { 9, 4 }, KernelSizes = new[] { 5, 1 }, Dilations = new[] { 4, 1 }, HiddenLayers = new[] { 5, 3 }, HiddenActivation = typeof(ReLU)")]
    [InlineData("Convolution = new[] { 2 }, KernelSize = 2, ConvolutionActivation = typeof(ReLU), Hidden = 2, Precision = NetworkPrecision.Single, Initialization = WeightInitialization.He")]
    [InlineData("Convolution = new[] { 4 }, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy")]
    [InlineData("Convolution = new[] { 4 }, ConvolutionActivation = typeof(Explicit), OutputActivation = typeof(Explicit), Loss = LossFunction.MeanSquaredError")]
    public void Valid_convolution_declarations_compile_cleanly(string arguments)
    {
        string source = $$"""
            using GenNet;
            using GenNet.Activations;
            namespace Models;
            [Network(Inputs = 2, Outputs = 3, {{arguments}})]
            public partial class Stream { }
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
    public void A_member_named_like_a_generated_convolution_member_is_GN0007()
    {
        const string source = """
            using GenNet;
            [Network(Inputs = 1, Convolution = new[] { 4 }, Outputs = 1)]
            public partial class Net { public void ResetState() { } }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("GN0007", diagnostic.Id);
        Assert.Contains("'ResetState'", diagnostic.GetMessage());
    }
}
