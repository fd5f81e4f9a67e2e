using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The generated file of LeNet-5 (two Conv2D layers with max pooling, then 120 → 84 → 10), compared with a reviewed copy
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
}
