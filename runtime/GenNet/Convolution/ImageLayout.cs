// One source, two assemblies, like ConvolutionLayout.cs: the runtime compiles this file as GenNet.ImageLayout (public),
// and the generator links it (GENNET_GENERATOR) into its Planning step, so that the shapes and offsets generated code
// hard-codes and the ones the runtime walks (initialisation, weight files) cannot disagree.
using System;
using System.Collections.Generic;
using System.Globalization;

#if GENNET_GENERATOR
namespace GenNet.Generator.Planning;
#else
namespace GenNet;
#endif

/// <summary>
/// The image layers of an image network (<c>InputShape</c> with Conv2D layers): shapes and where each Conv2D layer keeps
/// its values. They come first in the parameters, layer after layer; the dense layers follow (their
/// <c>ParameterLayout</c> starts at <see cref="ParameterCount"/>). A Conv2D layer of O output channels, C input
/// channels and a KH × KW kernel holds <c>W</c>, O × C × KH × KW weights row-major (PyTorch's Conv2d weight and ONNX's
/// Conv weight as they are), then <c>b</c>, O biases; in G groups, O × C/G × KH × KW (output channel o reads the C/G
/// input channels of its group, o / (O/G)), as PyTorch and ONNX keep it too. In a batch-normalised network (the
/// architecture's <c>BatchNormalization</c>) each Conv2D layer's b is followed by its O scales γ and O shifts β
/// (PyTorch's BatchNorm2d weight and bias). Pooling layers hold no parameters.
/// </summary>
/// <remarks>
/// In an architecture each image layer is a layer size (its output length, C·H·W) with a pseudo-activation name that
/// carries its input shape and settings: <c>GenNet.Conv2D/1x28x28/k5x5/s1x1/p0x0/GenNet.Activations.ReLU</c>,
/// <c>GenNet.MaxPool2D/6x24x24/k2x2/s2x2</c>, <c>GenNet.AvgPool2D/…</c>.
/// </remarks>
#if GENNET_GENERATOR
internal
#else
public
#endif
sealed class ImageLayout
{
    /// <summary>The prefix of a Conv2D layer's architecture name.</summary>
    public const string ConvolutionPrefix = "GenNet.Conv2D/";

    /// <summary>The prefix of a max-pooling layer's architecture name.</summary>
    public const string MaxPoolingPrefix = "GenNet.MaxPool2D/";

    /// <summary>The prefix of an average-pooling layer's architecture name.</summary>
    public const string AveragePoolingPrefix = "GenNet.AvgPool2D/";

    private readonly ImageLayerLayout[] _layers;

    private ImageLayout(ImageLayerLayout[] layers, int parameterCount)
    {
        _layers = layers;
        ParameterCount = parameterCount;
        foreach (ImageLayerLayout layer in layers)
        {
            NormalizedChannels += layer.Normalized ? layer.OutChannels : 0;
        }
    }

    /// <summary>Every image layer, input side first.</summary>
    public IReadOnlyList<ImageLayerLayout> Layers => _layers;

    /// <summary>The values of all Conv2D layers; the dense layers' parameters start here.</summary>
    public int ParameterCount { get; }

    /// <summary>Channels normalised over the batch, Conv2D layer after Conv2D layer (0 when not batch-normalised): the
    /// running means and variances the image layers keep.</summary>
    public int NormalizedChannels { get; }

    /// <summary>Values of one input image: C·H·W.</summary>
    public int InputLength => _layers[0].InputLength;

    /// <summary>Values of the last layer's map, flattened: the first dense layer's inputs.</summary>
    public int OutputLength => _layers[_layers.Length - 1].OutputLength;

    /// <summary>Whether <paramref name="activation"/> names an image layer.</summary>
    public static bool IsLayerName(string activation) =>
        activation.StartsWith(ConvolutionPrefix, StringComparison.Ordinal)
        || activation.StartsWith(MaxPoolingPrefix, StringComparison.Ordinal)
        || activation.StartsWith(AveragePoolingPrefix, StringComparison.Ordinal);

    /// <summary>The architecture name of <paramref name="layer"/>; a Conv2D layer's ends with <paramref name="activation"/>.</summary>
    public static string LayerName(ImageLayerLayout layer, string activation)
    {
        string shape = Invariant($"{layer.InChannels}x{layer.Height}x{layer.Width}/k{layer.KernelHeight}x{layer.KernelWidth}/s{layer.StrideY}x{layer.StrideX}");
        return layer.Kind switch
        {
            ImageLayerKind.Convolution => ConvolutionPrefix + shape + Invariant($"/p{layer.PadY}x{layer.PadX}/") + (layer.Groups == 1 ? string.Empty : Invariant($"g{layer.Groups}/")) + activation,
            ImageLayerKind.MaxPooling => MaxPoolingPrefix + shape,
            _ => AveragePoolingPrefix + shape,
        };
    }

    /// <summary>
    /// The layout of image layers read in order: <paramref name="kinds"/> says which each is; a Conv2D layer has
    /// <paramref name="channels"/> output channels, a pooling layer keeps its input's; each has a square
    /// <paramref name="kernels"/> window moved by <paramref name="strides"/>, Conv2D layers zero-padded by
    /// <paramref name="paddings"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No layers, lengths that differ, or a shape that does not fit.</exception>
    public static ImageLayout Create(int channels, int height, int width, IReadOnlyList<ImageLayerKind> kinds, IReadOnlyList<int> outChannels, IReadOnlyList<int> kernels, IReadOnlyList<int> strides, IReadOnlyList<int> paddings) =>
        Create(channels, height, width, kinds, outChannels, kernels, strides, paddings, null);

    /// <summary>As above, each Conv2D layer in <paramref name="groups"/> groups (one entry per layer, pooling layers' ignored;
    /// null: one group each).</summary>
    /// <exception cref="ArgumentException">As above, or a group count that does not divide a Conv2D layer's channels.</exception>
    public static ImageLayout Create(int channels, int height, int width, IReadOnlyList<ImageLayerKind> kinds, IReadOnlyList<int> outChannels, IReadOnlyList<int> kernels, IReadOnlyList<int> strides, IReadOnlyList<int> paddings, IReadOnlyList<int>? groups) =>
        Create(channels, height, width, kinds, outChannels, kernels, strides, paddings, groups, normalized: false);

    /// <summary>As above; with <paramref name="normalized"/> every Conv2D layer is batch-normalised (γ and β after its b).</summary>
    /// <exception cref="ArgumentException">As above.</exception>
    public static ImageLayout Create(int channels, int height, int width, IReadOnlyList<ImageLayerKind> kinds, IReadOnlyList<int> outChannels, IReadOnlyList<int> kernels, IReadOnlyList<int> strides, IReadOnlyList<int> paddings, IReadOnlyList<int>? groups, bool normalized)
    {
        if (kinds is null || outChannels is null || kernels is null || strides is null || paddings is null)
        {
            throw new ArgumentNullException(nameof(kinds));
        }

        if (groups is not null && groups.Count != kinds.Count)
        {
            throw new ArgumentException("Image layers need one group count per layer.", nameof(groups));
        }

        int count = kinds.Count;
        if (count == 0 || outChannels.Count != count || kernels.Count != count || strides.Count != count || paddings.Count != count)
        {
            throw new ArgumentException("Image layers need one kind, channel count, kernel, stride and padding per layer.", nameof(kinds));
        }

        var layers = new ImageLayerLayout[count];
        int offset = 0;
        for (int l = 0; l < count; l++)
        {
            int group = kinds[l] == ImageLayerKind.Convolution ? groups?[l] ?? 1 : 1;
            layers[l] = Layer(l, kinds[l], channels, height, width, kinds[l] == ImageLayerKind.Convolution ? outChannels[l] : channels, kernels[l], kernels[l], strides[l], strides[l], paddings[l], paddings[l], group, normalized, ref offset);
            channels = layers[l].OutChannels;
            height = layers[l].OutHeight;
            width = layers[l].OutWidth;
        }

        return new ImageLayout(layers, offset);
    }

    /// <summary>
    /// Reads an architecture's layer sizes and activation names: the leading activations named with an image layer's
    /// prefix are image layers. Null when there are none.
    /// </summary>
    /// <exception cref="ArgumentException">An image layer after a dense layer, or one that cannot be read or does not fit.</exception>
    public static ImageLayout? FromArchitecture(IReadOnlyList<int> layerSizes, IReadOnlyList<string> activations) =>
        FromArchitecture(layerSizes, activations, normalized: false);

    /// <summary>As above, for an architecture that is batch-normalised (<paramref name="normalized"/>) or not.</summary>
    /// <exception cref="ArgumentException">As above.</exception>
    public static ImageLayout? FromArchitecture(IReadOnlyList<int> layerSizes, IReadOnlyList<string> activations, bool normalized)
    {
        var layers = new List<ImageLayerLayout>();
        int offset = 0;
        for (int i = 0; i < activations.Count; i++)
        {
            string name = activations[i];
            if (!IsLayerName(name))
            {
                continue;
            }

            ImageLayerKind kind = name.StartsWith(ConvolutionPrefix, StringComparison.Ordinal) ? ImageLayerKind.Convolution
                : name.StartsWith(MaxPoolingPrefix, StringComparison.Ordinal) ? ImageLayerKind.MaxPooling
                : ImageLayerKind.AveragePooling;
            string[] parts = name.Substring(name.IndexOf('/') + 1).Split('/');
            int[]? shape = parts.Length >= 3 ? Numbers(parts[0], string.Empty, 3) : null;
            int[]? kernel = parts.Length >= 3 ? Numbers(parts[1], "k", 2) : null;
            int[]? stride = parts.Length >= 3 ? Numbers(parts[2], "s", 2) : null;
            int[]? padding = kind == ImageLayerKind.Convolution ? (parts.Length >= 5 ? Numbers(parts[3], "p", 2) : null) : new[] { 0, 0 };
            // A grouped Conv2D names its groups after the padding: …/p0x0/g2/<activation>.
            int[]? groupCount = kind == ImageLayerKind.Convolution && parts.Length >= 6 ? Numbers(parts[4], "g", 1) : null;
            int group = groupCount?[0] ?? 1;
            bool partsFit = kind == ImageLayerKind.Convolution ? parts.Length == 5 || (parts.Length == 6 && group > 1) : parts.Length == 3;
            if (i != layers.Count || !partsFit || shape is null || kernel is null || stride is null || padding is null)
            {
                throw new ArgumentException($"'{name}' is not an image layer name (GenNet.Conv2D/CxHxW/kKxK/sSxS/pPxP[/gG]/<activation>, GenNet.MaxPool2D/CxHxW/kKxK/sSxS or GenNet.AvgPool2D/…), or comes after a dense layer.", nameof(activations));
            }

            if ((long)shape[0] * shape[1] * shape[2] != layerSizes[i])
            {
                throw new ArgumentException(Invariant($"Image layer {i} ('{name}') reads a {shape[0]}×{shape[1]}×{shape[2]} map, but the layer before it has {layerSizes[i]} values."), nameof(layerSizes));
            }

            int outChannels = shape[0];
            if (kind == ImageLayerKind.Convolution)
            {
                long kept = OutSide(shape[1], kernel[0], stride[0], padding[0]) * OutSide(shape[2], kernel[1], stride[1], padding[1]);
                if (kept <= 0 || layerSizes[i + 1] % kept != 0)
                {
                    throw new ArgumentException(Invariant($"Image layer {i} ('{name}') has {layerSizes[i + 1]} output values, not a whole number of {kept}-value maps."), nameof(layerSizes));
                }

                outChannels = (int)(layerSizes[i + 1] / kept);
            }

            ImageLayerLayout layer = Layer(i, kind, shape[0], shape[1], shape[2], outChannels, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], group, normalized, ref offset);
            if (layer.OutputLength != layerSizes[i + 1])
            {
                throw new ArgumentException(Invariant($"Image layer {i} ('{name}') gives {layer.OutputLength} values, but its layer size is {layerSizes[i + 1]}."), nameof(layerSizes));
            }

            layers.Add(layer);
        }

        if (layers.Count == 0)
        {
            return null;
        }

        if (layers.Count >= activations.Count)
        {
            throw new ArgumentException("An image network needs an output layer after its image layers.", nameof(activations));
        }

        return new ImageLayout(layers.ToArray(), offset);
    }

    /// <summary>The activation of a Conv2D layer named by <see cref="LayerName"/>, e.g. <c>GenNet.Activations.ReLU</c>.</summary>
    public static string ActivationOf(string layerName)
    {
        if (layerName is null)
        {
            throw new ArgumentNullException(nameof(layerName));
        }

        int slash = layerName.StartsWith(ConvolutionPrefix, StringComparison.Ordinal) ? NthSlash(layerName, 5) : -1;
        if (slash > 0 && NthSlash(layerName, 6) > 0)
        {
            slash = NthSlash(layerName, 6);   // a grouped layer: past …/g<groups>
        }

        return slash > 0
            ? layerName.Substring(slash + 1)
            : throw new ArgumentException($"'{layerName}' is not a Conv2D layer name.", nameof(layerName));
    }

    // Output rows (or columns) of a window of `kernel` moved by `stride` over `size` values padded by `padding` each side.
    private static long OutSide(long size, long kernel, long stride, long padding) =>
        stride <= 0 || size + (2 * padding) < kernel ? 0 : ((size + (2 * padding) - kernel) / stride) + 1;

    private static ImageLayerLayout Layer(int index, ImageLayerKind kind, int channels, int height, int width, int outChannels, int kernelHeight, int kernelWidth, int strideY, int strideX, int padY, int padX, int groups, bool normalized, ref int offset)
    {
        if (groups <= 0 || channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(Invariant($"Image layer {index} ({kind}) has {channels} input and {outChannels} output channels in {groups} groups; the groups must divide both."));
        }

        if (channels <= 0 || height <= 0 || width <= 0 || outChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || strideY <= 0 || strideX <= 0 || padY < 0 || padX < 0
            || (kind != ImageLayerKind.Convolution && (padY != 0 || padX != 0 || outChannels != channels)))
        {
            throw new ArgumentException(Invariant($"Image layer {index} ({kind}) has {channels}×{height}×{width} inputs, {outChannels} outputs, a {kernelHeight}×{kernelWidth} window, stride {strideY}×{strideX}, padding {padY}×{padX}: sizes must be positive, padding non-negative, pooling unpadded."));
        }

        long outHeight = OutSide(height, kernelHeight, strideY, padY), outWidth = OutSide(width, kernelWidth, strideX, padX);
        if (outHeight <= 0 || outWidth <= 0)
        {
            throw new ArgumentException(Invariant($"Image layer {index} ({kind}): the {kernelHeight}×{kernelWidth} window does not fit the {height + (2L * padY)}×{width + (2L * padX)} (padded) input."));
        }

        int weightOffset = offset, biasOffset = offset;
        bool normalizedConvolution = normalized && kind == ImageLayerKind.Convolution;
        if (kind == ImageLayerKind.Convolution)
        {
            biasOffset = checked(offset + (outChannels * (channels / groups) * kernelHeight * kernelWidth));
            offset = checked(biasOffset + ((normalizedConvolution ? 3 : 1) * outChannels));   // b, then γ and β when normalised
        }

        checked
        {
            _ = channels * height * width;
            _ = outChannels * (int)outHeight * (int)outWidth;
        }

        return new ImageLayerLayout(index, kind, channels, height, width, outChannels, (int)outHeight, (int)outWidth, kernelHeight, kernelWidth, strideY, strideX, padY, padX, weightOffset, biasOffset) { Groups = groups, Normalized = normalizedConvolution };
    }

    // "1x28x28" → [1, 28, 28] after the prefix; null when it does not read.
    private static int[]? Numbers(string text, string prefix, int count)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = text.Substring(prefix.Length).Split('x');
        if (parts.Length != count)
        {
            return null;
        }

        var numbers = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }

    private static int NthSlash(string text, int n)
    {
        int at = -1;
        for (int i = 0; i < n; i++)
        {
            at = text.IndexOf('/', at + 1);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The kind of one image layer.</summary>
#if GENNET_GENERATOR
internal
#else
public
#endif
enum ImageLayerKind
{
    /// <summary>A Conv2D layer followed by its activation.</summary>
    Convolution = 0,

    /// <summary>Max pooling.</summary>
    MaxPooling = 1,

    /// <summary>Average pooling.</summary>
    AveragePooling = 2,
}

/// <summary>One image layer's shapes, and a Conv2D layer's place in the parameters (see <see cref="ImageLayout"/>).</summary>
/// <param name="Index">The layer's place among the image layers, 0 first.</param>
/// <param name="Kind">Conv2D or pooling.</param>
/// <param name="InChannels">Channels of its input map.</param>
/// <param name="Height">Rows of its input map.</param>
/// <param name="Width">Columns of its input map.</param>
/// <param name="OutChannels">Channels of its output map.</param>
/// <param name="OutHeight">Rows of its output map.</param>
/// <param name="OutWidth">Columns of its output map.</param>
/// <param name="KernelHeight">Rows of the kernel (or pooling window).</param>
/// <param name="KernelWidth">Columns of the kernel (or pooling window).</param>
/// <param name="StrideY">Rows the window moves by.</param>
/// <param name="StrideX">Columns the window moves by.</param>
/// <param name="PadY">Zero rows above and below (Conv2D only).</param>
/// <param name="PadX">Zero columns left and right (Conv2D only).</param>
/// <param name="WeightOffset">Where W (O × C/G × KH × KW) starts; a pooling layer's is where the next layer's would.</param>
/// <param name="BiasOffset">Where b (O) starts.</param>
#if GENNET_GENERATOR
internal
#else
public
#endif
readonly record struct ImageLayerLayout(int Index, ImageLayerKind Kind, int InChannels, int Height, int Width, int OutChannels, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth, int StrideY, int StrideX, int PadY, int PadX, int WeightOffset, int BiasOffset)
{
    /// <summary>Values of one input map: InChannels · Height · Width.</summary>
    public int InputLength => InChannels * Height * Width;

    /// <summary>Values of one output map: OutChannels · OutHeight · OutWidth.</summary>
    public int OutputLength => OutChannels * OutHeight * OutWidth;

    /// <summary>G: a Conv2D layer's groups of input channels, each feeding its own O/G output channels (1 for pooling).</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Whether a Conv2D layer's output channels are batch-normalised before its activation (γ and β after b).</summary>
    public bool Normalized { get; init; }

    /// <summary>Where a normalised Conv2D layer's O scales γ start (after b); its O shifts β follow them.</summary>
    public int GammaOffset => BiasOffset + OutChannels;

    /// <summary>Where a normalised Conv2D layer's O shifts β start.</summary>
    public int BetaOffset => GammaOffset + OutChannels;

    /// <summary>C/G: the input channels one output channel reads.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>O · C/G · KH · KW for a Conv2D layer; 0 for pooling.</summary>
    public int WeightCount => Kind == ImageLayerKind.Convolution ? OutChannels * GroupInChannels * KernelHeight * KernelWidth : 0;

    /// <summary>All of the layer's parameters: W then b, and γ and β when normalised (none for pooling).</summary>
    public int Count => Kind == ImageLayerKind.Convolution ? WeightCount + ((Normalized ? 3 : 1) * OutChannels) : 0;
}
