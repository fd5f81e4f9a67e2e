using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using GenNet.Onnx.Protobuf;
using GenNet.Persistence;
using Xunit;

using static GenNet.Onnx.Tests.HandWrittenModels;

namespace GenNet.Onnx.Tests;

/// <summary>
/// Importing image models written by hand (not by GenNet's exporter): Conv → Sigmoid → MaxPool → Flatten → Gemm for
/// <see cref="OnnxStridedImageNet"/>; every attribute GenNet does not compute is refused with a message naming it, a
/// window or shape unlike the network's is an architecture mismatch, and a refused model changes no weight.
/// </summary>
public sealed class ImageImportTests
{
    private static readonly float[] ConvWeights = Values(18, 1), ConvBias = Values(2, 100), GemmWeights = Values(16, 200), GemmBias = Values(2, 300);

    [Fact]
    public void A_hand_written_model_loads_in_GenNet_order_Conv_W_and_b_then_the_dense_layer()
    {
        var network = new OnnxStridedImageNet();
        OnnxModel.Load(network, Model());
        Assert.Equal([.. ConvWeights, .. ConvBias, .. GemmWeights, .. GemmBias], network.Parameters.ToArray());
    }

    [Fact]
    public void A_declared_NCHW_input_of_the_networks_image_loads()
    {
        var network = new OnnxStridedImageNet();
        OnnxModel.Load(network, Model(inputShape: [-1, 1, 8, 8]));
        Assert.Equal([.. ConvWeights, .. ConvBias, .. GemmWeights, .. GemmBias], network.Parameters.ToArray());
        OnnxModel.Load(network, Model(inputShape: [1, -1, -1, -1])); // symbolic sizes are not checked
    }

    [Fact]
    public void Default_strides_pads_and_dilations_and_a_kernel_shape_taken_from_W_read_as_ONNX_defines_them()
    {
        // Conv with no attributes: kernel from W, stride 1, no padding. That is a 1×6×6 → 2×6×6 network, not this one.
        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(new OnnxStridedImageNet(), Model(conv: [])));
        Assert.Contains("the model's Conv node 'conv' has kernel 3×3, stride 1×1, padding 0×0", error.Message);
    }

    public static TheoryData<string, string> DamagedModels => new()
    {
        { "conv auto_pad SAME_UPPER", "auto_pad must be NOTSET" },
        { "conv dilations 2", "dilations must be [1, 1]" },
        { "conv group 0", "group must be a positive number" },
        { "conv asymmetric pads", "top = bottom and left = right" },
        { "conv 1000 pads", "pads must be [top, left, bottom, right]" },
        { "conv 1e6 packed pads", "pads must be [top, left, bottom, right]" },
        { "conv pads as one integer", "pads must be [top, left, bottom, right]" },
        { "conv kernel_shape unlike W", "kernel_shape [2, 2] must be W's last two dimensions" },
        { "conv W of rank 3", "W must have shape [out channels, in channels, KH, KW]" },
        { "pool ceil_mode 1", "ceil_mode must be 0" },
        { "pool storage_order 1", "storage_order must be 0" },
        { "pool dilations 2", "dilations must be [1, 1]" },
        { "pool padded", "GenNet pools unpadded windows" },
        { "pool without kernel_shape", "kernel_shape must be two positive numbers; it is missing" },
        { "no Flatten", "must be flattened (Flatten, axis 1) before a dense layer" },
        { "Softmax after Conv", "element-wise (no Softmax)" },
        { "conv huge W", "a dimension must be 0 to 2147483647" },
    };

    [Theory]
    [MemberData(nameof(DamagedModels))]
    public void Attributes_GenNet_does_not_compute_are_refused_and_the_weights_stay(string damage, string message)
    {
        var network = new OnnxStridedImageNet();
        network.InitializeWeights(1);
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, Damaged(damage)));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    public static TheoryData<string, string> MismatchedModels => new()
    {
        { "conv stride 1", "needs kernel 3×3, stride 2×2, padding 1×1" },
        { "conv group 2", "needs kernel 3×3, stride 2×2, padding 1×1, 1 groups; the model's Conv node 'conv' has kernel 3×3, stride 2×2, padding 1×1, 2 groups" },
        { "pool huge kernel_shape", "needs kernel 2×2, stride 2×2, padding 0×0" },
        { "conv 3 output channels", "needs weights of shape [2, 1, 3, 3]" },
        { "conv without bias", "GenNet's Conv2D layers have a bias" },
        { "Relu after Conv", "the network applies GenNet.Activations.Sigmoid after its Conv2D" },
        { "AveragePool for MaxPool", "(Conv, AveragePool)" },
        { "pool window 4", "needs kernel 2×2, stride 2×2, padding 0×0" },
        { "input 1×7×9", "declares its input 'x' as [?, 1, 7, 9]; the network" },
        { "input of rank 2", "declares its input 'x' as [?, 64]" },
    };

    [Theory]
    [MemberData(nameof(MismatchedModels))]
    public void Windows_shapes_and_activations_unlike_the_network_are_architecture_mismatches(string damage, string message)
    {
        var network = new OnnxStridedImageNet();
        network.InitializeWeights(1);
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(() => OnnxModel.Load(network, Damaged(damage)));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    private static byte[] Damaged(string damage)
    {
        ProtoWriter[] conv = [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)];
        ProtoWriter[] pool = [Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)];
        return damage switch
        {
            "conv auto_pad SAME_UPPER" => Model(conv: [.. conv, Text("auto_pad", "SAME_UPPER")]),
            "conv dilations 2" => Model(conv: [.. conv, Ints("dilations", 2, 2)]),
            "conv group 0" => Model(conv: [.. conv, Int("group", 0)]),
            "conv group 2" => Model(conv: [.. conv, Int("group", 2)]),
            "conv asymmetric pads" => Model(conv: [conv[0], conv[1], Ints("pads", 1, 1, 0, 0)]),
            "conv 1000 pads" => Model(conv: [conv[0], conv[1], Ints("pads", Enumerable.Repeat(1L, 1000).ToArray())]),
            "conv 1e6 packed pads" => Model(conv: [conv[0], conv[1], PackedOnes("pads", 1_000_000)]),
            "conv pads as one integer" => Model(conv: [conv[0], conv[1], Int("pads", 1)]),
            "conv kernel_shape unlike W" => Model(conv: [Ints("kernel_shape", 2, 2), conv[1], conv[2]]),
            "conv W of rank 3" => Model(convWeightDims: [2, 1, 9]),
            "pool ceil_mode 1" => Model(pool: [.. pool, Int("ceil_mode", 1)]),
            "pool storage_order 1" => Model(pool: [.. pool, Int("storage_order", 1)]),
            "pool dilations 2" => Model(pool: [.. pool, Ints("dilations", 2, 2)]),
            "pool padded" => Model(pool: [.. pool, Ints("pads", 1, 1, 1, 1)]),
            "pool without kernel_shape" => Model(pool: [pool[1]]),
            "no Flatten" => Model(flatten: false),
            "Softmax after Conv" => Model(convActivation: "Softmax"),
            "conv stride 1" => Model(conv: [conv[0], Ints("strides", 1, 1), conv[2]]),
            "pool huge kernel_shape" => Model(pool: [Ints("kernel_shape", 1L << 40, 2), pool[1]]),
            "conv huge W" => Model(conv: [Ints("kernel_shape", 1L << 40, 3), conv[1], conv[2]], convWeightDims: [2, 1, 1L << 40, 3]),
            "conv 3 output channels" => Model(convWeightDims: [3, 1, 3, 3], convBiasDims: [3]),
            "conv without bias" => Model(convBias: false),
            "Relu after Conv" => Model(convActivation: "Relu"),
            "AveragePool for MaxPool" => Model(poolType: "AveragePool"),
            "pool window 4" => Model(pool: [Ints("kernel_shape", 4, 4), Ints("strides", 4, 4)]),
            "input 1×7×9" => Model(inputShape: [-1, 1, 7, 9]),
            "input of rank 2" => Model(inputShape: [-1, 64]),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
    }

    // Conv(W [2, 1, 3, 3], B [2]) → Sigmoid → MaxPool → Flatten → Gemm(W [8, 2], B [2]): OnnxStridedImageNet's shape.
    private static byte[] Model(ProtoWriter[]? conv = null, ProtoWriter[]? pool = null, long[]? convWeightDims = null, long[]? convBiasDims = null,
        bool convBias = true, string convActivation = "Sigmoid", string poolType = "MaxPool", bool flatten = true, long[]? inputShape = null)
    {
        conv ??= [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)];
        pool ??= [Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)];
        var graph = new ProtoWriter()
            .Message(GraphProto.Initializer, Tensor("conv.W", convWeightDims ?? [2, 1, 3, 3], ConvWeights))
            .Message(GraphProto.Initializer, Tensor("conv.B", convBiasDims ?? [2], ConvBias))
            .Message(GraphProto.Initializer, Tensor("gemm.W", [8, 2], GemmWeights))
            .Message(GraphProto.Initializer, Tensor("gemm.B", [2], GemmBias))
            .Message(GraphProto.Node, Node("conv", "Conv", convBias ? ["x", "conv.W", "conv.B"] : ["x", "conv.W"], "c", conv))
            .Message(GraphProto.Node, Node("act", convActivation, ["c"], "s", []))
            .Message(GraphProto.Node, Node("pool", poolType, ["s"], flatten ? "p" : "f", pool));
        if (flatten)
        {
            graph.Message(GraphProto.Node, Node("flatten", "Flatten", ["p"], "f", [Int("axis", 1)]));
        }

        graph.Message(GraphProto.Node, Node("gemm", "Gemm", ["f", "gemm.W", "gemm.B"], "y", []))
            .Message(GraphProto.Input, Input("x", inputShape))
            .Message(GraphProto.Output, new ProtoWriter().String(ValueInfoProto.Name, "y"));
        return new ProtoWriter().Int64(ModelProto.IrVersion, 8).Message(ModelProto.Graph, graph).ToArray();
    }

    // A graph input, with a tensor shape when given (-1: a symbolic dimension).
    private static ProtoWriter Input(string name, long[]? shape)
    {
        var value = new ProtoWriter().String(ValueInfoProto.Name, name);
        if (shape is null)
        {
            return value;
        }

        var dims = new ProtoWriter();
        foreach (long dim in shape)
        {
            dims.Message(TensorShapeProto.Dim, dim < 0 ? new ProtoWriter().String(TensorShapeProto.DimParam, "N") : new ProtoWriter().Int64(TensorShapeProto.DimValue, dim));
        }

        var tensorType = new ProtoWriter().Int64(TypeProto.ElemType, TensorProto.Float).Message(TypeProto.Shape, dims);
        return value.Message(ValueInfoProto.Type, new ProtoWriter().Message(TypeProto.TensorType, tensorType));
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Int64(TensorProto.Dims, dim);
        }

        // A damaged shape keeps the values' count consistent where it can (rank 3 of 18 values); otherwise OnnxGraph's
        // own dimension checks would refuse it first.
        long product = dims.Aggregate(1L, (a, b) => a * b);
        float[] stored = product == values.Length || product > 1 << 20 ? values : Values((int)product, 1);
        return tensor.Int64(TensorProto.DataType, TensorProto.Float).String(TensorProto.Name, name)
            .Bytes(TensorProto.RawData, MemoryMarshal.AsBytes(stored.AsSpan()));
    }

    // A packed list of `count` ones: one length-delimited run of 0x01 bytes.
    private static ProtoWriter PackedOnes(string name, int count) =>
        new ProtoWriter().String(AttributeProto.Name, name).Bytes(AttributeProto.Ints, Enumerable.Repeat((byte)1, count).ToArray())
            .Int64(AttributeProto.Type, AttributeProto.TypeInts);
}
