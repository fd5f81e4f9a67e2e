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
/// Importing Conv1D models written by hand (not by GenNet's exporter): Transpose → Unsqueeze → Conv (1-D, causal) →
/// Sigmoid → Squeeze → Transpose → Gemm for <see cref="SigmoidConvolutionNet"/>. W [O, I, K] comes back as GenNet's
/// K × I × O; every attribute GenNet does not compute is refused with a message naming it, and a refused model changes
/// no weight.
/// </summary>
public sealed class ConvolutionImportTests
{
    private const int Channels = 5, Inputs = 3, Kernel = 4;

    private static readonly float[] ConvWeights = Values(Channels * Inputs * Kernel, 1), ConvBias = Values(Channels, 100);
    private static readonly float[] GemmWeights = Values(Channels, 200), GemmBias = Values(1, 300);

    [Fact]
    public void A_hand_written_model_loads_with_W_reversed_into_GenNet_order()
    {
        var network = new SigmoidConvolutionNet();
        OnnxModel.Load(network, Model());
        float[] p = network.Parameters.ToArray();
        for (int k = 0; k < Kernel; k++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                for (int o = 0; o < Channels; o++)
                {
                    Assert.Equal(ConvWeights[(((o * Inputs) + i) * Kernel) + k], p[(((k * Inputs) + i) * Channels) + o]);
                }
            }
        }

        Assert.Equal([.. ConvBias, .. GemmWeights, .. GemmBias], p[(Channels * Inputs * Kernel)..]);
    }

    public static TheoryData<string, string> DamagedModels => new()
    {
        { "symmetric pads", "pads must be [9, 0] (causal" },
        { "no pads", "pads must be [9, 0] (causal" },
        { "strides 2", "outputs must be held" },   // a stride above 1 without the hold nodes after it
        { "group 0", "group must be a positive number" },
        { "auto_pad SAME_UPPER", "auto_pad must be NOTSET" },
        { "kernel_shape unlike W", "kernel_shape [3] must be W's last dimension" },
        { "Transpose perm 0 1", "only Transpose with perm [1, 0]" },
        { "Unsqueeze axis 1", "only Unsqueeze on axis 0" },
        { "no Squeeze", "only Transpose with perm [1, 0]" },
        { "no Transpose back", "must go back to [steps, channels]" },
        { "Softmax after Conv", "element-wise (no Softmax)" },
    };

    [Theory]
    [MemberData(nameof(DamagedModels))]
    public void Attributes_GenNet_does_not_compute_are_refused_and_the_weights_stay(string damage, string message)
    {
        var network = new SigmoidConvolutionNet();
        network.InitializeWeights(1);
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, Damaged(damage)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    private static byte[] Damaged(string damage)
    {
        ProtoWriter[] conv = [Ints("kernel_shape", Kernel), Ints("dilations", 3), Ints("pads", 9, 0)];
        return damage switch
        {
            "symmetric pads" => Model(conv: [conv[0], conv[1], Ints("pads", 9, 9)]),
            "no pads" => Model(conv: [conv[0], conv[1]]),
            "strides 2" => Model(conv: [.. conv, Ints("strides", 2)]),
            "group 0" => Model(conv: [.. conv, Int("group", 0)]),
            "auto_pad SAME_UPPER" => Model(conv: [.. conv, Text("auto_pad", "SAME_UPPER")]),
            "kernel_shape unlike W" => Model(conv: [Ints("kernel_shape", 3), conv[1], conv[2]]),
            "Transpose perm 0 1" => Model(firstPerm: [0, 1]),
            "Unsqueeze axis 1" => Model(unsqueezeAxis: 1),
            "no Squeeze" => Model(squeeze: false),
            "no Transpose back" => Model(transposeBack: false),
            "Softmax after Conv" => Model(convActivation: "Softmax"),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
    }

    // [steps, 3] → Transpose → Unsqueeze(0) → Conv(W [5, 3, 4], B [5], dilation 3, pads [9, 0]) → Sigmoid → Squeeze(0)
    // → Transpose → Gemm(W [5, 1], B [1]): SigmoidConvolutionNet's shape.
    private static byte[] Model(ProtoWriter[]? conv = null, long[]? firstPerm = null, long unsqueezeAxis = 0, bool squeeze = true,
        bool transposeBack = true, string convActivation = "Sigmoid")
    {
        conv ??= [Ints("kernel_shape", Kernel), Ints("dilations", 3), Ints("pads", 9, 0)];
        var graph = new ProtoWriter()
            .Message(GraphProto.Initializer, Tensor("conv.W", [Channels, Inputs, Kernel], ConvWeights))
            .Message(GraphProto.Initializer, Tensor("conv.B", [Channels], ConvBias))
            .Message(GraphProto.Initializer, Tensor("gemm.W", [Channels, 1], GemmWeights))
            .Message(GraphProto.Initializer, Tensor("gemm.B", [1], GemmBias))
            .Message(GraphProto.Initializer, Axes("axes", unsqueezeAxis))
            .Message(GraphProto.Initializer, Axes("axes_0", 0))
            .Message(GraphProto.Node, Node("first", "Transpose", ["x"], "t", [Ints("perm", firstPerm ?? [1, 0])]))
            .Message(GraphProto.Node, Node("unsqueeze", "Unsqueeze", ["t", "axes"], "u", []))
            .Message(GraphProto.Node, Node("conv", "Conv", ["u", "conv.W", "conv.B"], "c", conv))
            .Message(GraphProto.Node, Node("act", convActivation, ["c"], "s", []));
        string current = "s";
        if (squeeze)
        {
            graph.Message(GraphProto.Node, Node("squeeze", "Squeeze", [current, "axes_0"], "q", []));
            current = "q";
        }

        if (transposeBack)
        {
            graph.Message(GraphProto.Node, Node("back", "Transpose", [current], "f", [Ints("perm", 1, 0)]));
            current = "f";
        }

        graph.Message(GraphProto.Node, Node("gemm", "Gemm", [current, "gemm.W", "gemm.B"], "y", []))
            .Message(GraphProto.Input, new ProtoWriter().String(ValueInfoProto.Name, "x"))
            .Message(GraphProto.Output, new ProtoWriter().String(ValueInfoProto.Name, "y"));
        return new ProtoWriter().Int64(ModelProto.IrVersion, 8).Message(ModelProto.Graph, graph).ToArray();
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Int64(TensorProto.Dims, dim);
        }

        return tensor.Int64(TensorProto.DataType, TensorProto.Float).String(TensorProto.Name, name)
            .Bytes(TensorProto.RawData, MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static ProtoWriter Axes(string name, long axis) =>
        new ProtoWriter().Int64(TensorProto.Dims, 1).Int64(TensorProto.DataType, TensorProto.Int64).String(TensorProto.Name, name)
            .Bytes(TensorProto.RawData, BitConverter.GetBytes(axis));
}
