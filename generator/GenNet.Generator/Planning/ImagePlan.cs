using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Model;

namespace GenNet.Generator.Planning;

/// <summary>The image layers an <see cref="ImageSpec"/> declares, in the layout the runtime reads back from an architecture.</summary>
internal static class ImagePlanning
{
    /// <summary>Each Conv2D layer, then its pooling when it has one.</summary>
    public static ImageLayout Create(ImageSpec image) => Create(image, normalized: false);

    /// <summary>As above, every Conv2D layer batch-normalised when <paramref name="normalized"/>.</summary>
    public static ImageLayout Create(ImageSpec image, bool normalized)
    {
        var kinds = new List<ImageLayerKind>();
        var channels = new List<int>();
        var kernels = new List<int>();
        var strides = new List<int>();
        var paddings = new List<int>();
        var groups = new List<int>();
        for (int l = 0; l < image.OutChannels.Count; l++)
        {
            kinds.Add(ImageLayerKind.Convolution);
            channels.Add(image.OutChannels[l]);
            kernels.Add(image.KernelSizes[l]);
            strides.Add(image.Strides[l]);
            paddings.Add(image.Paddings[l]);
            groups.Add(image.Groups[l]);
            if (image.Poolings[l] != 0)
            {
                kinds.Add(image.Poolings[l] == 1 ? ImageLayerKind.MaxPooling : ImageLayerKind.AveragePooling);
                channels.Add(image.OutChannels[l]);
                kernels.Add(image.PoolSize);
                strides.Add(image.PoolSize);
                paddings.Add(0);
                groups.Add(1);
            }
        }

        return ImageLayout.Create(image.Channels, image.Height, image.Width, kinds, channels, kernels, strides, paddings, groups, normalized);
    }
}

/// <summary>
/// What the image-network emitter derives from a <see cref="NetworkSpec"/> with an <see cref="ImageSpec"/>: the image
/// layers' shapes and parameter offsets (<see cref="ImageLayout"/>, the file the runtime walks too), the dense layers that
/// follow (<see cref="ParameterLayout"/> placed after them), and one row's workspace: every layer's values, kept for
/// backpropagation, then two gradient buffers.
/// </summary>
internal sealed class ImagePlan
{
    public ImagePlan(NetworkSpec spec)
    {
        Spec = spec;
        T = spec.Precision == NumericKind.Single ? "float" : "double";
        Layout = ImagePlanning.Create(spec.Image!, spec.BatchNormalization);
        Dense = ParameterLayout.Create(spec.LayerSizes.ToArray(), spec.HasBias, spec.BatchNormalization, start: Layout.ParameterCount);
        DenseSizes = spec.LayerSizes.ToArray();
        MapOffsets = new int[Layout.Layers.Count];
        int offset = 0;
        foreach (ImageLayerLayout l in Layout.Layers)
        {
            MapOffsets[l.Index] = offset;
            offset += l.OutputLength;
        }

        DenseValueOffsets = new int[DenseSizes.Length];
        for (int d = 1; d < DenseSizes.Length; d++)
        {
            DenseValueOffsets[d] = offset;
            offset += DenseSizes[d];
        }

        RecordLength = offset;
        GradientLength = Layout.Layers.Select(l => l.OutputLength).Concat(DenseSizes).Max();

        // Batch normalisation: each normalised layer's running statistics (channel after channel, then dense neuron after
        // neuron) and its ẑ block in training (rows × width, layer after layer).
        StatisticsOffsets = new int[Layout.Layers.Count + DenseSizes.Length];
        NormalizedOffsets = new int[StatisticsOffsets.Length];
        int statistics = 0, normalized = 0;
        foreach (ImageLayerLayout l in Layout.Layers.Where(l => l.Normalized))
        {
            StatisticsOffsets[l.Index] = statistics;
            NormalizedOffsets[l.Index] = normalized;
            statistics += l.OutChannels;
            normalized += l.OutputLength;
        }

        foreach (SynapseLayout synapse in Dense.Synapses.Where(o => o.Normalized))
        {
            StatisticsOffsets[Layout.Layers.Count + synapse.Index + 1] = statistics;
            NormalizedOffsets[Layout.Layers.Count + synapse.Index + 1] = normalized;
            statistics += synapse.Columns;
            normalized += synapse.Columns;
        }

        NormalizedCount = statistics;
        NormalizedLength = normalized;
    }

    /// <summary>Every layer batch-normalised: the Conv2D layers per channel, the dense hidden layers per neuron.</summary>
    public bool HasBatchNorm => Spec.BatchNormalization;

    /// <summary>Running means (and variances) kept: every normalised channel and dense neuron.</summary>
    public int NormalizedCount { get; }

    /// <summary>Values of ẑ one training row keeps: every normalised map and dense hidden layer.</summary>
    public int NormalizedLength { get; }

    /// <summary>Where image layer i's (or, at Layers.Count + d, dense layer d's) running statistics start.</summary>
    public int[] StatisticsOffsets { get; }

    /// <summary>Where image layer i's (or dense layer d's) ẑ starts in one row's share of the ẑ block: × rows for the block.</summary>
    public int[] NormalizedOffsets { get; }

    /// <summary>Where dense layer d's running statistics start.</summary>
    public int DenseStatistics(int d) => StatisticsOffsets[Layout.Layers.Count + d];

    /// <summary>Where dense layer d's ẑ starts, per row.</summary>
    public int DenseNormalized(int d) => NormalizedOffsets[Layout.Layers.Count + d];

    public NetworkSpec Spec { get; }

    /// <summary>The C# keyword of the element type.</summary>
    public string T { get; }

    public ImageLayout Layout { get; }

    /// <summary>The dense synapses after the image layers, with absolute offsets.</summary>
    public ParameterLayout Dense { get; }

    /// <summary>The dense chain's widths: the flattened last map, the dense hidden layers, the outputs.</summary>
    public int[] DenseSizes { get; }

    /// <summary>Where image layer i keeps its output map in one row's record.</summary>
    public int[] MapOffsets { get; }

    /// <summary>Where dense layer d (1 = first after the image layers) keeps its values in one row's record.</summary>
    public int[] DenseValueOffsets { get; }

    /// <summary>Values of one row's record: every image layer's output map, then every dense layer's values.</summary>
    public int RecordLength { get; }

    /// <summary>The widest map or layer: each of the two gradient buffers holds this many values.</summary>
    public int GradientLength { get; }

    public int LastDense => DenseSizes.Length - 1;

    public int ParameterCount => Dense.ParameterCount;

    public int Inputs => Layout.InputLength;

    public int Outputs => DenseSizes[LastDense];

    public string ConvolutionActivation => Spec.Image!.Activation;

    public IEnumerable<ImageLayerLayout> Convolutions => Layout.Layers.Where(l => l.Kind == ImageLayerKind.Convolution);

    /// <summary>The activation type of dense layer d (1-based), fully qualified.</summary>
    public string Activation(int d) => Spec.Activations[d - 1];

    public bool SoftmaxOutput => Spec.SoftmaxOutput;

    /// <summary>Inverted dropout on the dense hidden layers while training.</summary>
    public bool HasDropout => Spec.DropoutRate > 0;

    /// <summary>The name of the static shape field of image layer l.</summary>
    public static string ShapeName(ImageLayerLayout l) => l.Kind == ImageLayerKind.Convolution ? $"Convolution{l.Index}Shape" : $"Pooling{l.Index}Shape";
}
