using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The generated files of a dilated Conv1D stack with a dense hidden layer and of grouped and depthwise Conv1D layers,
/// compared with reviewed copies in Snapshots/
/// (<c>UPDATE_SNAPSHOTS=1</c> to accept a deliberate change, as for <see cref="GeneratedSnapshotTests"/>).
/// </summary>
public sealed class ConvolutionSnapshotTests
{
    [Fact]
    public void Dilated_conv1d_stack_with_a_dense_hidden_layer()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Audio;
            [Network(Inputs = 2, Convolution = new[] { 8, 4 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Hidden = 3,
                     HiddenActivation = typeof(ReLU), Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
                     Precision = NetworkPrecision.Single)]
            public partial class AmpModel { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }

    [Fact]
    public void Grouped_and_depthwise_conv1d_layers()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Audio;
            [Network(Inputs = 4, Convolution = new[] { 8, 8 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Groups = new[] { 2, 8 },
                     Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
            public partial class GroupedAmp { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }

    [Fact]
    public void Strided_and_pooled_conv1d_layers_hold_their_outputs()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Audio;
            [Network(Inputs = 1, Convolution = new[] { 8, 4 }, KernelSizes = new[] { 3, 2 }, Strides = new[] { 2, 1 }, Poolings = new[] { PoolingKind.None, PoolingKind.Max }, PoolSize = 4,
                     Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
            public partial class HalfRateAmp { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }

    [Fact]
    public void Batch_normalised_conv1d_layers()
    {
        const string source = """
            using GenNet;
            using GenNet.Activations;
            namespace Audio;
            [Network(Inputs = 1, Convolution = new[] { 8, 4 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, BatchNormalization = true,
                     Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
            public partial class NormalizedAmp { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName);
    }
}
