using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using Xunit;
using static GenNet.Onnx.Tests.TestData;

namespace GenNet.Onnx.Tests;

// The models in Reference/ were written by the onnx package and their outputs by numpy (Reference/make_models.py).
public sealed class OnnxImportTests
{
    private static readonly double[] Inputs = NpyFile.Read(Reference("inputs_6x4.npy")).Values.ToArray();

    [Fact]
    public void A_PyTorch_style_model_Gemm_transB_Relu_Softmax_predicts_what_numpy_computes()
    {
        var network = new TorchStyleNet();
        OnnxModel.Load(network, Reference("torch_style_mlp.onnx"));

        var outputs = new float[6 * TorchStyleNet.OutputCount];
        network.PredictBatch(Inputs.Select(v => (float)v).ToArray(), outputs);

        double[] expected = NpyFile.Read(Reference("torch_style_mlp_outputs.npy")).Values.ToArray();
        Assert.All(expected.Zip(outputs), pair => Assert.Equal(pair.First, pair.Second, 1e-5));
    }

    [Fact]
    public void A_MatMul_Add_model_in_double_predicts_what_numpy_computes()
    {
        var network = new MatMulAddNet();
        OnnxModel.Load(network, Reference("matmul_add.onnx"));

        var outputs = new double[6 * MatMulAddNet.OutputCount];
        network.PredictBatch(Inputs, outputs);

        double[] expected = NpyFile.Read(Reference("matmul_add_outputs.npy")).Values.ToArray();
        Assert.All(expected.Zip(outputs), pair => Assert.Equal(pair.First, pair.Second, 1e-12));
    }

    [Fact]
    public void Another_layer_size_is_refused_naming_both_shapes_and_the_weights_stay()
    {
        var network = new ClassifierNet();
        network.InitializeWeights(1);
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(network, Reference("torch_style_mlp.onnx")));

        Assert.StartsWith(
            "synapse_0 (layer_0 → layer_1) needs weights of shape (64, 32) (inputs × outputs); the model's '1.weight' is [5, 4] used transposed (transB = 1), i.e. (4, 5).",
            error.Message);
        Assert.Equal("(64, 32)", error.Expected);
        Assert.Equal("(4, 5)", error.Actual);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Another_activation_is_refused_and_the_weights_stay()
    {
        // Same sizes and bias as MixedNet, but ReLU where its model has Tanh.
        var network = new MixedNet();
        byte[] model = OnnxModel.ToBytes(network);
        var other = new SameShapeOtherActivationNet();
        other.InitializeWeights(3);
        float[] before = other.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(other, model));

        Assert.Contains("layer_1: the network applies GenNet.Activations.ReLU; the model applies GenNet.Activations.Tanh after 'synapse_0.weight'", error.Message);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    [Fact]
    public void Bias_on_one_side_only_and_another_depth_are_refused()
    {
        byte[] withoutBias = OnnxModel.ToBytes(new RegressionNet());
        var withBias = new RegressionNetWithBias();
        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(withBias, withoutBias));
        Assert.Contains("the network has bias units; the model's layer 'synapse_0.weight' has no bias. Declare the network with Bias = false.", error.Message);

        var depth = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(new ClassifierNet(), OnnxModel.ToBytes(new MixedNet())));
        Assert.Contains("has 3 dense layers; the network 'float 64-32-10", depth.Message);
    }

    [Fact]
    public void Models_that_are_not_dense_chains_are_refused_with_the_reason()
    {
        // A Conv reads as an image layer now; a dense network has none, so the model does not fit it.
        var conv = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(new TorchStyleNet(), Reference("conv.onnx")));
        Assert.Contains("opens with 1 image layers (Conv); the network", conv.Message);
    }

    [Fact]
    public void Damaged_and_foreign_files_are_refused_and_the_weights_stay()
    {
        var network = new MixedNet();
        network.InitializeWeights(4);
        float[] before = network.Parameters.ToArray();
        byte[] model = OnnxModel.ToBytes(new MixedNet());

        // Every truncation of a valid model is refused: as damaged protobuf, or as a model missing parts.
        for (int length = 0; length < model.Length; length += 7)
        {
            Exception? error = Record.Exception(() => OnnxModel.Load(network, model[..length]));
            Assert.True(error is InvalidDataException or ArchitectureMismatchException, $"cut at {length}: {error?.GetType().Name ?? "loaded"}");
        }

        byte[] weightFile = new byte[64];
        "\u0089GNW\r\n\u001A\n"u8.ToArray().CopyTo(weightFile, 0);
        Assert.IsType<InvalidDataException>(Record.Exception(() => OnnxModel.Load(network, weightFile)));
        Assert.Equal(before, network.Parameters.ToArray());
    }
}

[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3,
         Activations = new[] { typeof(GenNet.Activations.ReLU), typeof(GenNet.Activations.LeakyReLU), typeof(GenNet.Activations.Sigmoid) },
         Precision = NetworkPrecision.Single)]
public partial class SameShapeOtherActivationNet { }

[Network(Inputs = 4, Hidden = 6, Outputs = 2, OutputActivation = typeof(GenNet.Activations.Linear), Loss = LossFunction.MeanSquaredError,
         Precision = NetworkPrecision.Single)]
public partial class RegressionNetWithBias { }
