using System;
using System.IO;
using GenNet.Onnx.Protobuf;
using GenNet.Persistence;
using Xunit;

using static GenNet.Onnx.Tests.HandWrittenModels;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Importing batch-normalised image models written by hand: Conv → BatchNormalization → AveragePool → Flatten → Gemm
/// for <see cref="OnnxNormalizedLinearConvNet"/>. A BatchNormalization node that is missing, misplaced, in training
/// mode, of another epsilon or of another width is refused, and a refused model changes neither the weights nor the
/// running statistics.
/// </summary>
public sealed class ImageBatchNormImportTests
{
    private static readonly float[] ConvWeights = Values(18, 1), ConvBias = Values(2, 100), Scale = Values(2, 200), Shift = Values(2, 300),
        Mean = Values(2, 400), Variance = Values(2, 500), GemmWeights = Values(16, 600), GemmBias = Values(2, 700);

    [Fact]
    public void A_hand_written_model_loads_gamma_and_beta_after_the_Conv_bias_and_the_running_statistics_aside()
    {
        foreach (ProtoWriter[] attributes in new ProtoWriter[][] { [Float("epsilon", 1e-5f), Float("momentum", 0.9f)], [] }) // ONNX's default epsilon is 1e-5
        {
            var network = new OnnxNormalizedLinearConvNet();
            OnnxModel.Load(network, Model(attributes));
            Assert.Equal([.. ConvWeights, .. ConvBias, .. Scale, .. Shift, .. GemmWeights, .. GemmBias], network.Parameters.ToArray());
            Assert.Equal(Mean, network.RunningMean.ToArray());
            Assert.Equal(Variance, network.RunningVariance.ToArray());
        }
    }

    public static TheoryData<string, string> RefusedModels => new()
    {
        { "epsilon 1e-3", "epsilon must be the float 1E-05 (GenNet's BatchNormEpsilon); it is 0.001" },
        { "epsilon as an integer", "epsilon must be the float 1E-05 (GenNet's BatchNormEpsilon); it is not a float" },
        { "training_mode 1", "training_mode must be 0" },
        { "after the pooling", "BatchNormalization among the image layers must follow a Conv, before its activation" },
        { "after the Conv's activation", "BatchNormalization among the image layers must follow a Conv, before its activation" },
        { "twice", "BatchNormalization among the image layers must follow a Conv, before its activation" },
        { "mean not a constant", "reads 'x', which is not a constant" },
        { "without its variance", "must take the previous output, scale, B, input_mean and input_var" },
    };

    [Theory]
    [MemberData(nameof(RefusedModels))]
    public void A_BatchNormalization_GenNet_does_not_compute_is_refused_and_nothing_changes(string damage, string message)
    {
        var error = AssertRefused<InvalidDataException>(damage);
        Assert.Contains(message, error.Message);
    }

    public static TheoryData<string, string> MismatchedModels => new()
    {
        { "no BatchNormalization", "layer_1 (Conv2D): the network '" },
        { "no BatchNormalization", "batch-normalises it before its activation; the model has no BatchNormalization node after 'conv.W'" },
        { "on the output layer", "layer_3: the network '" },
        { "on the output layer", "does not batch-normalise it; the model has the BatchNormalization node 'gemm_bn' after 'gemm.W'" },
        { "scale of 3", "needs its scale of shape [2], one per channel; the model's 'bn.scale' is [3]" },
        { "variance of rank 2", "needs its input_var of shape [2], one per channel; the model's 'bn.var' is [1, 2]" },
    };

    [Theory]
    [MemberData(nameof(MismatchedModels))]
    public void A_missing_or_extra_BatchNormalization_is_an_architecture_mismatch_and_nothing_changes(string damage, string message)
    {
        var error = AssertRefused<ArchitectureMismatchException>(damage);
        Assert.Contains(message, error.Message);
    }

    private static TException AssertRefused<TException>(string damage)
        where TException : Exception
    {
        var network = new OnnxNormalizedLinearConvNet();
        ImageBatchNormExportTests.Randomize(network, 1);
        float[] parameters = network.Parameters.ToArray(), mean = network.RunningMean.ToArray(), variance = network.RunningVariance.ToArray();

        var error = Assert.Throws<TException>(() => OnnxModel.Load(network, Damaged(damage)));
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(mean, network.RunningMean.ToArray());
        Assert.Equal(variance, network.RunningVariance.ToArray());
        return error;
    }

    private static byte[] Damaged(string damage) => damage switch
    {
        "epsilon 1e-3" => Model([Float("epsilon", 1e-3f)]),
        "epsilon as an integer" => Model([Int("epsilon", 1)]),
        "training_mode 1" => Model([Int("training_mode", 1)]),
        "after the pooling" => Model(place: "pool"),
        "after the Conv's activation" => Model(place: "activation"),
        "twice" => Model(place: "twice"),
        "mean not a constant" => Model(inputs: ["bn.scale", "bn.B", "x", "bn.var"]),
        "without its variance" => Model(inputs: ["bn.scale", "bn.B", "bn.mean"]),
        "no BatchNormalization" => Model(place: "none"),
        "on the output layer" => Model(place: "output"),
        "scale of 3" => Model(scaleDims: [3]),
        "variance of rank 2" => Model(varianceDims: [1, 2]),
        _ => throw new ArgumentOutOfRangeException(nameof(damage)),
    };

    // Conv(W [2, 1, 3, 3], B [2]) → BatchNormalization → AveragePool → Flatten → Gemm(W [8, 2], B [2]): the shape of
    // OnnxNormalizedLinearConvNet. `place` moves the BatchNormalization: after the pool, after a Sigmoid on the Conv,
    // twice, nowhere, or after the Gemm as well.
    private static byte[] Model(ProtoWriter[]? attributes = null, string place = "conv", string[]? inputs = null, long[]? scaleDims = null, long[]? varianceDims = null)
    {
        attributes ??= [Float("epsilon", 1e-5f)];
        var graph = new ProtoWriter()
            .Message(GraphProto.Initializer, Tensor("conv.W", [2, 1, 3, 3], ConvWeights))
            .Message(GraphProto.Initializer, Tensor("conv.B", [2], ConvBias))
            .Message(GraphProto.Initializer, Tensor("bn.scale", scaleDims ?? [2], scaleDims is [3] ? Values(3, 200) : Scale))
            .Message(GraphProto.Initializer, Tensor("bn.B", [2], Shift))
            .Message(GraphProto.Initializer, Tensor("bn.mean", [2], Mean))
            .Message(GraphProto.Initializer, Tensor("bn.var", varianceDims ?? [2], Variance))
            .Message(GraphProto.Initializer, Tensor("gemm.W", [8, 2], GemmWeights))
            .Message(GraphProto.Initializer, Tensor("gemm.B", [2], GemmBias))
            .Message(GraphProto.Node, Node("conv", "Conv", ["x", "conv.W", "conv.B"], "c", [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)]));
        string current = "c";
        void Append(string name, string type, string[] extra, ProtoWriter[] nodeAttributes)
        {
            graph.Message(GraphProto.Node, Node(name, type, [current, .. extra], $"{current}_{name}", nodeAttributes));
            current = $"{current}_{name}";
        }

        void Normalize(string name) => Append(name, "BatchNormalization", inputs ?? ["bn.scale", "bn.B", "bn.mean", "bn.var"], attributes);

        if (place == "activation")
        {
            Append("act", "Sigmoid", [], []);
        }

        if (place is "conv" or "twice" or "activation" or "output")
        {
            Normalize("bn");
        }

        if (place == "twice")
        {
            Normalize("bn_again");
        }

        Append("pool", "AveragePool", [], [Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)]);
        if (place == "pool")
        {
            Normalize("bn");
        }

        Append("flatten", "Flatten", [], [Int("axis", 1)]);
        Append("gemm", "Gemm", ["gemm.W", "gemm.B"], []);
        if (place == "output")
        {
            Normalize("gemm_bn"); // its [2] tensors fit the 2 outputs too
        }

        graph.Message(GraphProto.Input, new ProtoWriter().String(ValueInfoProto.Name, "x"))
            .Message(GraphProto.Output, new ProtoWriter().String(ValueInfoProto.Name, current));
        return new ProtoWriter().Int64(ModelProto.IrVersion, 8).Message(ModelProto.Graph, graph).ToArray();
    }
}
