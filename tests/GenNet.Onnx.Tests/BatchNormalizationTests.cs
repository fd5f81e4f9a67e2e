using System;
using System.Linq;
using GenNet.Activations;
using GenNet;
using Xunit;
using GenNet.Persistence;

namespace GenNet.Onnx.Tests;

[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, BatchNormalization = true, HiddenActivation = typeof(Tanh),
         OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class NormalizedNet { }

public sealed class BatchNormalizationTests
{
    [Fact]
    public void A_batch_normalised_network_runs_in_OnnxRuntime_as_in_GenNet()
    {
        var network = new NormalizedNet();
        network.InitializeWeights(8);
        float[] inputs = TestData.InputsSingle(32, NormalizedNet.InputCount, 8);
        float[] targets = OneHot(32, NormalizedNet.OutputCount);
        for (int step = 0; step < 20; step++)
        {
            network.TrainStep(inputs, targets, 0.1f); // moves γ, β and the running statistics away from 1 and 0
        }

        Assert.Contains(network.RunningMean.ToArray(), mean => Math.Abs(mean) > 0.01f);
        var expected = new float[32 * NormalizedNet.OutputCount];
        network.PredictBatch(inputs, expected);

        float[] actual = OnnxRuntimeReference.Run(OnnxModel.ToBytes(new NormalizedAdapter(network)), inputs, NormalizedNet.InputCount);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"output {i}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }

    [Fact]
    public void Without_its_running_statistics_a_batch_normalised_network_is_refused()
    {
        INetwork<float> opaque = new OpaqueNetwork(new NormalizedNet());
        var export = Assert.Throws<NotSupportedException>(() => OnnxModel.ToBytes(opaque));
        Assert.Contains("does not expose its running statistics", export.Message);

        byte[] model = OnnxModel.ToBytes(new NormalizedAdapter(new NormalizedNet()));
        var import = Assert.Throws<NotSupportedException>(() => OnnxModel.Load(opaque, model));
        Assert.Contains("does not expose its running statistics", import.Message);
    }

    [Fact]
    public void A_batch_normalised_model_loads_back_bit_for_bit_with_its_running_statistics()
    {
        var network = new NormalizedNet();
        network.InitializeWeights(8);
        float[] inputs = TestData.InputsSingle(32, NormalizedNet.InputCount, 8);
        for (int step = 0; step < 5; step++)
        {
            network.TrainStep(inputs, OneHot(32, NormalizedNet.OutputCount), 0.1f);
        }

        byte[] model = OnnxModel.ToBytes(new NormalizedAdapter(network));
        float[] parameters = network.Parameters.ToArray(), mean = network.RunningMean.ToArray(), variance = network.RunningVariance.ToArray();
        var other = new NormalizedNet();
        other.InitializeWeights(9);
        OnnxModel.Load(new NormalizedAdapter(other), model);
        Assert.Equal(parameters, other.Parameters.ToArray());
        Assert.Equal(mean, other.RunningMean.ToArray());
        Assert.Equal(variance, other.RunningVariance.ToArray());
    }

    [Fact]
    public void A_model_without_BatchNormalization_nodes_is_refused_by_a_batch_normalised_network()
    {
        var network = new NormalizedNet();
        network.InitializeWeights(3);
        float[] before = network.Parameters.ToArray();
        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(new NormalizedAdapter(network), OnnxModel.ToBytes(new MixedNet())));
        Assert.Contains("batch-normalises it before its activation; the model has no BatchNormalization node after 'synapse_0.weight'", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    private static float[] OneHot(int rows, int classes) =>
        Enumerable.Range(0, rows * classes).Select(i => i % classes == (i / classes) % classes ? 1f : 0f).ToArray();

    // Exposes a generated network's public running statistics through the runtime interface.
    private sealed class NormalizedAdapter(NormalizedNet network) : IBatchNormalizedNetwork<float>
    {
        public int InputCount => NormalizedNet.InputCount;
        public int OutputCount => NormalizedNet.OutputCount;
        public int ParameterCount => NormalizedNet.ParameterCount;
        public NetworkArchitecture Architecture => NormalizedNet.Architecture;
        public Span<float> Parameters => network.Parameters;
        public Span<float> RunningMean => network.RunningMean;
        public Span<float> RunningVariance => network.RunningVariance;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => network.Predict(input, output);
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => network.PredictBatch(inputs, outputs);
        public void InitializeWeights(int seed) => network.InitializeWeights(seed);
    }

    // The same network seen only as INetwork<T>: its running statistics are out of reach.
    private sealed class OpaqueNetwork(NormalizedNet network) : INetwork<float>
    {
        public int InputCount => NormalizedNet.InputCount;
        public int OutputCount => NormalizedNet.OutputCount;
        public int ParameterCount => NormalizedNet.ParameterCount;
        public NetworkArchitecture Architecture => NormalizedNet.Architecture;
        public Span<float> Parameters => network.Parameters;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => network.Predict(input, output);
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => network.PredictBatch(inputs, outputs);
        public void InitializeWeights(int seed) => network.InitializeWeights(seed);
    }
}
