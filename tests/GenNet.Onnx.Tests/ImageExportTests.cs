using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Image networks export as Conv → activation → MaxPool/AveragePool → Flatten → Gemm on an [N, C, H, W] input; ONNX
/// Runtime runs the model on a batch of images and must give what <see cref="INetwork{T}.PredictBatch"/> gives; the
/// model loads back bit for bit.
/// </summary>
public sealed class ImageExportTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void LeNet5_runs_in_OnnxRuntime_as_in_GenNet() => AssertSamePredictions(new OnnxLeNet5(), seed: 1, [1, 28, 28]);

    [Fact]
    public void Padding_1_stride_2_max_and_average_pooling_run_in_OnnxRuntime_as_in_GenNet() => AssertSamePredictions(new OnnxSmallImageNet(), seed: 2, [2, 10, 9]);

    [Fact]
    public void Stride_2_padding_1_sigmoid_Conv_runs_in_OnnxRuntime_as_in_GenNet() => AssertSamePredictions(new OnnxStridedImageNet(), seed: 3, [1, 8, 8]);

    [Fact]
    public void Average_pooling_after_LeakyReLU_runs_in_OnnxRuntime_as_in_GenNet() => AssertSamePredictions(new OnnxAveragePoolImageNet(), seed: 4, [3, 6, 6]);

    [Fact]
    public void Grouped_and_depthwise_Conv_run_in_OnnxRuntime_as_in_GenNet() => AssertSamePredictions(new OnnxGroupedImageNet(), seed: 5, [4, 8, 8]);

    [Fact]
    public void An_exported_image_model_loads_back_bit_for_bit()
    {
        foreach (INetwork<float> network in new INetwork<float>[] { new OnnxLeNet5(), new OnnxSmallImageNet(), new OnnxStridedImageNet(), new OnnxAveragePoolImageNet(), new OnnxGroupedImageNet() })
        {
            network.InitializeWeights(7);
            byte[] model = OnnxModel.ToBytes(network);
            float[] before = network.Parameters.ToArray();
            network.InitializeWeights(8);
            Assert.NotEqual(before, network.Parameters.ToArray());

            OnnxModel.Load(network, model);
            Assert.Equal(before, network.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_double_image_model_is_valid_ONNX_that_loads_back_bit_for_bit_but_ONNX_Runtime_has_no_double_Conv()
    {
        var network = new OnnxDoubleImageNet();
        network.InitializeWeights(5);
        byte[] model = OnnxModel.ToBytes(network);
        double[] before = network.Parameters.ToArray();
        network.InitializeWeights(6);
        OnnxModel.Load(network, model);
        Assert.Equal(before, network.Parameters.ToArray());

        // ONNX allows double Conv and AveragePool; ONNX Runtime's CPU provider implements them for float only, so the
        // session refuses the model. Should a later ONNX Runtime run it, it must agree with Predict.
        double[] inputs = TestData.Inputs(3, OnnxDoubleImageNet.InputCount, 5);
        double[] expected = new double[3 * OnnxDoubleImageNet.OutputCount];
        network.PredictBatch(inputs, expected);
        try
        {
            double[] actual = OnnxRuntimeReference.Run(model, inputs, [3, 3, 6, 6]);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"output {i}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
            }
        }
        catch (OnnxRuntimeException error)
        {
            // Measured with Microsoft.ML.OnnxRuntime 1.31.1: "[ErrorCode:NotImplemented] Could not find an implementation for Conv(11) node".
            Assert.Contains("implementation for Conv", error.Message);
        }
    }

    [Fact]
    public void The_model_declares_an_NCHW_input_and_Conv_pooling_and_Flatten_nodes()
    {
        var network = new OnnxSmallImageNet();
        network.InitializeWeights(1);
        using var session = new InferenceSession(OnnxModel.ToBytes(network));
        Assert.Equal(new[] { -1, 2, 10, 9 }, session.InputMetadata["input"].Dimensions);
        Assert.Equal(new[] { -1, 3 }, session.OutputMetadata["output"].Dimensions);

        Import.OnnxGraph graph = Import.OnnxGraph.Parse(OnnxModel.ToBytes(network), "test");
        Assert.Equal(["Conv", "Tanh", "MaxPool", "Conv", "Tanh", "AveragePool", "Flatten", "Gemm", "Tanh", "Gemm", "Softmax"], graph.Nodes.Select(node => node.OperatorType));
        Import.OnnxNode second = graph.Nodes[3];
        Assert.Equal([2L, 2L], second.Attributes["kernel_shape"].Ints!);
        Assert.Equal([2L, 2L], second.Attributes["strides"].Ints!);
        Assert.Equal([1L, 1L, 1L, 1L], graph.Nodes[0].Attributes["pads"].Ints!);
    }

    [Fact]
    public void A_model_of_another_image_architecture_is_refused_and_the_weights_stay()
    {
        var lenet = new OnnxLeNet5();
        lenet.InitializeWeights(3);
        float[] before = lenet.Parameters.ToArray();

        var small = new OnnxSmallImageNet();
        small.InitializeWeights(3);
        var kinds = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(lenet, OnnxModel.ToBytes(small)));
        Assert.Contains("(Conv, MaxPool, Conv, AveragePool)", kinds.Message);
        var dense = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(lenet, OnnxModel.ToBytes(new ClassifierNet())));
        Assert.Contains("opens with 0 image layers", dense.Message);
        var image = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(new ClassifierNet(), OnnxModel.ToBytes(new OnnxStridedImageNet())));
        Assert.Contains("opens with 2 image layers (Conv, MaxPool)", image.Message);
        Assert.Equal(before, lenet.Parameters.ToArray());

        // Same layer kinds and windows, another activation after the Conv.
        var leaky = new OnnxAveragePoolImageNet();
        var linear = new OnnxDoubleImageNet();
        var activation = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(linear, OnnxModel.ToBytes(leaky)));
        Assert.Contains("LeakyRe", activation.Message);
    }

    private void AssertSamePredictions(INetwork<float> network, int seed, long[] imageShape)
    {
        const int images = 5;
        network.InitializeWeights(seed);
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
