using System;
using System.IO;
using System.Linq;
using GenNet;
using Xunit;
using GenNet.Persistence;

namespace GenNet.Onnx.Tests;

// Every exported model is run in ONNX Runtime and compared with the network's own Predict.
public sealed class OnnxExportTests
{
    private const int Rows = 16;

    [Fact]
    public void A_softmax_classifier_runs_in_OnnxRuntime_as_in_GenNet() => AssertSameOutputs(new ClassifierNet(), seed: 1);

    [Fact]
    public void Tanh_LeakyReLU_and_Sigmoid_layers_run_in_OnnxRuntime_as_in_GenNet() => AssertSameOutputs(new MixedNet(), seed: 2);

    [Fact]
    public void A_linear_output_without_bias_runs_in_OnnxRuntime_as_in_GenNet() => AssertSameOutputs(new RegressionNet(), seed: 3);

    [Fact]
    public void Double_networks_export_as_double_models()
    {
        AssertSameOutputs(new BlogNet(), seed: 4, tolerance: 1e-12);
        AssertSameOutputs(new DoubleClassifierNet(), seed: 5, tolerance: 1e-12);
    }

    [Fact]
    public void Portable_activations_export_as_ONNX_operators_and_models_load_either_way()
    {
        AssertSameOutputs(new PortableMixedNet(), seed: 6);
        AssertSameOutputs(new PortableClassifierNet(), seed: 7);

        // A Tanh/Sigmoid model loads into the portable network and the other way round: they compute the same functions.
        var platform = new MixedNet();
        platform.InitializeWeights(12);
        var portable = new PortableMixedNet();
        OnnxModel.Load(portable, OnnxModel.ToBytes(platform));
        Assert.Equal(platform.Parameters.ToArray(), portable.Parameters.ToArray());

        portable.InitializeWeights(13);
        OnnxModel.Load(platform, OnnxModel.ToBytes(portable));
        Assert.Equal(portable.Parameters.ToArray(), platform.Parameters.ToArray());
    }

    [Fact]
    public void Export_then_import_restores_every_weight_bit_for_bit()
    {
        var network = new MixedNet();
        network.InitializeWeights(11);
        var copy = new MixedNet();

        OnnxModel.Load(copy, OnnxModel.ToBytes(network));

        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void Save_writes_the_same_model_to_a_file_and_names_are_configurable()
    {
        var network = new RegressionNet();
        network.InitializeWeights(6);
        string path = Path.Combine(Path.GetTempPath(), $"gennet-{Guid.NewGuid():N}.onnx");
        var options = new OnnxExportOptions { InputName = "features", OutputName = "prediction", GraphName = "regression" };
        try
        {
            OnnxModel.Save(network, path, options);
            byte[] model = File.ReadAllBytes(path);

            Assert.Equal(OnnxModel.ToBytes(network, options), model);
            float[] inputs = TestData.InputsSingle(Rows, RegressionNet.InputCount, 6);
            float[] expected = new float[Rows * RegressionNet.OutputCount];
            network.PredictBatch(inputs, expected);
            float[] actual = OnnxRuntimeReference.Run(model, inputs, RegressionNet.InputCount, "features", "prediction");
            Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) <= 1e-5f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_custom_activation_is_refused_naming_it()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ToBytes(new CustomActivationNet()));
        Assert.Contains("layer_1 uses the activation GenNet.Onnx.Tests.Softsign, which has no ONNX operator", error.Message);
    }

    private static void AssertSameOutputs(INetwork<float> network, int seed)
    {
        network.InitializeWeights(seed);
        float[] inputs = TestData.InputsSingle(Rows, network.InputCount, seed);
        var expected = new float[Rows * network.OutputCount];
        network.PredictBatch(inputs, expected);

        float[] actual = OnnxRuntimeReference.Run(OnnxModel.ToBytes(network), inputs, network.InputCount);

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"output {i}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }

        Assert.True(expected.Distinct().Count() > expected.Length / 2, "the outputs vary, so the comparison means something");
    }

    private static void AssertSameOutputs(INetwork<double> network, int seed, double tolerance)
    {
        network.InitializeWeights(seed);
        double[] inputs = TestData.Inputs(Rows, network.InputCount, seed);
        var expected = new double[Rows * network.OutputCount];
        network.PredictBatch(inputs, expected);

        double[] actual = OnnxRuntimeReference.Run(OnnxModel.ToBytes(network), inputs, network.InputCount);

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"output {i}: GenNet {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }
}
