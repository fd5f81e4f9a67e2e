using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GenNet.Onnx.Import;

/// <summary>
/// Reads an ONNX graph as a chain of fully connected layers: from the graph input, each node must take the previous
/// node's output. Accepted: <c>Gemm</c> (transB 0 or 1, alpha = beta = 1), <c>MatMul</c> optionally followed by an
/// <c>Add</c> of a bias, the activations <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>, <c>Softmax</c>
/// on the last axis, a <c>BatchNormalization</c> (inference) between a layer and its activation, and the no-ops
/// <c>Identity</c> and <c>Flatten</c> (axis 1). This is what GenNet exports and what
/// PyTorch's <c>torch.onnx.export</c> writes for an MLP of <c>nn.Linear</c> layers.
/// </summary>
internal static class DenseChain
{
    public static List<DenseLayer> Read(OnnxGraph graph, string source) => Read(graph, source, recurrent: null, image: null);

    public static List<DenseLayer> Read(OnnxGraph graph, string source, List<RecurrentLayer>? recurrent) => Read(graph, source, recurrent, image: null);

    /// <summary>
    /// The chain's dense layers; when <paramref name="recurrent"/> is given, a stack of RNN/GRU/LSTM nodes may open the
    /// chain (with the Unsqueeze and Squeeze nodes around it that GenNet's export writes), collected there; when
    /// <paramref name="image"/> is given, Conv (each optionally followed by a BatchNormalization and an activation), MaxPool and AveragePool
    /// nodes may open it, up to a Flatten (axis 1), collected there.
    /// </summary>
    public static List<DenseLayer> Read(OnnxGraph graph, string source, List<RecurrentLayer>? recurrent, List<ImageLayer>? image) =>
        Read(graph, source, recurrent, image, temporal: null);

    /// <summary>
    /// As above; when <paramref name="temporal"/> is given, a stack of 1-D Conv nodes (each optionally followed by an
    /// activation) may open the chain inside the nodes GenNet's export writes around it: Transpose (perm [1, 0]) and
    /// Unsqueeze (axis 0) before, Squeeze (axis 0) and Transpose (perm [1, 0]) after; collected there.
    /// </summary>
    public static List<DenseLayer> Read(OnnxGraph graph, string source, List<RecurrentLayer>? recurrent, List<ImageLayer>? image, List<TemporalLayer>? temporal)
    {
        string[] dataInputs = graph.Inputs.Where(name => !graph.Initializers.ContainsKey(name)).ToArray();
        if (dataInputs.Length != 1 || graph.Outputs.Count != 1)
        {
            throw new InvalidDataException(
                $"{source} has {dataInputs.Length} inputs and {graph.Outputs.Count} outputs; GenNet imports models with one input and one output.");
        }

        var layers = new List<DenseLayer>();
        string current = dataInputs[0];
        bool flattened = false;
        SequencePhase phase = SequencePhase.None;
        string? sequenceInput = null;   // the Conv1D stack's input [1, channels, steps], whose shape a hold reads
        TemporalHold? hold = null;      // the hold after a strided or pooled Conv1D layer, read node by node
        foreach (OnnxNode node in graph.Nodes)
        {
            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw Unsupported(node, source);
            }

            if (hold is not null && hold.TakeSide(node, graph, source))
            {
                continue;   // the sequence length, read beside the chain
            }

            bool recurrentNode = node.OperatorType is "RNN" or "GRU" or "LSTM";
            if ((recurrentNode ? node.Outputs.Length is < 1 or > 3 || node.Outputs[0].Length == 0 : node.Outputs.Length != 1) || !node.Inputs.Contains(current))
            {
                throw new InvalidDataException(
                    $"{source}: the {node.Description} does not continue the chain from '{current}'; GenNet imports a single chain of layers.");
            }

            DenseLayer? last = layers.Count > 0 ? layers[^1] : null;
            if (node.OperatorType is "Gemm" or "MatMul" && image is { Count: > 0 } && !flattened)
            {
                Require(false, node, source, "the image layers' [batch, C, H, W] map must be flattened (Flatten, axis 1) before a dense layer");
            }

            if (node.OperatorType is "Gemm" or "MatMul" && phase is not (SequencePhase.None or SequencePhase.Closed))
            {
                Require(false, node, source, "the Conv1D layers' [1, channels, steps] must go back to [steps, channels] (Squeeze axis 0, Transpose perm [1, 0]) before a dense layer");
            }

            switch (node.OperatorType)
            {
                case "Transpose" when temporal is not null:
                    Require(Ints(node, "perm") is [1, 0] && (phase == SequencePhase.Squeezed || (phase == SequencePhase.None && layers.Count == 0 && (recurrent is null || recurrent.Count == 0))),
                        node, source, "only Transpose with perm [1, 0] around the Conv1D layers ([steps, channels] ↔ [channels, steps]) is accepted");
                    phase = phase == SequencePhase.None ? SequencePhase.ChannelsFirst : SequencePhase.Closed;
                    break;
                case "Unsqueeze" when temporal is not null && phase == SequencePhase.ChannelsFirst:
                    Require(Axes(graph, node) is [0], node, source, "only Unsqueeze on axis 0 (the sequence as a batch of one) is accepted before the Conv1D layers");
                    phase = SequencePhase.Open;
                    sequenceInput = node.Outputs[0];
                    break;
                case "Unsqueeze" or "Expand" or "Reshape" or "Pad" or "Slice" when hold is { Done: false } && phase == SequencePhase.Open:
                    hold.Take(node, current, graph, source);
                    break;
                case "Squeeze" when temporal is not null && phase == SequencePhase.Open:
                    Require(temporal.Count > 0 && Axes(graph, node) is [0], node, source, "only Squeeze on axis 0 after the Conv1D layers is accepted");
                    Require(hold is null || hold.Done, node, source, "a strided or pooled Conv1D layer's outputs must be held before the stack ends");
                    phase = SequencePhase.Squeezed;
                    break;
                case "Conv" when temporal is not null && node.Inputs.Length >= 2 && graph.Initializers.TryGetValue(node.Inputs[1], out OnnxTensor? w1) && w1.Dims.Length == 3:
                    Require(phase == SequencePhase.Open, node, source, "1-D Conv layers must come first, on [1, channels, steps] (Transpose perm [1, 0], Unsqueeze axis 0)");
                    Require(hold is null || hold.Done, node, source, "a strided or pooled Conv1D layer's outputs must be held before the next Conv");
                    TemporalLayer read = TemporalLayers.Read(node, current, DenseChain.Constant(graph, node.Inputs[1], node, source), graph, source);
                    temporal.Add(read);
                    hold = read.Stride > 1 ? new TemporalHold(read.Stride, 0, sequenceInput!) : null;
                    break;
                case "MaxPool" or "AveragePool" when temporal is { Count: > 0 } && phase == SequencePhase.Open:
                    TemporalLayer pooledConv = temporal[^1];
                    long[] window = Ints(node, "kernel_shape") ?? [];
                    long[] poolStrides = Ints(node, "strides") ?? [];
                    Require(hold is null && pooledConv.Pooling is null && pooledConv.Stride == 1 && window is [> 1 and <= NetworkAttribute.MaxLayerSize] && poolStrides.SequenceEqual(window)
                        && (Ints(node, "pads") ?? [0, 0]) is [0, 0] && (Ints(node, "dilations") ?? [1]) is [1] && Integer(node, "ceil_mode", 0) == 0
                        && Integer(node, "count_include_pad", 0) == 0 && Integer(node, "storage_order", 0) == 0
                        && (node.Attributes.GetValueOrDefault("auto_pad")?.Text ?? "NOTSET") == "NOTSET" && node.Outputs.Length == 1, node, source,
                        "pooling among the Conv1D layers must follow an unstrided Conv (and its activation), over windows of P ≥ 2 with strides [P], unpadded");
                    pooledConv.Pooling = node.OperatorType;
                    pooledConv.PoolSize = window[0];
                    pooledConv.HasActivation = true;   // nothing element-wise may follow the pooling
                    hold = new TemporalHold(window[0], window[0] - 1, sequenceInput!);
                    break;
                case "BatchNormalization" when temporal is { Count: > 0 } && phase == SequencePhase.Open:
                    TemporalLayer normalizedConv1D = temporal[^1];
                    Require(normalizedConv1D.Normalization is null && !normalizedConv1D.HasActivation, node, source,
                        "BatchNormalization among the Conv1D layers must follow a Conv, before its activation");
                    normalizedConv1D.Normalization = BatchNormNode.Read(node, current, graph, source);
                    break;
                case var activation when temporal is { Count: > 0 } && phase == SequencePhase.Open && OnnxActivations.IsActivationOperator(activation):
                    TemporalLayer conv1D = temporal[^1];
                    Require(!conv1D.HasActivation && (hold is null || !hold.Started) && activation != "Softmax", node, source, "an activation among the Conv1D layers must follow a Conv, element-wise (no Softmax)");
                    conv1D.Activation = OnnxActivations.FromOperator(activation, node.Attributes.GetValueOrDefault("alpha")?.Float);
                    conv1D.HasActivation = true;
                    break;
                case "Gemm":
                    layers.Add(Gemm(node, current, graph, source));
                    break;
                case "MatMul":
                    Require(node.Inputs.Length == 2 && node.Inputs[0] == current, node, source, "MatMul must multiply the previous output by a weight matrix");
                    layers.Add(Matrix(Constant(graph, node.Inputs[1], node, source), transposed: false));
                    break;
                case "Add":
                    Require(last is not null && last.Bias is null && last.Normalization is null && !last.HasActivation && node.Inputs.Length == 2, node, source,
                        "Add is read as the bias of the layer right before it");
                    string other = node.Inputs[0] == current ? node.Inputs[1] : node.Inputs[0];
                    last!.Bias = Bias(Constant(graph, other, node, source), last.Outputs, node, source);
                    break;
                case "Identity":
                    break;
                case "Unsqueeze" when recurrent is not null:
                    // [steps, inputs] → [steps, batch = 1, inputs], before the recurrent stack only.
                    Require(layers.Count == 0 && recurrent.Count == 0 && Axes(graph, node) is [1], node, source,
                        "only Unsqueeze on axis 1 before the recurrent layers (a sequence as a batch of one) is accepted");
                    break;
                case "Squeeze" when recurrent is not null:
                    // Y [steps, 1, 1, units] → [steps, 1, units] between recurrent layers, [steps, units] after them.
                    Require(layers.Count == 0 && recurrent.Count > 0 && Axes(graph, node) is [1] or [1, 2], node, source,
                        "only Squeeze of axis 1 (or 1 and 2) right after a recurrent layer is accepted");
                    break;
                case "RNN" or "GRU" or "LSTM" when recurrent is not null:
                    Require(layers.Count == 0, node, source, "recurrent layers must come before the dense layers");
                    recurrent.Add(Recurrent(node, current, graph, source));
                    break;
                case "Conv" or "MaxPool" or "AveragePool" when image is not null:
                    Require(layers.Count == 0 && (recurrent is null || recurrent.Count == 0) && !flattened, node, source,
                        "image layers must come first, before the Flatten and the dense layers");
                    image.Add(ImageLayers.Read(node, current, graph, source));
                    break;
                case "Flatten":
                    Require(Integer(node, "axis", 1) == 1, node, source, "only Flatten with axis = 1 (a no-op on [batch, features]) is accepted");
                    flattened = true;
                    break;
                case "BatchNormalization" when image is { Count: > 0 } && layers.Count == 0 && !flattened:
                    ImageLayer normalizedConv = image[^1];
                    Require(normalizedConv.W is not null && normalizedConv.Normalization is null && !normalizedConv.HasActivation, node, source,
                        "BatchNormalization among the image layers must follow a Conv, before its activation");
                    normalizedConv.Normalization = BatchNormNode.Read(node, current, graph, source);
                    break;
                case "BatchNormalization":
                    Require(last is not null && last.Normalization is null && !last.HasActivation, node, source,
                        "BatchNormalization must follow a Conv or a dense layer (Gemm, or MatMul and its Add), before its activation");
                    last!.Normalization = BatchNormNode.Read(node, current, graph, source);
                    break;
                case var activation when image is { Count: > 0 } && layers.Count == 0 && !flattened && OnnxActivations.IsActivationOperator(activation):
                    ImageLayer conv = image[^1];
                    Require(conv.W is not null && !conv.HasActivation && activation != "Softmax", node, source,
                        "an activation among the image layers must follow a Conv, element-wise (no Softmax)");
                    conv.Activation = OnnxActivations.FromOperator(activation, node.Attributes.GetValueOrDefault("alpha")?.Float);
                    conv.HasActivation = true;
                    break;
                case var activation when OnnxActivations.IsActivationOperator(activation):
                    Require(last is not null && !last.HasActivation, node, source, "an activation must follow a Gemm or MatMul layer");
                    if (activation == "Softmax")
                    {
                        long axis = Integer(node, "axis", -1);
                        Require(axis is -1 or 1, node, source, $"Softmax must run over the features (axis -1 or 1), not axis {axis}");
                    }

                    last!.Activation = OnnxActivations.FromOperator(activation, node.Attributes.GetValueOrDefault("alpha")?.Float);
                    last.HasActivation = true;
                    break;
                default:
                    throw Unsupported(node, source);
            }

            current = node.Outputs[0];
        }

        if (phase is not (SequencePhase.None or SequencePhase.Closed))
        {
            throw new InvalidDataException($"{source}: the Conv1D layers' [1, channels, steps] never goes back to [steps, channels] (Squeeze axis 0, Transpose perm [1, 0]).");
        }

        if (current != graph.Outputs[0])
        {
            throw new InvalidDataException($"{source}: the chain of layers ends at '{current}', not at the graph output '{graph.Outputs[0]}'.");
        }

        return layers;
    }

    // A forward, single-direction cell with ONNX's default activations, as GenNet runs it; W and R are checked against
    // hidden_size here and against the network by the caller, before any value is decoded.
    private static RecurrentLayer Recurrent(OnnxNode node, string current, OnnxGraph graph, string source)
    {
        Require(node.Inputs.Length is >= 3 and <= 4 && node.Inputs[0] == current, node, source,
            "it must take the previous output, W, R and optionally B (no sequence_lens or initial state)");
        Require(!node.Attributes.ContainsKey("activations") && !node.Attributes.ContainsKey("clip") && Integer(node, "layout", 0) == 0
            && Integer(node, "input_forget", 0) == 0, node, source, "custom activations, clip, layout 1 and input_forget are not supported");
        Require(!node.Attributes.ContainsKey("direction"), node, source, "only the default forward direction is supported");
        if (node.OperatorType == "GRU")
        {
            Require(Integer(node, "linear_before_reset", 0) == 1, node, source, "GenNet's GRU is ONNX's with linear_before_reset = 1 (PyTorch's)");
        }

        long units = Integer(node, "hidden_size", 0);
        Require(units is > 0 and <= NetworkAttribute.MaxLayerSize, node, source, $"hidden_size must be 1 to {NetworkAttribute.MaxLayerSize}");
        OnnxTensor w = Constant(graph, node.Inputs[1], node, source), r = Constant(graph, node.Inputs[2], node, source);
        OnnxTensor? b = node.Inputs.Length == 4 && node.Inputs[3].Length > 0 ? Constant(graph, node.Inputs[3], node, source) : null;
        int gates = node.OperatorType switch { "GRU" => 3, "LSTM" => 4, _ => 1 };
        Require(w.Dims is [1, var wRows, > 0] && wRows == gates * units, node, source, $"W must have shape [1, {gates * units}, inputs]; it is {w.ShapeText}");
        Require(r.Dims is [1, var rRows, var rColumns] && rRows == gates * units && rColumns == units, node, source,
            $"R must have shape [1, {gates * units}, {units}]; it is {r.ShapeText}");
        Require(b is null || (b.Dims is [1, var bWidth] && bWidth == 2 * gates * units), node, source,
            $"B must have shape [1, {2 * gates * units}]; it is {b?.ShapeText}");
        return new RecurrentLayer(node.OperatorType, node.Description, (int)units, w, r, b);
    }

    // Where a chain stands around a Conv1D stack: [steps, C] → Transpose → [C, steps] → Unsqueeze → [1, C, steps] (the
    // Conv layers) → Squeeze → [C, steps] → Transpose → [steps, C].
    private enum SequencePhase
    {
        None,
        ChannelsFirst,
        Open,
        Squeezed,
        Closed,
    }

    private static long[]? Ints(OnnxNode node, string name) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Ints ?? [] : null;

    private static long[]? Axes(OnnxGraph graph, OnnxNode node) =>
        node.Inputs.Length == 2 && graph.Initializers.TryGetValue(node.Inputs[1], out OnnxTensor? axes) ? axes.Axes : null;

    private static DenseLayer Gemm(OnnxNode node, string current, OnnxGraph graph, string source)
    {
        Require(node.Inputs.Length is 2 or 3 && node.Inputs[0] == current, node, source, "Gemm must take the previous output as A");
        Require(Integer(node, "transA", 0) == 0, node, source, "transA must be 0");
        Require(FloatAttribute(node, "alpha") == 1 && FloatAttribute(node, "beta") == 1, node, source, "alpha and beta must be 1");
        long transB = Integer(node, "transB", 0);
        Require(transB is 0 or 1, node, source, "transB must be 0 or 1");
        DenseLayer layer = Matrix(Constant(graph, node.Inputs[1], node, source), transposed: transB == 1);
        if (node.Inputs.Length == 3 && node.Inputs[2].Length > 0)
        {
            layer.Bias = Bias(Constant(graph, node.Inputs[2], node, source), layer.Outputs, node, source);
        }

        return layer;
    }

    // Weights [in, out], or [out, in] used transposed (PyTorch's nn.Linear with transB = 1).
    private static DenseLayer Matrix(OnnxTensor tensor, bool transposed)
    {
        if (tensor.Dims.Length != 2)
        {
            return new DenseLayer(tensor.Name, tensor.ShapeText, -1, -1, []);
        }

        // OnnxGraph has checked that the dimensions are positive ints whose product is the number of values.
        int rows = checked((int)tensor.Dims[0]), columns = checked((int)tensor.Dims[1]);
        if (!transposed)
        {
            return new DenseLayer(tensor.Name, tensor.ShapeText, rows, columns, tensor.Values);
        }

        var weights = new double[tensor.Values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                weights[c * rows + r] = tensor.Values[r * columns + c];
            }
        }

        return new DenseLayer(tensor.Name, $"{tensor.ShapeText} used transposed (transB = 1)", columns, rows, weights);
    }

    private static double[] Bias(OnnxTensor tensor, int outputs, OnnxNode node, string source)
    {
        bool fits = tensor.Dims is [var n] && n == outputs || tensor.Dims is [1, var m] && m == outputs;
        if (!fits)
        {
            throw new InvalidDataException(
                $"{source}: the bias '{tensor.Name}' of the {node.Description} has shape {tensor.ShapeText}; a layer of {outputs} outputs needs [{outputs}] or [1, {outputs}].");
        }

        return tensor.Values;
    }

    internal static OnnxTensor Constant(OnnxGraph graph, string name, OnnxNode node, string source)
    {
        if (!graph.Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            throw new InvalidDataException($"{source}: the {node.Description} reads '{name}', which is not a constant (initializer) of the graph.");
        }

        if (!tensor.IsFloatingPoint)
        {
            throw new InvalidDataException($"{source}: '{name}' is not a float or double tensor.");
        }

        return tensor;
    }

    internal static long Integer(OnnxNode node, string name, long fallback) =>
        node.Attributes.GetValueOrDefault(name)?.Integer ?? fallback;

    private static float FloatAttribute(OnnxNode node, string name) =>
        node.Attributes.GetValueOrDefault(name)?.Float ?? 1f;

    internal static void Require(bool condition, OnnxNode node, string source, string rule)
    {
        if (!condition)
        {
            throw new InvalidDataException($"{source}: the {node.Description} cannot be imported: {rule}.");
        }
    }

    private static InvalidDataException Unsupported(OnnxNode node, string source) =>
        new($"{source}: the {node.Description}{(node.Domain.Length > 0 ? $" (domain {node.Domain})" : "")} is not supported; " +
            $"GenNet imports chains of Gemm or MatMul (+ Add) layers, optionally batch-normalised, with Sigmoid, Tanh, Relu, LeakyRelu or Softmax activations, " +
            "opened by Conv/MaxPool/AveragePool and Flatten, by RNN/GRU/LSTM layers or by 1-D Conv layers.");
}
