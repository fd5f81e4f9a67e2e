using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using GenNet.Onnx.Protobuf;

namespace GenNet.Onnx.Import;

/// <summary>
/// A constant tensor of an ONNX graph (an initializer). Its values, widened to double, are decoded only when a layer
/// asks for them, and only when the count its dimensions declare fits the network (<see cref="OnnxGraph.MaxValues"/>):
/// an unused or oversized initializer never becomes an array.
/// </summary>
internal sealed class OnnxTensor(string name, long[] dims, int dataType, byte[] message, OnnxGraph graph)
{
    private double[]? _values;

    public string Name { get; } = name;

    public long[] Dims { get; } = dims;

    /// <summary>float or double: a tensor GenNet can take weights from.</summary>
    public bool IsFloatingPoint => dataType is TensorProto.Float or TensorProto.Double;

    public string ShapeText => $"[{string.Join(", ", Dims)}]";

    public double[] Values => _values ??= OnnxGraph.DecodeValues(this, dataType, message, graph);

    /// <summary>A small int64 tensor's values (Unsqueeze/Squeeze axes), or null for any other tensor.</summary>
    public long[]? Axes => dataType == TensorProto.Int64 && Dims is [var n] && n is > 0 and <= 8 ? OnnxGraph.DecodeAxes(message, (int)n) : null;
}

/// <summary>One node of an ONNX graph, with the attributes GenNet looks at.</summary>
internal sealed record OnnxNode(string Name, string OperatorType, string Domain, string[] Inputs, string[] Outputs, Dictionary<string, OnnxAttribute> Attributes)
{
    public string Description => Name.Length > 0 ? $"{OperatorType} node '{Name}'" : $"{OperatorType} node";
}

/// <summary>A node attribute: a float, an integer, a list of integers (at most <see cref="MaxInts"/> kept), a string, or
/// something else GenNet does not use.</summary>
internal sealed record OnnxAttribute(float? Float, long? Integer, long[]? Ints = null, string? Text = null)
{
    /// <summary>The most integers a list attribute is read with (Conv's pads has 4); a longer list reads as having MaxInts + 1.</summary>
    public const int MaxInts = 8;
}

/// <summary>The main graph of an ONNX model, read with the fields GenNet needs.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = [];

    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    /// <summary>The most values a tensor may hold to be decoded: the network's parameter count.</summary>
    public int MaxValues { get; private init; } = int.MaxValue;

    /// <summary>Where messages say the model came from.</summary>
    public string Source { get; private init; } = "The ONNX model";

    public List<string> Inputs { get; } = [];

    /// <summary>Each input's declared shape (null where none or more than 8 dimensions): a dimension's value, or -1 for a
    /// symbolic or missing one.</summary>
    public Dictionary<string, long[]?> InputShapes { get; } = new(StringComparer.Ordinal);

    public List<string> Outputs { get; } = [];

    /// <summary>Parses a serialized ModelProto.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, or it keeps tensors outside the file.</exception>
    public static OnnxGraph Parse(byte[] model, string source, int maxValues = int.MaxValue)
    {
        try
        {
            OnnxGraph? graph = null;
            var reader = new ProtoReader(model);
            while (reader.Next())
            {
                if (reader.Field == ModelProto.Graph)
                {
                    graph = ReadGraph(reader.Message(), source, maxValues);
                }
                else
                {
                    reader.Skip();
                }
            }

            return graph ?? throw new InvalidDataException($"{source} is not an ONNX model: it has no graph.");
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"{source} is not an ONNX model or is damaged: {error.Message}", error);
        }
    }

    private static OnnxGraph ReadGraph(ProtoReader reader, string source, int maxValues)
    {
        var graph = new OnnxGraph { MaxValues = maxValues, Source = source };
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case GraphProto.Node:
                    graph.Nodes.Add(ReadNode(reader.Message()));
                    break;
                case GraphProto.Initializer:
                    OnnxTensor tensor = ReadTensor(reader.Bytes(), graph);
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case GraphProto.Input:
                    (string input, long[]? shape) = ReadValueInfo(reader.Message());
                    graph.Inputs.Add(input);
                    graph.InputShapes[input] = shape;
                    break;
                case GraphProto.Output:
                    graph.Outputs.Add(ReadValueName(reader.Message()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return graph;
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", operatorType = "", domain = "";
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case NodeProto.Input: inputs.Add(reader.String()); break;
                case NodeProto.Output: outputs.Add(reader.String()); break;
                case NodeProto.Name: name = reader.String(); break;
                case NodeProto.OpType: operatorType = reader.String(); break;
                case NodeProto.Domain: domain = reader.String(); break;
                case NodeProto.Attribute:
                    (string key, OnnxAttribute value) = ReadAttribute(reader.Message());
                    attributes[key] = value;
                    break;
                default: reader.Skip(); break;
            }
        }

        return new OnnxNode(name, operatorType, domain, [.. inputs], [.. outputs], attributes);
    }

    private static (string Name, OnnxAttribute Value) ReadAttribute(ProtoReader reader)
    {
        string name = "";
        float? f = null;
        long? i = null;
        string? text = null;
        List<long>? ints = null;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case AttributeProto.Name: name = reader.String(); break;
                case AttributeProto.F: f = reader.Float(); break;
                case AttributeProto.I: i = reader.Int64(); break;
                case AttributeProto.S: text = Excerpt(reader.String()); break;
                case AttributeProto.Ints:
                    // Bounded: a hostile list keeps MaxInts + 1 values at most, enough for the importer to refuse its length.
                    ints ??= [];
                    reader.Int64s(ints, OnnxAttribute.MaxInts + 1);
                    break;
                default: reader.Skip(); break;
            }
        }

        return (name, new OnnxAttribute(f, i, ints?.ToArray(), text));
    }

    // A value's name and tensor shape, read as far as GenNet checks it.
    private static (string Name, long[]? Shape) ReadValueInfo(ProtoReader reader)
    {
        string name = "";
        List<long>? shape = null;
        while (reader.Next())
        {
            if (reader.Field == ValueInfoProto.Name)
            {
                name = reader.String();
            }
            else if (reader.Field == ValueInfoProto.Type)
            {
                shape = ReadShape(reader.Message());
            }
            else
            {
                reader.Skip();
            }
        }

        return (name, shape is { Count: <= 8 } ? [.. shape] : null);
    }

    // TypeProto → tensor_type → shape → dims; null when the value is not a tensor with a shape.
    private static List<long>? ReadShape(ProtoReader type)
    {
        List<long>? dims = null;
        while (type.Next())
        {
            if (type.Field != TypeProto.TensorType)
            {
                type.Skip();
                continue;
            }

            ProtoReader tensor = type.Message();
            while (tensor.Next())
            {
                if (tensor.Field != TypeProto.Shape)
                {
                    tensor.Skip();
                    continue;
                }

                dims = [];
                ProtoReader shape = tensor.Message();
                while (shape.Next())
                {
                    if (shape.Field != TensorShapeProto.Dim)
                    {
                        shape.Skip();
                        continue;
                    }

                    long value = -1;
                    ProtoReader dim = shape.Message();
                    while (dim.Next())
                    {
                        if (dim.Field == TensorShapeProto.DimValue)
                        {
                            value = dim.Int64();
                        }
                        else
                        {
                            dim.Skip();
                        }
                    }

                    if (dims.Count <= 8)
                    {
                        dims.Add(value); // at most 9 kept: more reads as "too many" and is not checked
                    }
                }
            }
        }

        return dims;
    }

    private static string ReadValueName(ProtoReader reader)
    {
        string name = "";
        while (reader.Next())
        {
            if (reader.Field == ValueInfoProto.Name)
            {
                name = reader.String();
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }

    // The tensor's name, shape and type, and the checks that need no values; the values wait for DecodeValues.
    private static OnnxTensor ReadTensor(byte[] message, OnnxGraph graph)
    {
        string source = graph.Source;
        var reader = new ProtoReader(message);
        var dims = new List<long>();
        string name = "";
        int dataType = 0;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case TensorProto.Dims: reader.Int64s(dims); break;
                case TensorProto.DataType: dataType = (int)reader.Int64(); break;
                case TensorProto.Name: name = reader.String(); break;
                case TensorProto.Segment:
                    throw new InvalidDataException($"{source}: tensor '{Excerpt(name)}' is stored in segments, which GenNet does not read.");
                case TensorProto.DataLocation:
                    if (reader.Int64() == TensorProto.External)
                    {
                        throw new InvalidDataException(
                            $"{source}: tensor '{Excerpt(name)}' is stored in an external file; save the model with its tensors inside (onnx.save(model, path, save_as_external_data=False)).");
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        foreach (long dim in dims)
        {
            if (dim is < 0 or > int.MaxValue)
            {
                throw new InvalidDataException(
                    $"{source}: tensor '{Excerpt(name)}' has the dimension {dim} (shape [{ShapeExcerpt(dims)}]); a dimension must be 0 to {int.MaxValue}.");
            }
        }

        return new OnnxTensor(name, [.. dims], dataType, message, graph);
    }

    /// <summary>
    /// A float or double tensor's values, once a layer uses it: its dimensions must be positive and their product,
    /// computed without wrapping, at most <see cref="MaxValues"/> (checked before anything is decoded) and equal to the
    /// number of values it holds.
    /// </summary>
    // int64_data (field 7, packed or not) or raw_data, little-endian; null when the count does not match.
    internal static long[]? DecodeAxes(byte[] message, int count)
    {
        var values = new List<long>(count);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 7)
            {
                reader.Int64s(values);
            }
            else if (reader.Field == TensorProto.RawData)
            {
                byte[] raw = reader.Bytes();
                for (int i = 0; i + 8 <= raw.Length && values.Count <= count; i += 8)
                {
                    values.Add(System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i, 8)));
                }
            }
            else
            {
                reader.Skip();
            }

            if (values.Count > count)
            {
                return null;
            }
        }

        return values.Count == count ? values.ToArray() : null;
    }

    internal static double[] DecodeValues(OnnxTensor tensor, int dataType, byte[] message, OnnxGraph graph)
    {
        string source = graph.Source;
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim <= 0)
            {
                throw new InvalidDataException(
                    $"{source}: tensor '{Excerpt(tensor.Name)}' has shape [{ShapeExcerpt([.. tensor.Dims])}]; the dimensions of a weight must be positive.");
            }

            count = count > int.MaxValue / dim ? (long)int.MaxValue + 1 : count * dim;
        }

        if (count > graph.MaxValues)
        {
            throw new InvalidDataException(
                $"{source}: tensor '{Excerpt(tensor.Name)}' has shape [{ShapeExcerpt([.. tensor.Dims])}], "
                + (count > int.MaxValue ? $"more than {int.MaxValue} values" : $"{count} values")
                + $"; the network has {graph.MaxValues} parameters in all.");
        }

        var values = new List<double>((int)count);
        byte[]? raw = null;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case TensorProto.FloatData: reader.Floats(values); break;
                case TensorProto.DoubleData: reader.Doubles(values); break;
                case TensorProto.RawData: raw = reader.Bytes(); break;
                default: reader.Skip(); break;
            }

            if (values.Count > count)
            {
                break; // more values than declared: refused below, without reading the rest
            }
        }

        if (raw is not null)
        {
            values.Clear();
            int size = dataType == TensorProto.Float ? 4 : 8;
            if (raw.Length % size != 0)
            {
                throw new InvalidDataException($"{source}: tensor '{Excerpt(tensor.Name)}' has {raw.Length} bytes of raw data, not a whole number of values.");
            }

            if (raw.Length / size != count)
            {
                throw new InvalidDataException(
                    $"{source}: tensor '{Excerpt(tensor.Name)}' has shape [{ShapeExcerpt([.. tensor.Dims])}], {count} values; it holds {raw.Length / size}.");
            }

            // raw_data is little-endian IEEE 754 whatever the machine.
            for (int i = 0; i < raw.Length; i += size)
            {
                values.Add(size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i)) : BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i)));
            }
        }

        if (count != values.Count)
        {
            throw new InvalidDataException(
                $"{source}: tensor '{Excerpt(tensor.Name)}' has shape [{ShapeExcerpt([.. tensor.Dims])}], {count} values; it holds {(values.Count > count ? "more" : values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        return [.. values];
    }

    private static string Excerpt(string text) =>
        text.Length <= 80 && text.All(c => c is >= ' ' and <= '~') ? text : FileTextExcerpt(text);

    private static string FileTextExcerpt(string text)
    {
        var excerpt = new System.Text.StringBuilder();
        foreach (char c in text.Length > 80 ? text[..80] : text)
        {
            excerpt.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.Length > 80 ? $"{excerpt}… ({text.Length - 80} more characters)" : excerpt.ToString();
    }

    private static string ShapeExcerpt(List<long> dims) =>
        dims.Count <= 8 ? string.Join(", ", dims) : $"{string.Join(", ", dims.Take(8))}, … ({dims.Count} dimensions)";
}
