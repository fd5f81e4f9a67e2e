using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The generated files of LeNet-5 (two Conv2D layers with max pooling, then 120 → 84 → 10) and of a small image network with
/// dropout on its dense hidden layer, and of LeNet-5 batch-normalised, compared with reviewed copies
/// in Snapshots/ (<c>UPDATE_SNAPSHOTS=1</c> to accept a deliberate change, as for <see cref="GeneratedSnapshotTests"/>).
/// </summary>
public sealed class ImageSnapshotTests
{
    [Fact]
    public void LeNet5_conv_pool_conv_pool_dense()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Vision;
            [Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
                     Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
                     HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
                     Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
            public partial class LeNet5 { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }

    [Fact]
    public void Small_image_net_with_dropout_on_its_dense_hidden_layer()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Vision;
            [Network(InputShape = new[] { 1, 12, 12 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(ReLU),
                     Pooling = PoolingKind.Max, Hidden = 16, HiddenActivation = typeof(ReLU), Outputs = 3, Dropout = 0.25,
                     OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
            public partial class DropoutDigits { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }

    [Fact]
    public void LeNet5_batch_normalised_after_every_convolution_and_dense_hidden_layer()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Vision;
            [Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
                     Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
                     HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
                     Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single, BatchNormalization = true)]
            public partial class BatchNormLeNet5 { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }
}
