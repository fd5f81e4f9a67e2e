using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Onnx;
using GenNet.Onnx.Import;
using GenNet.Persistence;

namespace GenNet.Persistence;

/// <summary>
/// Loads the weights of an ONNX model into a generated network of the same shape: a model exported by GenNet, or a
/// multilayer perceptron from another framework (e.g. PyTorch's <c>nn.Linear</c> layers exported with
/// <c>torch.onnx.export</c>).
/// </summary>
/// <remarks>
/// The model must be a chain of <c>Gemm</c> (or <c>MatMul</c> + <c>Add</c>) layers, each optionally followed by
/// <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c> (alpha 0.01) or <c>Softmax</c>, optionally opened by
/// recurrent layers (<c>RNN</c>, <c>GRU</c>, <c>LSTM</c>) or by image layers (<c>Conv</c> with an element-wise activation,
/// <c>MaxPool</c>, <c>AveragePool</c>, then <c>Flatten</c>; no auto_pad, dilation or ceil_mode). A batch-normalised
/// network needs a <c>BatchNormalization</c> (inference, epsilon 1e-5) between every Conv or dense hidden layer and its
/// activation, and takes its running statistics from it. Every layer's weight
/// shape, bias, normalisation and activation must match the network's; the model is checked whole before any weight changes.
/// Float models load into double networks exactly; double models into float networks rounded.
/// </remarks>
public static partial class OnnxModel
{
    /// <summary>Replaces <paramref name="network"/>'s weights with those of the ONNX model in <paramref name="path"/>.</summary>
    /// <exception cref="ArchitectureMismatchException">The model's layers, shapes, biases, batch normalisation or activations differ from the network's.</exception>
    /// <exception cref="NotSupportedException">The network is batch-normalised but does not implement <see cref="IBatchNormalizedNetwork{T}"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, is damaged, is not a chain of dense layers,
    /// has a dimension that is not a positive int or disagrees with its tensor's values, or holds a NaN or infinite weight
    /// (refused by default; see <see cref="WeightLoadOptions.AllowNonFinite"/>).</exception>
    public static void Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(network, path, WeightLoadOptions.Default);

    /// <summary>As <see cref="Load{T}(INetwork{T}, string)"/>, with <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Load{T}(INetwork{T}, string)"/>
    public static void Load<T>(INetwork<T> network, string path, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);

        // A file far larger than the network's weights is refused before it is read: memory stays a small multiple
        // of the network's size whatever the file claims or holds.
        long length = new FileInfo(path).Length;
        long limit = MaxModelBytes(network.Architecture.ParameterCount);
        if (length > limit)
        {
            throw new InvalidDataException(
                $"'{path}' is {length:N0} bytes; a model for a network of {network.Architecture.ParameterCount:N0} parameters is refused above {limit:N0} bytes.");
        }

        Load(network, File.ReadAllBytes(path), $"'{path}'", options);
    }

    /// <summary>Replaces <paramref name="network"/>'s weights with those of the serialized ONNX model <paramref name="model"/>.</summary>
    /// <inheritdoc cref="Load{T}(INetwork{T}, string)"/>
    public static void Load<T>(INetwork<T> network, byte[] model)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(network, model, WeightLoadOptions.Default);

    /// <summary>As <see cref="Load{T}(INetwork{T}, byte[])"/>, with <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Load{T}(INetwork{T}, string)"/>
    public static void Load<T>(INetwork<T> network, byte[] model, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        Load(network, model, "The ONNX model", options);
    }

    /// <summary>Replaces <paramref name="network"/>'s weights with those of the ONNX model read from <paramref name="stream"/> to its end.</summary>
    /// <inheritdoc cref="Load{T}(INetwork{T}, string)"/>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(network, stream, WeightLoadOptions.Default);

    /// <summary>As <see cref="Load{T}(INetwork{T}, Stream)"/>, with <paramref name="options"/>.</summary>
    /// <inheritdoc cref="Load{T}(INetwork{T}, string)"/>
    public static void Load<T>(INetwork<T> network, Stream stream, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);

        // Read at most the limit and one byte more: a stream far longer than the network's weights is refused without
        // holding more than that in memory.
        long limit = MaxModelBytes(network.Architecture.ParameterCount);
        using MemoryStream copy = BoundedRead.ToEnd(stream, limit,
            $"The ONNX stream holds more than {limit:N0} bytes; a model for a network of {network.Architecture.ParameterCount:N0} parameters is refused above that.");
        Load(network, copy.ToArray(), "The ONNX stream", options);
    }

    private static void Load<T>(INetwork<T> network, byte[] model, string source, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        NetworkArchitecture architecture = network.Architecture;
        // A batch-normalised network takes the model's running statistics too: without them Predict would differ.
        int neurons = architecture.BatchNormalization ? NetworkWeights.Normalized(network).RunningMean.Length : 0;
        var recurrentLayers = new List<RecurrentLayer>();
        var imageLayers = new List<ImageLayer>();
        var temporalLayers = new List<TemporalLayer>();
        OnnxGraph graph = OnnxGraph.Parse(model, source, architecture.ParameterCount);
        // An image network reads every Conv as 2-D (a 1-D one is then refused for its shape), any other as Conv1D.
        List<DenseLayer> layers = DenseChain.Read(graph, source, recurrentLayers, imageLayers, architecture.Image is null ? temporalLayers : null);
        IReadOnlyList<int> sizes = architecture.LayerSizes;
        // The parameters, then the running means and variances (NetworkWeights.Commit's layout).
        var parameters = new T[architecture.ParameterCount + (2 * neurons)];
        // At most one of the three is non-zero: a network is recurrent, an image network, a Conv1D network, or none of them.
        int r = ReadRecurrentLayers(architecture, recurrentLayers, parameters, options, source)
            + ReadImageLayers(architecture, imageLayers, parameters, options, source)
            + ReadConvolutionLayers(architecture, temporalLayers, parameters, options, source);
        CheckImageInput(architecture, graph, source);
        int synapses = architecture.Layout.Synapses.Count;
        if (layers.Count != synapses)
        {
            throw new ArchitectureMismatchException($"{synapses} layers", $"{layers.Count} layers",
                $"{source} has {layers.Count} dense layers; the network '{architecture.Signature}' has {synapses} dense synapses.");
        }

        int statistics = architecture.Image?.NormalizedChannels ?? architecture.Convolution?.NormalizedChannels ?? 0; // the dense hidden neurons' come after the channels'
        for (int s = 0; s < layers.Count; s++)
        {
            DenseLayer layer = layers[s];
            int below = sizes[r + s], above = sizes[r + s + 1];
            string synapse = $"synapse_{s} (layer_{r + s} → layer_{r + s + 1})";
            if (layer.Inputs != below || layer.Outputs != above)
            {
                throw new ArchitectureMismatchException($"({below}, {above})", $"({layer.Inputs}, {layer.Outputs})",
                    $"{synapse} needs weights of shape ({below}, {above}) (inputs × outputs); the model's '{layer.WeightName}' is {layer.WeightShape}" +
                    (layer.Inputs > 0 ? $", i.e. ({layer.Inputs}, {layer.Outputs})." : "."));
            }

            if ((layer.Bias is not null) != architecture.HasBias)
            {
                throw new ArchitectureMismatchException(
                    architecture.HasBias ? $"a bias of shape ({above},)" : "no bias",
                    layer.Bias is null ? "no bias" : $"a bias of shape ({above},)",
                    $"{synapse}: the network {(architecture.HasBias ? "has bias units" : "has no bias units")}; " +
                    $"the model's layer '{layer.WeightName}' {(layer.Bias is null ? "has no bias" : "has a bias")}. Declare the network with Bias = {(layer.Bias is not null ? "true" : "false")}.");
            }

            if (!OnnxActivations.SameFunction(layer.Activation, architecture.Activations[r + s]))
            {
                throw new ArchitectureMismatchException(architecture.Activations[r + s], layer.Activation,
                    $"layer_{r + s + 1}: the network applies {architecture.Activations[r + s]}; the model applies {layer.Activation} after '{layer.WeightName}'.");
            }

            SynapseLayout layout = architecture.Layout.Synapses[s];
            Convert(layer.Weights, parameters.AsSpan(layout.WeightOffset, layout.WeightCount), $"'{layer.WeightName}'", above, options, source);
            if (layer.Bias is not null)
            {
                Convert(layer.Bias, parameters.AsSpan(layout.BiasOffset, above), $"the bias of '{layer.WeightName}'", 0, options, source);
            }

            ReadBatchNormalization(layer.Normalization, layout.Normalized, above, layout.GammaOffset, layout.BetaOffset, parameters, architecture,
                ref statistics, $"layer_{r + s + 1}", layer.WeightName, options, source);
        }

        NetworkWeights.Commit<T>(network, parameters);
    }

    // The recurrent stack: the same cell kind, count and sizes as the network's, W and R transposed back to GenNet's
    // input-major layout, B split into Wb and Rb as stored. Returns the number of recurrent layers.
    private static int ReadRecurrentLayers<T>(NetworkArchitecture architecture, List<RecurrentLayer> layers, T[] parameters, WeightLoadOptions options, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RecurrentLayout? recurrent = architecture.Recurrent;
        int expected = recurrent?.Layers.Count ?? 0;
        string cell = recurrent is null ? "none" : recurrent.Cell switch { RecurrentCell.Rnn => "RNN", RecurrentCell.Gru => "GRU", _ => "LSTM" };
        if (layers.Count != expected || layers.Exists(layer => layer.OperatorType != cell))
        {
            throw new ArchitectureMismatchException($"{expected} recurrent layers ({cell})",
                $"{layers.Count} ({string.Join(", ", layers.ConvertAll(layer => layer.OperatorType))})",
                $"{source} opens with {layers.Count} recurrent layers; the network '{architecture.Signature}' has {expected} of kind {cell}.");
        }

        for (int l = 0; l < expected; l++)
        {
            RecurrentLayer layer = layers[l];
            RecurrentLayerLayout layout = recurrent!.Layers[l];
            if (layer.Units != layout.Units || layer.W.Dims[2] != layout.Inputs)
            {
                throw new ArchitectureMismatchException($"{layout.Inputs} inputs, {layout.Units} units", $"{layer.W.Dims[2]} inputs, {layer.Units} units",
                    $"recurrent layer {l} needs {layout.Inputs} inputs and {layout.Units} units; the model's {layer.Description} has {layer.W.Dims[2]} and {layer.Units}.");
            }

            int width = layout.Width;
            Convert(Transposed(layer.W.Values, width, layout.Inputs), parameters.AsSpan(layout.InputWeightOffset, layout.Inputs * width), $"'{layer.W.Name}'", width, options, source);
            Convert(Transposed(layer.R.Values, width, layout.Units), parameters.AsSpan(layout.RecurrentWeightOffset, layout.Units * width), $"'{layer.R.Name}'", width, options, source);
            if (layer.B is not null)
            {
                Convert(layer.B.Values, parameters.AsSpan(layout.InputBiasOffset, 2 * width), $"'{layer.B.Name}'", 0, options, source);
            }
        }

        return expected;
    }

    // [rows, columns] row-major → [columns, rows] row-major.
    private static double[] Transposed(double[] values, int rows, int columns)
    {
        var transposed = new double[values.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                transposed[(j * rows) + i] = values[(i * columns) + j];
            }
        }

        return transposed;
    }

    // Weights are [inputs, outputs] row-major here (columns = outputs); a bias passes columns = 0.
    private static void Convert<T>(ReadOnlySpan<double> values, Span<T> destination, string name, int columns, WeightLoadOptions options, string source)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            T value = T.CreateTruncating(values[i]);
            if (!options.AllowNonFinite && !T.IsFinite(value))
            {
                string where = columns > 0 ? $"input {i / columns}, output {i % columns}" : $"output {i}";
                string what = double.IsFinite(values[i])
                    ? $"{values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, infinite as a {typeof(T).Name},"
                    : values[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new InvalidDataException(
                    $"{source}: {name} holds {what} at {where}; NaN and infinite weights are refused (WeightLoadOptions.AllowNonFinite loads them).");
            }

            destination[i] = value;
        }
    }

    /// <summary>
    /// The largest model file read for a network of <paramref name="parameterCount"/> parameters: 64 MiB, or 32 bytes a
    /// parameter (four times a double model's weights) for larger networks.
    /// </summary>
    internal static long MaxModelBytes(int parameterCount) => Math.Max(64L << 20, 32L * parameterCount);
}
