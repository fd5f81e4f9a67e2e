using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using GenNet.Onnx.Protobuf;

namespace GenNet.Onnx.Import;

/// <summary>A constant tensor of an ONNX graph (an initializer), its values widened to double.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, double[] Values)
{
    public string ShapeText => $"[{string.Join(", ", Dims)}]";
}

/// <summary>One node of an ONNX graph, with the attributes GenNet looks at.</summary>
internal sealed record OnnxNode(string Name, string OperatorType, string Domain, string[] Inputs, string[] Outputs, Dictionary<string, OnnxAttribute> Attributes)
{
    public string Description => Name.Length > 0 ? $"{OperatorType} node '{Name}'" : $"{OperatorType} node";
}

/// <summary>A node attribute: a float, an integer or something else GenNet does not use.</summary>
internal sealed record OnnxAttribute(float? Float, long? Integer);

/// <summary>The main graph of an ONNX model, read with the fields GenNet needs.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = [];

    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    /// <summary>Parses a serialized ModelProto.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, or it keeps tensors outside the file.</exception>
    public static OnnxGraph Parse(byte[] model, string source)
    {
        try
        {
            OnnxGraph? graph = null;
            var reader = new ProtoReader(model);
            while (reader.Next())
            {
                if (reader.Field == ModelProto.Graph)
                {
                    graph = ReadGraph(reader.Message(), source);
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

    private static OnnxGraph ReadGraph(ProtoReader reader, string source)
    {
        var graph = new OnnxGraph();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case GraphProto.Node:
                    graph.Nodes.Add(ReadNode(reader.Message()));
                    break;
                case GraphProto.Initializer:
                    OnnxTensor tensor = ReadTensor(reader.Message(), source);
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case GraphProto.Input:
                    graph.Inputs.Add(ReadValueName(reader.Message()));
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
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case AttributeProto.Name: name = reader.String(); break;
                case AttributeProto.F: f = reader.Float(); break;
                case AttributeProto.I: i = reader.Int64(); break;
                default: reader.Skip(); break;
            }
        }

        return (name, new OnnxAttribute(f, i));
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

    private static OnnxTensor ReadTensor(ProtoReader reader, string source)
    {
        var dims = new List<long>();
        var values = new List<double>();
        string name = "";
        int dataType = 0;
        byte[]? raw = null;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case TensorProto.Dims: reader.Int64s(dims); break;
                case TensorProto.DataType: dataType = (int)reader.Int64(); break;
                case TensorProto.Name: name = reader.String(); break;
                case TensorProto.FloatData: reader.Floats(values); break;
                case TensorProto.DoubleData: reader.Doubles(values); break;
                case TensorProto.RawData: raw = reader.Bytes(); break;
                case TensorProto.Segment:
                    throw new InvalidDataException($"{source}: tensor '{name}' is stored in segments, which GenNet does not read.");
                case TensorProto.DataLocation:
                    if (reader.Int64() == TensorProto.External)
                    {
                        throw new InvalidDataException(
                            $"{source}: tensor '{name}' is stored in an external file; save the model with its tensors inside (onnx.save(model, path, save_as_external_data=False)).");
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

        if (dataType is not (TensorProto.Float or TensorProto.Double))
        {
            // Not a weight GenNet could use (e.g. an int64 shape constant); keep its name and shape for messages.
            return new OnnxTensor(name, [.. dims], []);
        }

        if (raw is not null)
        {
            values.Clear();
            int size = dataType == TensorProto.Float ? 4 : 8;
            if (raw.Length % size != 0)
            {
                throw new InvalidDataException($"{source}: tensor '{name}' has {raw.Length} bytes of raw data, not a whole number of values.");
            }

            // raw_data is little-endian IEEE 754 whatever the machine.
            for (int i = 0; i < raw.Length; i += size)
            {
                values.Add(size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i)) : BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i)));
            }
        }

        // A weight's dimensions are positive, and their product, computed without wrapping, is the number of values it
        // holds: no dimension or product can then overflow an int where the layers are built.
        long count = 1;
        foreach (long dim in dims)
        {
            if (dim <= 0)
            {
                throw new InvalidDataException(
                    $"{source}: tensor '{Excerpt(name)}' has shape [{ShapeExcerpt(dims)}]; the dimensions of a weight must be positive.");
            }

            count = count > int.MaxValue / dim ? (long)int.MaxValue + 1 : count * dim;
        }

        if (count != values.Count)
        {
            throw new InvalidDataException(
                count > int.MaxValue
                    ? $"{source}: tensor '{Excerpt(name)}' has shape [{ShapeExcerpt(dims)}], more than {int.MaxValue} values; it holds {values.Count}."
                    : $"{source}: tensor '{Excerpt(name)}' has shape [{ShapeExcerpt(dims)}], {count} values; it holds {values.Count}.");
        }

        return new OnnxTensor(name, [.. dims], [.. values]);
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
