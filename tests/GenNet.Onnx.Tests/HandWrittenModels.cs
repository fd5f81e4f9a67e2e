using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using GenNet.Onnx.Protobuf;

namespace GenNet.Onnx.Tests;

/// <summary>The pieces the import tests write ONNX models from by hand: nodes, attributes and distinct weight values.</summary>
internal static class HandWrittenModels
{
    /// <summary>Distinct values, so a weight in the wrong place shows: start, start + 1/8, …</summary>
    public static float[] Values(int count, int start) => Enumerable.Range(start, count).Select(i => i / 8f).ToArray();

    public static ProtoWriter Node(string name, string type, string[] inputs, string output, IEnumerable<ProtoWriter> attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(NodeProto.Input, input);
        }

        node.String(NodeProto.Output, output).String(NodeProto.Name, name).String(NodeProto.OpType, type);
        foreach (ProtoWriter attribute in attributes)
        {
            node.Message(NodeProto.Attribute, attribute);
        }

        return node;
    }

    public static ProtoWriter Ints(string name, params long[] values)
    {
        var attribute = new ProtoWriter().String(AttributeProto.Name, name);
        foreach (long value in values)
        {
            attribute.Int64(AttributeProto.Ints, value);
        }

        return attribute.Int64(AttributeProto.Type, AttributeProto.TypeInts);
    }

    public static ProtoWriter Int(string name, long value) =>
        new ProtoWriter().String(AttributeProto.Name, name).Int64(AttributeProto.I, value).Int64(AttributeProto.Type, AttributeProto.TypeInt);

    public static ProtoWriter Float(string name, float value) =>
        new ProtoWriter().String(AttributeProto.Name, name).Float(AttributeProto.F, value).Int64(AttributeProto.Type, AttributeProto.TypeFloat);

    /// <summary>A float initializer, its values as raw data.</summary>
    public static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Int64(TensorProto.Dims, dim);
        }

        return tensor.Int64(TensorProto.DataType, TensorProto.Float).String(TensorProto.Name, name)
            .Bytes(TensorProto.RawData, MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static ProtoWriter Text(string name, string value) =>
        new ProtoWriter().String(AttributeProto.Name, name).String(AttributeProto.S, value).Int64(AttributeProto.Type, AttributeProto.TypeString);
}
