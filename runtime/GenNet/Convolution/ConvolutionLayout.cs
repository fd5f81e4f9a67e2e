// One source, two assemblies, like RecurrentLayout.cs: the runtime compiles this file as GenNet.ConvolutionLayout
// (public), and the generator links it (GENNET_GENERATOR) into its Planning step, so that the offsets generated code
// hard-codes and the offsets the runtime walks (initialisation, weight files) cannot disagree.
using System;
using System.Collections.Generic;
using System.Globalization;

#if GENNET_GENERATOR
namespace GenNet.Generator.Planning;
#else
namespace GenNet;
#endif

/// <summary>
/// Where the causal Conv1D layers of a temporal convolution network keep their values. The convolution layers come
/// first in the parameters, layer after layer; the dense layers follow (their <c>ParameterLayout</c> starts at
/// <see cref="ParameterCount"/>). Each layer of O output channels, I input channels, kernel size K and dilation d holds:
/// <list type="number">
/// <item><c>W</c>: K × I × O kernel weights, tap-major then input-major: element <c>[(k · I + i) · O + o]</c> weighs input
/// channel i, delayed by (K − 1 − k)·d samples, into output channel o. ONNX's <c>Conv</c> weight [O, I, K] is this array
/// with its axes reversed (numpy: <c>onnx_w = ours.reshape(K, I, O).transpose(2, 1, 0)</c>). With G groups, each group of
/// I/G input channels feeds its own O/G output channels, and W is K × G × (I/G) × (O/G): element
/// <c>[((k · G + g) · I/G + i) · O/G + o]</c> weighs input channel g·I/G + i into output channel g·O/G + o, so that each
/// tap of each group is one (I/G) × (O/G) block.</item>
/// <item><c>b</c>: O biases.</item>
/// <item>In a batch-normalised network (the architecture's <c>BatchNormalization</c>): γ, then β, O each, normalising
/// the layer's sums per channel before its activation.</item>
/// </list>
/// The state holds, layer after layer, the last S = (K − 1)·d + 1 input samples of the layer (S × I values, oldest first,
/// each sample's I channels together): a shift register, so the state does not depend on a ring position. A layer of
/// stride s &gt; 1 convolves only every s-th sample and holds that output in between (RTNeural's <c>StridedConv1D</c>:
/// one sample in, one out); after its history its state holds the phase (0 … s − 1, 0: this sample convolves) and the O
/// held outputs. A layer followed by max or average pooling of window P gives, when a window of P outputs completes (its
/// phase reaching P − 1), their maximum or mean, and holds it until the next window completes; its state then also holds
/// the pooling's phase, the running maximum (or sum) of the window so far and the O held outputs.
/// </summary>
#if GENNET_GENERATOR
internal
#else
public
#endif
sealed class ConvolutionLayout
{
    /// <summary>The prefix of the pseudo-activation names that mark Conv1D layers in an architecture, e.g.
    /// <c>GenNet.Conv1D/k3/d2/GenNet.Activations.Tanh</c> (kernel size 3, dilation 2, tanh).</summary>
    public const string NamePrefix = "GenNet.Conv1D/";

    private readonly ConvolutionLayerLayout[] _layers;

    private ConvolutionLayout(ConvolutionLayerLayout[] layers, int parameterCount, int stateLength)
    {
        _layers = layers;
        ParameterCount = parameterCount;
        StateLength = stateLength;
        foreach (ConvolutionLayerLayout layer in layers)
        {
            NormalizedChannels += layer.Normalized ? layer.Channels : 0;
        }
    }

    /// <summary>Channels normalised per batch, layer after layer (0 when not batch-normalised): the running means and
    /// variances the Conv1D layers keep.</summary>
    public int NormalizedChannels { get; }

    /// <summary>Every Conv1D layer's place, input side first.</summary>
    public IReadOnlyList<ConvolutionLayerLayout> Layers => _layers;

    /// <summary>The values of all Conv1D layers; the dense layers' parameters start here.</summary>
    public int ParameterCount { get; }

    /// <summary>The length of the state: Σ S·I over the layers.</summary>
    public int StateLength { get; }

    /// <summary>The architecture name of one Conv1D layer, e.g. <c>GenNet.Conv1D/k3/d1/GenNet.Activations.Tanh</c>.</summary>
    public static string LayerName(int kernelSize, int dilation, string activation) => LayerName(kernelSize, dilation, 1, activation);

    /// <summary>The architecture name of one Conv1D layer of <paramref name="groups"/> groups, e.g.
    /// <c>GenNet.Conv1D/k3/d1/g4/GenNet.Activations.Tanh</c> (one group, the default, is not named).</summary>
    public static string LayerName(int kernelSize, int dilation, int groups, string activation) => LayerName(kernelSize, dilation, groups, 1, activation);

    /// <summary>As above with a stride, e.g. <c>GenNet.Conv1D/k3/d1/s2/GenNet.Activations.Tanh</c> (stride 1, the
    /// default, is not named; the stride comes before the groups).</summary>
    public static string LayerName(int kernelSize, int dilation, int groups, int stride, string activation) =>
        LayerName(kernelSize, dilation, groups, stride, PoolingKind.None, 1, activation);

    /// <summary>As above with the pooling that follows the layer, e.g. <c>GenNet.Conv1D/k3/d1/maxpool4/GenNet.Activations.Tanh</c>
    /// (none, the default, is not named; it comes after the groups).</summary>
    public static string LayerName(int kernelSize, int dilation, int groups, int stride, PoolingKind pooling, int poolSize, string activation) =>
        NamePrefix + "k" + kernelSize.ToString(CultureInfo.InvariantCulture) + "/d" + dilation.ToString(CultureInfo.InvariantCulture)
        + (stride == 1 ? string.Empty : "/s" + stride.ToString(CultureInfo.InvariantCulture))
        + (groups == 1 ? string.Empty : "/g" + groups.ToString(CultureInfo.InvariantCulture))
        + (pooling == PoolingKind.None ? string.Empty : (pooling == PoolingKind.Max ? "/maxpool" : "/avgpool") + poolSize.ToString(CultureInfo.InvariantCulture))
        + "/" + activation;

    /// <summary>The layout of causal Conv1D layers with <paramref name="channels"/> output channels each, after
    /// <paramref name="inputs"/> input channels.</summary>
    /// <exception cref="ArgumentException">No layers, lengths that differ, or a size, kernel size or dilation below 1.</exception>
    /// <exception cref="OverflowException">More than <see cref="int.MaxValue"/> parameters.</exception>
    public static ConvolutionLayout Create(int inputs, IReadOnlyList<int> channels, IReadOnlyList<int> kernelSizes, IReadOnlyList<int> dilations) =>
        Create(inputs, channels, kernelSizes, dilations, null);

    /// <summary>As above, each layer in <paramref name="groups"/> groups (null: one group each).</summary>
    /// <exception cref="ArgumentException">As above, or a group count below 1 or that does not divide the layer's input
    /// and output channels.</exception>
    public static ConvolutionLayout Create(int inputs, IReadOnlyList<int> channels, IReadOnlyList<int> kernelSizes, IReadOnlyList<int> dilations, IReadOnlyList<int>? groups) =>
        Create(inputs, channels, kernelSizes, dilations, groups, null);

    /// <summary>As above, each layer with a stride from <paramref name="strides"/> (null: stride 1 each).</summary>
    /// <exception cref="ArgumentException">As above, or a stride below 1.</exception>
    public static ConvolutionLayout Create(int inputs, IReadOnlyList<int> channels, IReadOnlyList<int> kernelSizes, IReadOnlyList<int> dilations, IReadOnlyList<int>? groups, IReadOnlyList<int>? strides) =>
        Create(inputs, channels, kernelSizes, dilations, groups, strides, normalized: false);

    /// <summary>As above; with <paramref name="normalized"/> every layer is batch-normalised (γ and β after its b).</summary>
    /// <exception cref="ArgumentException">As above.</exception>
    public static ConvolutionLayout Create(int inputs, IReadOnlyList<int> channels, IReadOnlyList<int> kernelSizes, IReadOnlyList<int> dilations, IReadOnlyList<int>? groups, IReadOnlyList<int>? strides, bool normalized) =>
        Create(inputs, channels, kernelSizes, dilations, groups, strides, normalized, null, null);

    /// <summary>As above, each layer followed by the pooling in <paramref name="poolings"/> over windows of
    /// <paramref name="poolSizes"/> outputs (null: none).</summary>
    /// <exception cref="ArgumentException">As above, or a pool size below 2 for a pooled layer.</exception>
    public static ConvolutionLayout Create(int inputs, IReadOnlyList<int> channels, IReadOnlyList<int> kernelSizes, IReadOnlyList<int> dilations, IReadOnlyList<int>? groups, IReadOnlyList<int>? strides, bool normalized,
        IReadOnlyList<PoolingKind>? poolings, IReadOnlyList<int>? poolSizes)
    {
        if (channels is null || kernelSizes is null || dilations is null)
        {
            throw new ArgumentNullException(channels is null ? nameof(channels) : kernelSizes is null ? nameof(kernelSizes) : nameof(dilations));
        }

        if (groups is not null && groups.Count != channels.Count)
        {
            throw new ArgumentException($"A convolution stack needs one group count per layer; got {channels.Count} layers, {groups.Count} group counts.", nameof(groups));
        }

        if (strides is not null && strides.Count != channels.Count)
        {
            throw new ArgumentException($"A convolution stack needs one stride per layer; got {channels.Count} layers, {strides.Count} strides.", nameof(strides));
        }

        if (channels.Count == 0 || inputs <= 0 || kernelSizes.Count != channels.Count || dilations.Count != channels.Count)
        {
            throw new ArgumentException($"A convolution stack needs positive inputs and one channel count, kernel size and dilation per layer; got {inputs} inputs, {channels.Count} layers, {kernelSizes.Count} kernel sizes, {dilations.Count} dilations.", nameof(channels));
        }

        var layers = new ConvolutionLayerLayout[channels.Count];
        int offset = 0, state = 0, previous = inputs;
        for (int l = 0; l < layers.Length; l++)
        {
            int outputs = channels[l], kernel = kernelSizes[l], dilation = dilations[l];
            if (outputs <= 0 || kernel <= 0 || dilation <= 0)
            {
                throw new ArgumentException($"Conv1D layer {l} has {outputs} channels, kernel size {kernel}, dilation {dilation}; all must be positive.", nameof(channels));
            }

            int group = groups?[l] ?? 1;
            if (group <= 0 || previous % group != 0 || outputs % group != 0)
            {
                throw new ArgumentException($"Conv1D layer {l} has {previous} input and {outputs} output channels in {group} groups; the groups must divide both.", nameof(groups));
            }

            int stride = strides?[l] ?? 1;
            if (stride <= 0)
            {
                throw new ArgumentException($"Conv1D layer {l} has stride {stride}; it must be positive.", nameof(strides));
            }

            PoolingKind pooling = poolings?[l] ?? PoolingKind.None;
            int poolSize = pooling == PoolingKind.None ? 1 : poolSizes?[l] ?? 2;
            if (pooling is not (PoolingKind.None or PoolingKind.Max or PoolingKind.Average) || (pooling != PoolingKind.None && poolSize < 2))
            {
                throw new ArgumentException($"Conv1D layer {l} has pooling {pooling} over {poolSize} outputs; a pooled layer needs a window of at least 2.", nameof(poolings));
            }

            int history = checked(((kernel - 1) * dilation) + 1);
            int biasOffset = checked(offset + (kernel * (previous / group) * outputs));
            layers[l] = new ConvolutionLayerLayout(l, previous, outputs, kernel, dilation, offset, biasOffset, state, history) { Groups = group, Stride = stride, Normalized = normalized, Pooling = pooling, PoolSize = poolSize };
            offset = checked(biasOffset + ((normalized ? 3 : 1) * outputs));   // b, then γ and β when normalised
            state = checked(state + (history * previous) + layers[l].HoldCount + layers[l].PoolCount);
            previous = outputs;
        }

        return new ConvolutionLayout(layers, offset, state);
    }

    /// <summary>
    /// Reads an architecture's layer sizes and activation names: the leading activations named <see cref="NamePrefix"/>…
    /// are Conv1D layers. Null when there are none.
    /// </summary>
    /// <exception cref="ArgumentException">A Conv1D name after a dense layer, or one that cannot be read.</exception>
    public static ConvolutionLayout? FromArchitecture(IReadOnlyList<int> layerSizes, IReadOnlyList<string> activations) =>
        FromArchitecture(layerSizes, activations, normalized: false);

    /// <summary>As above, for an architecture that is batch-normalised (<paramref name="normalized"/>) or not.</summary>
    /// <exception cref="ArgumentException">As above.</exception>
    public static ConvolutionLayout? FromArchitecture(IReadOnlyList<int> layerSizes, IReadOnlyList<string> activations, bool normalized)
    {
        var kernels = new List<int>();
        var dilations = new List<int>();
        var groups = new List<int>();
        var strides = new List<int>();
        var poolings = new List<PoolingKind>();
        var poolSizes = new List<int>();
        for (int i = 0; i < activations.Count; i++)
        {
            if (!activations[i].StartsWith(NamePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = activations[i].Substring(NamePrefix.Length).Split('/');
            // k<kernel>/d<dilation>, then optionally s<stride> (above 1), then optionally g<groups> (above 1), then the activation.
            int next = 2, stride = 1, group = 1;
            bool strided = parts.Length > next + 1 && Number(parts[next], 's', out stride) && stride > 1;
            next += strided ? 1 : 0;
            bool grouped = parts.Length > next + 1 && Number(parts[next], 'g', out group) && group > 1;
            next += grouped ? 1 : 0;
            int poolSize = 1;
            PoolingKind pooling = parts.Length > next + 1 && PoolingPart(parts[next], out poolSize) is PoolingKind named ? named : PoolingKind.None;
            next += pooling == PoolingKind.None ? 0 : 1;
            if (i != kernels.Count || parts.Length != next + 1 || !Number(parts[0], 'k', out int kernel) || !Number(parts[1], 'd', out int dilation))
            {
                throw new ArgumentException($"'{activations[i]}' is not a Conv1D layer name (GenNet.Conv1D/k<kernel>/d<dilation>[/s<stride>][/g<groups>][/maxpool<P>|/avgpool<P>]/<activation>), or comes after a dense layer.", nameof(activations));
            }

            kernels.Add(kernel);
            dilations.Add(dilation);
            groups.Add(grouped ? group : 1);
            strides.Add(strided ? stride : 1);
            poolings.Add(pooling);
            poolSizes.Add(pooling == PoolingKind.None ? 1 : poolSize);
        }

        if (kernels.Count == 0)
        {
            return null;
        }

        if (kernels.Count >= activations.Count)
        {
            throw new ArgumentException("A convolution network needs an output layer after its Conv1D layers.", nameof(activations));
        }

        var sizes = new int[kernels.Count];
        for (int l = 0; l < sizes.Length; l++)
        {
            sizes[l] = layerSizes[l + 1];
        }

        return Create(layerSizes[0], sizes, kernels, dilations, groups, strides, normalized, poolings, poolSizes);
    }

    // "maxpool4" → Max and 4, "avgpool2" → Average and 2; null when the part names no pooling of a window above 1.
    private static PoolingKind? PoolingPart(string part, out int size)
    {
        size = 1;
        PoolingKind kind = part.StartsWith("maxpool", StringComparison.Ordinal) ? PoolingKind.Max
            : part.StartsWith("avgpool", StringComparison.Ordinal) ? PoolingKind.Average : PoolingKind.None;
        return kind != PoolingKind.None && int.TryParse(part.Substring(7), NumberStyles.None, CultureInfo.InvariantCulture, out size) && size > 1 ? kind : null;
    }

    // "k3" → 3 for letter 'k'; false when the part is not the letter and a number.
    private static bool Number(string part, char letter, out int value)
    {
        value = 0;
        return part.Length >= 2 && part[0] == letter && int.TryParse(part.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The activation of a Conv1D layer named by <see cref="LayerName(int, int, int, string)"/>, e.g. <c>GenNet.Activations.Tanh</c>.</summary>
    public static string ActivationOf(string layerName)
    {
        if (layerName is null)
        {
            throw new ArgumentNullException(nameof(layerName));
        }

        // The activation is the last part: a type name has dots, never a slash.
        int slash = layerName.LastIndexOf('/');
        return layerName.StartsWith(NamePrefix, StringComparison.Ordinal) && slash >= NamePrefix.Length && slash + 1 < layerName.Length
            ? layerName.Substring(slash + 1)
            : throw new ArgumentException($"'{layerName}' is not a Conv1D layer name.", nameof(layerName));
    }
}

/// <summary>One causal Conv1D layer's values in the parameter array and the state (see <see cref="ConvolutionLayout"/>).</summary>
/// <param name="Index">The layer's place in the stack, 0 first.</param>
/// <param name="Inputs">I: input channels (the network's inputs, or the layer below).</param>
/// <param name="Channels">O: output channels.</param>
/// <param name="KernelSize">K: taps.</param>
/// <param name="Dilation">d: samples between taps.</param>
/// <param name="WeightOffset">Where W (K × I × O) starts.</param>
/// <param name="BiasOffset">Where b (O) starts.</param>
/// <param name="StateOffset">Where its S × I input history starts in the state.</param>
/// <param name="History">S = (K − 1)·d + 1: the samples one output reads (the receptive field of the layer).</param>
#if GENNET_GENERATOR
internal
#else
public
#endif
readonly record struct ConvolutionLayerLayout(int Index, int Inputs, int Channels, int KernelSize, int Dilation, int WeightOffset, int BiasOffset, int StateOffset, int History)
{
    /// <summary>G: groups of input channels, each feeding its own output channels (1: every input feeds every output).</summary>
    public int Groups { get; init; } = 1;

    /// <summary>I/G: the input channels of one group.</summary>
    public int GroupInputs => Inputs / Groups;

    /// <summary>O/G: the output channels of one group.</summary>
    public int GroupChannels => Channels / Groups;

    /// <summary>K · I · O / G: the kernel's weights.</summary>
    public int WeightCount => KernelSize * GroupInputs * Channels;

    /// <summary>Whether the layer's sums are batch-normalised per channel before its activation (γ and β after b).</summary>
    public bool Normalized { get; init; }

    /// <summary>Where a normalised layer's O scales γ start (after b); its O shifts β follow them.</summary>
    public int GammaOffset => BiasOffset + Channels;

    /// <summary>Where a normalised layer's O shifts β start.</summary>
    public int BetaOffset => GammaOffset + Channels;

    /// <summary>All of the layer's values: W then b, and γ and β when normalised.</summary>
    public int Count => WeightCount + ((Normalized ? 3 : 1) * Channels);

    /// <summary>s: a stride above 1 convolves every s-th sample only and holds its output in between.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>S · I: the layer's input history in the state (the window one output reads).</summary>
    public int StateCount => History * Inputs;

    /// <summary>Where a strided layer's phase and held outputs start in the state: just after its history.</summary>
    public int HoldOffset => StateOffset + StateCount;

    /// <summary>1 + O for a strided layer (its phase, then its held outputs), 0 otherwise.</summary>
    public int HoldCount => Stride > 1 ? 1 + Channels : 0;

    /// <summary>The pooling after the layer's activation: none, max or average over windows of <see cref="PoolSize"/> outputs.</summary>
    public PoolingKind Pooling { get; init; }

    /// <summary>P: the outputs one pooling window covers (1 without pooling).</summary>
    public int PoolSize { get; init; } = 1;

    /// <summary>Where a pooled layer's pooling state starts: its phase, the window's running maximum (or sum), the held outputs.</summary>
    public int PoolOffset => HoldOffset + HoldCount;

    /// <summary>1 + 2·O for a pooled layer, 0 otherwise.</summary>
    public int PoolCount => Pooling == PoolingKind.None ? 0 : 1 + (2 * Channels);
}
