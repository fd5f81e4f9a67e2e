using System;
using System.Linq;
using GenNet.Persistence;
using Xunit;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Recurrent networks export with ONNX's own RNN, GRU and LSTM operators; ONNX Runtime runs the model over a whole
/// sequence and must give what <see cref="ISequenceNetwork{T}.PredictSequence"/> gives from a zero state.
/// </summary>
public sealed class RecurrentExportTests
{
    [Fact]
    public void A_GRU_sequence_model_runs_in_OnnxRuntime_as_in_GenNet() => AssertSameSequence(new GruSequenceNet(), seed: 1, steps: 64);

    [Fact]
    public void Stacked_LSTM_layers_and_a_dense_layer_run_in_OnnxRuntime_as_in_GenNet() => AssertSameSequence(new StackedLstmNet(), seed: 2, steps: 40);

    [Fact]
    public void A_tanh_RNN_runs_in_OnnxRuntime_as_in_GenNet() => AssertSameSequence(new RnnSequenceNet(), seed: 3, steps: 50);

    [Fact]
    public void An_exported_recurrent_model_loads_back_bit_for_bit()
    {
        foreach (ISequenceNetwork<float> network in new ISequenceNetwork<float>[] { new GruSequenceNet(), new StackedLstmNet(), new RnnSequenceNet() })
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
    public void A_recurrent_model_of_another_kind_or_size_is_refused_and_the_weights_stay()
    {
        var lstm = new StackedLstmNet();
        lstm.InitializeWeights(3);
        float[] before = lstm.Parameters.ToArray();
        var gru = new GruSequenceNet();
        gru.InitializeWeights(3);

        var kind = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(lstm, OnnxModel.ToBytes(gru)));
        Assert.Contains("recurrent layers", kind.Message);
        var dense = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(lstm, OnnxModel.ToBytes(new RegressionNet())));
        Assert.Contains("opens with 0 recurrent layers", dense.Message);
        Assert.Equal(before, lstm.Parameters.ToArray());
    }

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
