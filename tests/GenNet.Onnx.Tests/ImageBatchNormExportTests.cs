using System;
using System.Linq;
using System.Numerics;
using GenNet.Persistence;
using Xunit;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Batch-normalised image networks export a BatchNormalization node (the running statistics, epsilon 1e-5) between
/// every Conv and its activation and after every dense hidden layer; ONNX Runtime must give what
/// <see cref="INetwork{T}.PredictBatch"/> gives, and the model loads back bit for bit, running statistics included.
/// </summary>
public sealed class ImageBatchNormExportTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void A_batch_normalised_image_network_runs_in_OnnxRuntime_as_in_GenNet() =>
        AssertSamePredictions(new OnnxNormalizedSingleImageNet(), seed: 1, [2, 7, 7]);

    [Fact]
    public void A_batch_normalised_linear_Conv_without_dense_hidden_layers_runs_in_OnnxRuntime_as_in_GenNet() =>
        AssertSamePredictions(new OnnxNormalizedLinearConvNet(), seed: 2, [1, 8, 8]);

    [Fact]
    public void The_model_normalises_each_Conv_before_its_activation_and_each_dense_hidden_layer_with_its_own_statistics()
    {
        var network = new OnnxNormalizedSingleImageNet();
        Randomize(network, 3);
        Import.OnnxGraph graph = Import.OnnxGraph.Parse(OnnxModel.ToBytes(network), "test");
        Assert.Equal(["Conv", "BatchNormalization", "Tanh", "MaxPool", "Conv", "BatchNormalization", "Tanh", "Flatten", "Gemm", "BatchNormalization", "Tanh", "Gemm", "Softmax"],
            graph.Nodes.Select(node => node.OperatorType));
        Assert.All(graph.Nodes.Where(node => node.OperatorType == "BatchNormalization"), node =>
        {
            Assert.Equal(1e-5f, node.Attributes["epsilon"].Float);
            Assert.Single(node.Outputs); // inference mode
        });

        // The running statistics: conv 3 channels (layer_1), conv 4 channels (layer_3), then the 5 dense hidden neurons (layer_4).
        ImageLayerLayout second = OnnxNormalizedSingleImageNet.Architecture.Image!.Layers[2];
        Assert.Equal(Doubles(network.Parameters.Slice(second.GammaOffset, 4)), graph.Initializers["layer_3.batchnorm.scale"].Values);
        Assert.Equal(Doubles(network.Parameters.Slice(second.BetaOffset, 4)), graph.Initializers["layer_3.batchnorm.shift"].Values);
        Assert.Equal(Doubles(network.RunningMean[..3]), graph.Initializers["layer_1.batchnorm.running_mean"].Values);
        Assert.Equal(Doubles(network.RunningVariance.Slice(3, 4)), graph.Initializers["layer_3.batchnorm.running_variance"].Values);
        Assert.Equal(Doubles(network.RunningMean.Slice(7, 5)), graph.Initializers["layer_4.batchnorm.running_mean"].Values);
        Assert.Equal(Doubles(network.RunningVariance.Slice(7, 5)), graph.Initializers["layer_4.batchnorm.running_variance"].Values);

        Import.OnnxGraph linear = Import.OnnxGraph.Parse(OnnxModel.ToBytes(new OnnxNormalizedLinearConvNet()), "test");
        Assert.Equal(["Conv", "BatchNormalization", "AveragePool", "Flatten", "Gemm"], linear.Nodes.Select(node => node.OperatorType));
    }

    [Fact]
    public void A_float_model_loads_back_bit_for_bit_with_its_running_statistics() => AssertRoundTrip(new OnnxNormalizedSingleImageNet());

    [Fact]
    public void A_double_model_loads_back_bit_for_bit_with_its_running_statistics() => AssertRoundTrip(new OnnxNormalizedImageNet());

    [Fact]
    public void A_linear_Conv_model_loads_back_bit_for_bit_with_its_running_statistics() => AssertRoundTrip(new OnnxNormalizedLinearConvNet());

    /// <summary>
    /// Non-trivial γ and β (around 1 and 0) and running statistics (variance in [0.2, 1.8)), from <paramref name="seed"/>,
    /// so that a value written to the wrong place changes the predictions.
    /// </summary>
    internal static void Randomize<T>(IBatchNormalizedNetwork<T> network, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeWeights(seed);
        NetworkArchitecture architecture = network.Architecture;
        var normalized = architecture.Image!.Layers.Where(layer => layer.Normalized).Select(layer => (layer.GammaOffset, layer.BetaOffset, Count: layer.OutChannels))
            .Concat(architecture.Layout.Synapses.Where(synapse => synapse.Normalized).Select(synapse => (synapse.GammaOffset, synapse.BetaOffset, Count: synapse.Columns)));
        int neurons = network.RunningMean.Length;
        double[] noise = TestData.Inputs(4, neurons, seed + 1000); // uniform in [−2, 2)
        T[] parameters = network.Parameters.ToArray();
        int k = 0;
        foreach ((int gamma, int beta, int count) in normalized)
        {
            for (int c = 0; c < count; c++, k++)
            {
                parameters[gamma + c] = T.CreateTruncating(1 + (0.25 * noise[k]));
                parameters[beta + c] = T.CreateTruncating(0.25 * noise[neurons + k]);
            }
        }

        Assert.Equal(neurons, k);
        parameters.CopyTo(network.Parameters);
        for (int i = 0; i < neurons; i++)
        {
            network.RunningMean[i] = T.CreateTruncating(0.5 * noise[(2 * neurons) + i]);
            network.RunningVariance[i] = T.CreateTruncating(1 + (0.4 * noise[(3 * neurons) + i]));
        }
    }

    private static double[] Doubles(Span<float> values) => Array.ConvertAll(values.ToArray(), value => (double)value);

    private static void AssertRoundTrip<T>(IBatchNormalizedNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int images = 4;
        Randomize(network, 7);
        byte[] model = OnnxModel.ToBytes(network);
        T[] parameters = network.Parameters.ToArray(), mean = network.RunningMean.ToArray(), variance = network.RunningVariance.ToArray();
        T[] inputs = Array.ConvertAll(TestData.Inputs(images, network.InputCount, 7), value => T.CreateTruncating(value));
        var expected = new T[images * network.OutputCount];
        network.PredictBatch(inputs, expected);

        Randomize(network, 8);
        Assert.NotEqual(parameters, network.Parameters.ToArray());
        Assert.NotEqual(mean, network.RunningMean.ToArray());
        OnnxModel.Load(network, model);

        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(mean, network.RunningMean.ToArray());
        Assert.Equal(variance, network.RunningVariance.ToArray());
        var actual = new T[expected.Length];
        network.PredictBatch(inputs, actual);
        Assert.Equal(expected, actual);
    }

    private void AssertSamePredictions(IBatchNormalizedNetwork<float> network, int seed, long[] imageShape)
    {
        const int images = 6;
        Randomize(network, seed);
        float[] inputs = TestData.InputsSingle(images, network.InputCount, seed);
        float[] expected = new float[images * network.OutputCount];
        network.PredictBatch(inputs, expected);

        float[] actual = OnnxRuntimeReference.Run(OnnxModel.ToBytes(network), inputs, [images, .. imageShape]);
        Assert.Equal(expected.Length, actual.Length);
        output.WriteLine($"{network.GetType().Name}: largest |GenNet − ONNX Runtime| over {images} images = {expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max():E2}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"image {i / network.OutputCount}, output {i % network.OutputCount}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }
}
