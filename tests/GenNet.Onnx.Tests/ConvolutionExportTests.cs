using System;
using GenNet.Persistence;
using Xunit;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Causal Conv1D networks export as ONNX 1-D <c>Conv</c> layers padded before the sequence only; ONNX Runtime runs the
/// model over a whole sequence and must give what <see cref="ISequenceNetwork{T}.PredictSequence"/> gives from a zero state.
/// </summary>
public sealed class ConvolutionExportTests
{
    [Fact]
    public void A_dilated_Conv1D_stack_with_a_dense_layer_runs_in_OnnxRuntime_as_in_GenNet() =>
        AssertSameSequence(new DilatedConvolutionNet(), seed: 1, steps: 50);

    [Fact]
    public void A_Conv1D_layer_straight_into_the_output_runs_in_OnnxRuntime_as_in_GenNet() =>
        AssertSameSequence(new SigmoidConvolutionNet(), seed: 2, steps: 37);

    [Fact]
    public void Grouped_and_depthwise_Conv1D_layers_run_in_OnnxRuntime_as_in_GenNet() =>
        AssertSameSequence(new GroupedConvolutionNet(), seed: 5, steps: 45);

    [Fact]
    public void Strided_Conv1D_layers_hold_their_outputs_in_OnnxRuntime_as_in_GenNet()
    {
        // 41 and 6 steps: not multiples of either stride, so the last held run is cut short.
        AssertSameSequence(new StridedConvolutionNet(), seed: 6, steps: 41);
        AssertSameSequence(new StridedConvolutionNet(), seed: 9, steps: 6);
    }

    [Fact]
    public void Pooled_Conv1D_layers_hold_their_windows_in_OnnxRuntime_as_in_GenNet()
    {
        // 40 and 10 steps: windows of 3 leave a partial window at the end, which neither side gives.
        AssertSameSequence(new PooledConvolutionNet(), seed: 7, steps: 40);
        AssertSameSequence(new PooledConvolutionNet(), seed: 8, steps: 10);
    }

    [Theory]
    [InlineData(nameof(StridedConvolutionNet))]
    [InlineData(nameof(PooledConvolutionNet))]
    public void A_strided_or_pooled_Conv1D_model_loads_back_bit_for_bit(string name)
    {
        ISequenceNetwork<float> Create() => name == nameof(StridedConvolutionNet) ? new StridedConvolutionNet() : new PooledConvolutionNet();
        ISequenceNetwork<float> network = Create();
        network.InitializeWeights(3);
        byte[] model = OnnxModel.ToBytes(network);
        ISequenceNetwork<float> loaded = Create();
        OnnxModel.Load(loaded, model);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void A_model_that_holds_otherwise_is_refused_and_the_weights_stay()
    {
        // The same weight shapes, but strides where the network pools, pools where it strides, or neither.
        var strided = new StridedConvolutionNet();
        strided.InitializeWeights(3);
        var pooled = new PooledConvolutionNet();
        pooled.InitializeWeights(4);
        var plain = new DilatedConvolutionNet();
        foreach ((ISequenceNetwork<float> target, ISequenceNetwork<float> source) in new (ISequenceNetwork<float>, ISequenceNetwork<float>)[] { (pooled, strided), (strided, pooled) })
        {
            float[] kept = target.Parameters.ToArray();
            Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(target, OnnxModel.ToBytes(source)));
            Assert.Equal(kept, target.Parameters.ToArray());
        }

        float[] before = plain.Parameters.ToArray();
        Assert.ThrowsAny<Exception>(() => OnnxModel.Load(plain, OnnxModel.ToBytes(strided)));
        Assert.Equal(before, plain.Parameters.ToArray());
    }

    [Fact]
    public void Batch_normalised_Conv1D_layers_run_in_OnnxRuntime_as_in_GenNet_and_load_back_bit_for_bit()
    {
        var network = new NormalizedConvolutionNet();
        network.InitializeWeights(4);
        var random = new Random(5);
        Span<float> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] += (float)((random.NextDouble() - 0.5) * 0.8);   // γ and β away from 1 and 0 too
        }

        for (int k = 0; k < network.RunningMean.Length; k++)
        {
            network.RunningMean[k] = (float)(random.NextDouble() - 0.5);
            network.RunningVariance[k] = (float)(0.2 + random.NextDouble());
        }

        const int steps = 30;
        float[] inputs = TestData.InputsSingle(steps, NormalizedConvolutionNet.InputCount, 6);
        var expected = new float[steps * NormalizedConvolutionNet.OutputCount];
        network.ResetState();
        network.PredictSequence(inputs, expected);
        byte[] model = OnnxModel.ToBytes(network);
        float[] actual = OnnxRuntimeReference.Run(model, inputs, NormalizedConvolutionNet.InputCount);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"step {i / NormalizedConvolutionNet.OutputCount}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }

        var loaded = new NormalizedConvolutionNet();
        OnnxModel.Load(loaded, model);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(network.RunningMean.ToArray(), loaded.RunningMean.ToArray());
        Assert.Equal(network.RunningVariance.ToArray(), loaded.RunningVariance.ToArray());

        // The same shapes without normalisation refuse the model (and the other way round), weights unchanged.
        var plain = new DilatedConvolutionNet();
        float[] kept = plain.Parameters.ToArray();
        Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(plain, model));
        Assert.Equal(kept, plain.Parameters.ToArray());
    }

    [Fact]
    public void The_Conv_weights_are_GenNets_with_their_axes_reversed()
    {
        // One tap of one channel into one output set at a time: ONNX Runtime's output must move to the delay that tap
        // stands for, (K − 1 − k)·d steps after the impulse.
        var network = new SigmoidConvolutionNet();
        network.Parameters.Clear();
        Span<float> p = network.Parameters;
        const int k = 1, channel = 2, output = 4, kernel = 4, inputs = 3, channels = 5, dilation = 3;
        p[(((k * inputs) + channel) * channels) + output] = 10f;
        p[ConvolutionLayoutOf(network).ParameterCount + output] = 1f;   // the dense weight from that output channel
        const int steps = 20;
        var x = new float[steps * inputs];
        x[(2 * inputs) + channel] = 1f;                                   // an impulse at step 2 on that channel

        float[] y = OnnxRuntimeReference.Run(OnnxModel.ToBytes(network), x, inputs);
        int delay = (kernel - 1 - k) * dilation;
        for (int t = 0; t < steps; t++)
        {
            // σ(10) = 0.99995 where the tap sees the impulse, σ(0) = 0.5 elsewhere.
            Assert.Equal(t == 2 + delay ? 0.9999546f : 0.5f, y[t], 5);
        }
    }

    [Fact]
    public void An_exported_Conv1D_model_loads_back_bit_for_bit()
    {
        foreach (ISequenceNetwork<float> network in new ISequenceNetwork<float>[] { new DilatedConvolutionNet(), new SigmoidConvolutionNet(), new GroupedConvolutionNet() })
        {
            network.InitializeWeights(7);
            byte[] model = OnnxModel.ToBytes(network);
            float[] before = network.Parameters.ToArray();
            network.InitializeWeights(8);

            OnnxModel.Load(network, model);
            Assert.Equal(before, network.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_Conv1D_model_of_another_dilation_shape_or_kind_is_refused_and_the_weights_stay()
    {
        var network = new SigmoidConvolutionNet();
        network.InitializeWeights(4);
        float[] before = network.Parameters.ToArray();

        var dilation = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(network, OnnxModel.ToBytes(new SigmoidConvolutionNetDilation2())));
        Assert.Contains("dilation 3", dilation.Message, StringComparison.Ordinal);
        Assert.Contains("dilation 2", dilation.Message, StringComparison.Ordinal);
        var shape = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(network, OnnxModel.ToBytes(new DilatedConvolutionNet())));
        Assert.Contains("Conv1D", shape.Message, StringComparison.Ordinal);
        var dense = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(network, OnnxModel.ToBytes(new RegressionNet())));
        Assert.Contains("opens with 0 Conv1D layers", dense.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.Parameters.ToArray());

        var regression = new RegressionNet();
        float[] kept = regression.Parameters.ToArray();
        Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(regression, OnnxModel.ToBytes(network)));
        Assert.Equal(kept, regression.Parameters.ToArray());
    }

    private static ConvolutionLayout ConvolutionLayoutOf(INetwork<float> network) => network.Architecture.Convolution!;

    private static void AssertSameSequence(ISequenceNetwork<float> network, int seed, int steps)
    {
        network.InitializeWeights(seed);
        float[] inputs = TestData.InputsSingle(steps, network.InputCount, seed);
        float[] expected = new float[steps * network.OutputCount];
        network.ResetState();
        network.PredictSequence(inputs, expected);

        float[] actual = OnnxRuntimeReference.Run(OnnxModel.ToBytes(network), inputs, network.InputCount);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"step {i / network.OutputCount}, output {i % network.OutputCount}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }
}
