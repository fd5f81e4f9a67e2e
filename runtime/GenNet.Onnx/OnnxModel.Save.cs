using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Onnx;
using GenNet.Onnx.Protobuf;
using GenNet.Persistence;

namespace GenNet.Persistence;

/// <summary>
/// Writes a GenNet network as an ONNX model that ONNX Runtime (and PyTorch, TensorFlow, browsers, …) can run:
/// one <c>Gemm</c> per synapse (weights <c>[in, out]</c>, bias <c>[out]</c>), a <c>BatchNormalization</c> with the
/// running statistics on batch-normalised hidden layers, and the layer's activation operator (<c>Sigmoid</c>,
/// <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>, <c>Softmax</c>; none for Linear). Dropout acts only in training and
/// does not appear. Recurrent layers export as <c>RNN</c>/<c>GRU</c>/<c>LSTM</c>; an image network's layers as
/// <c>Conv</c> (then a <c>BatchNormalization</c> per channel when batch-normalised), its activation,
/// <c>MaxPool</c>/<c>AveragePool</c> and a <c>Flatten</c> on an <c>[batch, C, H, W]</c> input;
/// causal Conv1D layers as a 1-D <c>Conv</c> padded before the sequence only, on a sequence of <c>[steps, inputs]</c>.
/// </summary>
/// <remarks>
/// The model uses ONNX IR version 8 and operator set 13, the tensor type of the network's precision (float or double),
/// an input <c>[batch, InputCount]</c> (an image network's <c>[batch, C, H, W]</c>) and an output <c>[batch, OutputCount]</c> with a symbolic batch size, and
/// stores the network's architecture signature in its metadata under <c>gennet.architecture</c>.
/// </remarks>
/// <example>
/// <code>
/// OnnxModel.Save(network, "digits.onnx");
/// // Python: onnxruntime.InferenceSession("digits.onnx").run(None, {"input": x})
/// </code>
/// </example>
public static partial class OnnxModel
{
    /// <summary>The ONNX IR version written (ONNX 1.10 and later read it).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set written.</summary>
    public const long OperatorSet = 13;

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/>, replacing the file atomically.</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX operator (a custom <c>IActivation</c>).</exception>
    public static void Save<T>(INetwork<T> network, string path, OnnxExportOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = ToBytes(network, options);
        AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX operator (a custom <c>IActivation</c>).</exception>
    public static void Save<T>(INetwork<T> network, Stream stream, OnnxExportOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(network, options));
    }

    /// <summary>The ONNX model of <paramref name="network"/>, serialized (what an <c>.onnx</c> file holds). The weights are
    /// copied under the network's training lock (<c>TrainingLock.Snapshot</c>), so
    /// a model exported while another thread trains holds the weights after one whole step.</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX operator (a custom <c>IActivation</c>).</exception>
    public static byte[] ToBytes<T>(INetwork<T> network, OnnxExportOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new OnnxExportOptions();
        NetworkArchitecture architecture = network.Architecture;
        int elementType = architecture.Precision == NetworkPrecision.Single ? TensorProto.Float : TensorProto.Double;
        if ((elementType == TensorProto.Float) != (typeof(T) == typeof(float)))
        {
            throw new ArgumentException($"A {architecture.Precision} network cannot have {typeof(T).Name} parameters.", nameof(network));
        }

        IReadOnlyList<int> sizes = architecture.LayerSizes;
        int bias = architecture.HasBias ? 1 : 0;
        // Copied under the training lock: a model exported while another thread trains holds one whole step's weights.
        T[] copy = NetworkWeights.Capture(network, withStatistics: true);
        int count = architecture.ParameterCount, neurons = (copy.Length - count) / 2;
        ReadOnlySpan<T> parameters = copy.AsSpan(0, count);
        ReadOnlySpan<T> runningMean = copy.AsSpan(count, neurons), runningVariance = copy.AsSpan(count + neurons, neurons);

        var graph = new ProtoWriter();
        string current = options.InputName;
        int statistics = 0; // running statistics written so far: a batch-normalised image network's channels come first

        // A recurrent stack first (its rows are time steps), then the dense synapses; r shifts the dense layers' numbers.
        // Image layers likewise come first (an [N, C, H, W] input, flattened after them), and Conv1D layers (over the steps).
        int r = architecture.Recurrent is not null ? WriteRecurrentStack(graph, architecture.Recurrent, parameters, elementType, ref current)
            : architecture.Image is not null ? WriteImageLayers(graph, architecture, parameters, runningMean, runningVariance, elementType, ref statistics, ref current)
            : architecture.Convolution is not null ? WriteConvolutionStack(graph, architecture, parameters, runningMean, runningVariance, elementType, ref statistics, ref current)
            : 0;
        for (int s = 0; s < architecture.Layout.Synapses.Count; s++)
        {
            SynapseLayout layout = architecture.Layout.Synapses[s];
            int below = layout.Rows, above = layout.Columns;
            string activation = architecture.Activations[r + s];
            if (!OnnxActivations.TryGetOperator(activation, out string? operatorType))
            {
                throw new NotSupportedException(
                    $"layer_{r + s + 1} uses the activation {activation}, which has no ONNX operator; ONNX export supports {OnnxActivations.Supported}.");
            }

            bool last = s + 1 == architecture.Layout.Synapses.Count;
            string weights = $"synapse_{s}.weight", biases = $"synapse_{s}.bias";
            string preactivation = last && operatorType is null ? options.OutputName : $"layer_{r + s + 1}.preactivation";
            graph.Message(GraphProto.Initializer, Tensor(weights, elementType, [below, above], parameters.Slice(layout.WeightOffset, layout.WeightCount)));
            var gemm = Node($"gemm_{s}", "Gemm", [current, weights, .. (bias == 1 ? new[] { biases } : [])], preactivation);
            if (bias == 1)
            {
                graph.Message(GraphProto.Initializer, Tensor(biases, elementType, [above], parameters.Slice(layout.BiasOffset, above)));
            }

            graph.Message(GraphProto.Node, gemm);
            current = preactivation;
            if (layout.Normalized)
            {
                string normalizedName = $"layer_{r + s + 1}.normalized";
                WriteBatchNormalization(graph, $"batchnorm_{s}", r + s + 1, current, normalizedName, elementType, parameters.Slice(layout.GammaOffset, above),
                    parameters.Slice(layout.BetaOffset, above), runningMean.Slice(statistics, above), runningVariance.Slice(statistics, above));
                current = normalizedName;
                statistics += above;
            }

            if (operatorType is not null)
            {
                string output = last ? options.OutputName : $"layer_{r + s + 1}";
                ProtoWriter node = Node($"{operatorType.ToLowerInvariant()}_{s}", operatorType, [current], output);
                if (operatorType == "LeakyRelu")
                {
                    node.Message(NodeProto.Attribute, FloatAttribute("alpha", OnnxActivations.LeakyReluAlpha));
                }
                else if (operatorType == "Softmax")
                {
                    node.Message(NodeProto.Attribute, IntAttribute("axis", -1));
                }

                graph.Message(GraphProto.Node, node);
                current = output;
            }
        }

        graph.String(GraphProto.Name, options.GraphName ?? network.GetType().Name)
            .String(GraphProto.DocString, architecture.Signature)
            .Message(GraphProto.Input, InputValue(options.InputName, elementType, architecture))
            .Message(GraphProto.Output, Value(options.OutputName, elementType, sizes[^1]));

        var model = new ProtoWriter()
            .Int64(ModelProto.IrVersion, IrVersion)
            .Message(ModelProto.OpsetImport, new ProtoWriter().String(OperatorSetIdProto.Domain, "").Int64(OperatorSetIdProto.Version, OperatorSet))
            .String(ModelProto.ProducerName, "GenNet")
            .String(ModelProto.ProducerVersion, ProducerVersion)
            .Int64(ModelProto.ModelVersion, options.ModelVersion);
        if (options.Description is not null)
        {
            model.String(ModelProto.DocString, options.Description);
        }

        return model
            .Message(ModelProto.Graph, graph)
            .Message(ModelProto.MetadataProps, new ProtoWriter().String(StringStringEntryProto.Key, "gennet.architecture").String(StringStringEntryProto.Value, architecture.Signature))
            .ToArray();
    }

    private static string ProducerVersion =>
        typeof(OnnxModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    internal static ProtoWriter Tensor<T>(string name, int elementType, long[] dims, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Int64(TensorProto.Dims, dim);
        }

        tensor.Int64(TensorProto.DataType, elementType).String(TensorProto.Name, name);
        byte[] raw = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            int size = raw.Length / Math.Max(values.Length, 1);
            for (int i = 0; i < raw.Length; i += size)
            {
                raw.AsSpan(i, size).Reverse();
            }
        }

        return tensor.Bytes(TensorProto.RawData, raw); // raw_data: little-endian IEEE 754, as ONNX requires
    }

    internal static ProtoWriter Node(string name, string operatorType, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(NodeProto.Input, input);
        }

        return node.String(NodeProto.Output, output).String(NodeProto.Name, name).String(NodeProto.OpType, operatorType);
    }

    private static ProtoWriter FloatAttribute(string name, float value) =>
        new ProtoWriter().String(AttributeProto.Name, name).Float(AttributeProto.F, value).Int64(AttributeProto.Type, AttributeProto.TypeFloat);

    internal static ProtoWriter IntAttribute(string name, long value) =>
        new ProtoWriter().String(AttributeProto.Name, name).Int64(AttributeProto.I, value).Int64(AttributeProto.Type, AttributeProto.TypeInt);

    // A tensor value [batch, width] with a symbolic batch dimension.
    private static ProtoWriter Value(string name, int elementType, int width)
    {
        var shape = new ProtoWriter()
            .Message(TensorShapeProto.Dim, new ProtoWriter().String(TensorShapeProto.DimParam, "batch"))
            .Message(TensorShapeProto.Dim, new ProtoWriter().Int64(TensorShapeProto.DimValue, width));
        var tensorType = new ProtoWriter().Int64(TypeProto.ElemType, elementType).Message(TypeProto.Shape, shape);
        return new ProtoWriter().String(ValueInfoProto.Name, name).Message(ValueInfoProto.Type, new ProtoWriter().Message(TypeProto.TensorType, tensorType));
    }
}
