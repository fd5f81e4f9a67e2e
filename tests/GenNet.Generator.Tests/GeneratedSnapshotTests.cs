using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// The generated files of representative networks, compared with reviewed copies in Snapshots/. After a deliberate
/// change to the emitter, run <c>UPDATE_SNAPSHOTS=1 dotnet test tests/GenNet.Generator.Tests</c> and review the diff.
/// </summary>
public sealed class GeneratedSnapshotTests
{
    [Fact]
    public void Blog_xor_3_4_1_double() => VerifyNetwork("""
        using GenNet;
        namespace Blog;
        [Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
        public partial class XorNet { }
        """);

    [Fact]
    public void Fast_xor_3_4_1_simd_lanes() => VerifyNetwork("""
        using GenNet;
        namespace Blog;
        [Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
        public partial class FastXorNet { }
        """);

    [Fact]
    public void Silu_hidden_layer_keeps_its_preactivation() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Control;
        [Network(Inputs = 2, Hidden = 3, Outputs = 1, HiddenActivation = typeof(SiLU), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
        public partial class SiluNet { }
        """);

    [Fact]
    public void Blog_xor_3_4_1_float() => VerifyNetwork("""
        using GenNet;
        namespace Blog;
        [Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Precision = NetworkPrecision.Single)]
        public partial class XorNetSingle { }
        """);

    [Fact]
    public void Blog_two_layer_3_1() => VerifyNetwork("""
        using GenNet;
        namespace Blog;
        [Network(Inputs = 3, Outputs = 1, Bias = false)]
        public partial class TwoLayerNet { }
        """);

    [Fact]
    public void Large_64_128_10_uses_loops() => VerifyNetwork("""
        using GenNet;
        namespace Digits;
        [Network(Inputs = 64, Hidden = 128, Outputs = 10, Arithmetic = NetworkArithmetic.NumpyCompatible)]
        public partial class DigitNet { }
        """);

    [Fact]
    public void Fast_784_128_10_blocked_kernels() => VerifyNetwork("""
        using GenNet;
        namespace Fashion;
        [Network(Inputs = 784, Hidden = 128, Outputs = 10, Precision = NetworkPrecision.Single)]
        public partial class FashionNet { }
        """);

    [Fact]
    public void Classifier_two_hidden_layers_tanh_softmax() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Flowers;
        [Network(Inputs = 4, HiddenLayers = new[] { 8, 6 }, Outputs = 3,
                 HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
        public partial class IrisNet { }
        """);

    [Fact]
    public void Dropout_relu_regressor() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Control;
        [Network(Inputs = 3, Hidden = 5, Outputs = 2, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Linear),
                 Loss = LossFunction.MeanSquaredError, Dropout = 0.25, Initialization = WeightInitialization.He)]
        public partial class DropoutNet { }
        """);

    [Fact]
    public void Batch_normalised_classifier() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Flowers;
        [Network(Inputs = 4, Hidden = 6, Outputs = 3, BatchNormalization = true,
                 OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
        public partial class NormalizedIrisNet { }
        """);

    [Fact]
    public void Gru_16_then_dense_float() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Audio;
        [Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1,
                 OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
        public partial class GruAmp { }
        """);

    [Fact]
    public void Lstm_stack_then_dense_hidden() => VerifyNetwork("""
        using GenNet;
        using GenNet.Activations;
        namespace Audio;
        [Network(Inputs = 2, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 8, 4 }, Hidden = 3, Outputs = 1,
                 HiddenActivation = typeof(Tanh), OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy)]
        public partial class LstmDetector { }
        """);

    private static void VerifyNetwork(string source, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
        GeneratedSourceResult generated = Assert.Single(outcome.GeneratedSources);
        Snapshot.Verify(generated.SourceText.ToString(), generated.HintName, method: method);
    }
}
