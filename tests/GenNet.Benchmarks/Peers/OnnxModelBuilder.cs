using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace GenNet.Benchmarks.Peers;

/// <summary>
/// Writes the ONNX model of a sigmoid multilayer perceptron (<c>X → MatMul → [Add bias] → Sigmoid → … → Y</c>) with
/// Google.Protobuf's wire-format writer, field numbers from onnx.proto (IR version 8, opset 13), so the ONNX Runtime
/// peer computes exactly the generated network's function with its weights.
/// </summary>
public static class OnnxModelBuilder
{
    private const int FloatType = 1; // TensorProto.DataType.FLOAT

    /// <summary>The serialized model; <paramref name="parameters"/> in GenNet's layout (each synapse row-major, then its biases).</summary>
    public static byte[] SigmoidPerceptron(IReadOnlyList<int> sizes, bool bias, ReadOnlySpan<float> parameters)
    {
        var nodes = new List<byte[]>();
        var initializers = new List<byte[]>();
        string current = "X";
        int offset = 0;
        for (int s = 0; s + 1 < sizes.Count; s++)
        {
            int n = sizes[s], m = sizes[s + 1];
            string weights = $"W{s}", product = $"XW{s}", activated = s + 2 == sizes.Count ? "Y" : $"H{s + 1}";
            initializers.Add(Tensor(weights, new long[] { n, m }, parameters.Slice(offset, n * m)));
            offset += n * m;
            nodes.Add(Node("MatMul", new[] { current, weights }, product));
            string beforeActivation = product;
            if (bias)
            {
                initializers.Add(Tensor($"B{s}", new long[] { m }, parameters.Slice(offset, m)));
                offset += m;
                beforeActivation = $"Z{s}";
                nodes.Add(Node("Add", new[] { product, $"B{s}" }, beforeActivation));
            }

            nodes.Add(Node("Sigmoid", new[] { beforeActivation }, activated));
            current = activated;
        }

        byte[] graph = Message(w =>
        {
            foreach (byte[] node in nodes)
            {
                WriteBytes(w, 1, node);
            }

            WriteString(w, 2, "gennet_peer");
            foreach (byte[] initializer in initializers)
            {
                WriteBytes(w, 5, initializer);
            }

            WriteBytes(w, 11, ValueInfo("X", sizes[0]));
            WriteBytes(w, 12, ValueInfo("Y", sizes[^1]));
        });

        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint);
            w.WriteInt64(8); // ir_version
            WriteString(w, 2, "GenNet.Benchmarks");
            WriteBytes(w, 7, graph);
            WriteBytes(w, 8, Message(o =>
            {
                WriteString(o, 1, string.Empty);
                o.WriteTag(2, WireFormat.WireType.Varint);
                o.WriteInt64(13);
            }));
        });
    }

    private static byte[] Node(string op, string[] inputs, string output) => Message(w =>
    {
        foreach (string input in inputs)
        {
            WriteString(w, 1, input);
        }

        WriteString(w, 2, output);
        WriteString(w, 3, op + "_" + output);
        WriteString(w, 4, op);
    });

    private static byte[] Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        byte[] raw = MemoryMarshal.AsBytes(values).ToArray(); // little-endian, as ONNX's raw_data requires
        return Message(w =>
        {
            foreach (long dim in dims)
            {
                w.WriteTag(1, WireFormat.WireType.Varint);
                w.WriteInt64(dim);
            }

            w.WriteTag(2, WireFormat.WireType.Varint);
            w.WriteInt32(FloatType);
            WriteString(w, 8, name);
            w.WriteTag(9, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(raw));
        });
    }

    // A float tensor of shape [batch, width] with a symbolic batch dimension.
    private static byte[] ValueInfo(string name, int width)
    {
        byte[] batch = Message(w => WriteString(w, 2, "batch"));
        byte[] features = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint);
            w.WriteInt64(width);
        });
        byte[] shape = Message(w =>
        {
            WriteBytes(w, 1, batch);
            WriteBytes(w, 1, features);
        });
        byte[] tensorType = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint);
            w.WriteInt32(FloatType);
            WriteBytes(w, 2, shape);
        });
        byte[] type = Message(w => WriteBytes(w, 1, tensorType));
        return Message(w =>
        {
            WriteString(w, 1, name);
            WriteBytes(w, 2, type);
        });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static void WriteString(CodedOutputStream w, int field, string value)
    {
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteString(value);
    }

    private static void WriteBytes(CodedOutputStream w, int field, byte[] value)
    {
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(value));
    }
}
