using System.Linq;
using GenNet.Generator.Model;

namespace GenNet.Generator.Planning;

/// <summary>
/// What the temporal-convolution emitter derives from a <see cref="NetworkSpec"/> with Conv1D layers: where every layer's
/// W and b sit (<see cref="ConvolutionLayout"/>, the file the runtime walks too), where the dense layers that follow sit
/// (<see cref="ParameterLayout"/> placed after them), and how one time step's dense values are laid out for training.
/// </summary>
internal sealed class ConvolutionPlan
{
    public ConvolutionPlan(NetworkSpec spec)
    {
        Spec = spec;
        ConvolutionSpec stack = spec.Convolution!;
        T = spec.Precision == NumericKind.Single ? "float" : "double";
        Layout = ConvolutionLayout.Create(stack.Inputs, stack.Channels.ToArray(), stack.KernelSizes.ToArray(), stack.Dilations.ToArray(), stack.Groups.ToArray(), stack.Strides.ToArray(), spec.BatchNormalization,
            stack.Poolings.Count == 0 ? null : stack.Poolings.Select(k => (PoolingKind)k).ToArray(), stack.Poolings.Count == 0 ? null : stack.Poolings.Select(k => k == 0 ? 1 : stack.PoolSize).ToArray());
        Dense = ParameterLayout.Create(spec.LayerSizes.ToArray(), spec.HasBias, batchNormalization: false, start: Layout.ParameterCount);
        DenseSizes = spec.LayerSizes.ToArray();
        DenseValueOffsets = new int[DenseSizes.Length];
        int offset = 0;
        for (int d = 1; d < DenseSizes.Length; d++)
        {
            DenseValueOffsets[d] = offset;
            offset += DenseSizes[d];
        }

        DenseRecordLength = offset;
    }

    public NetworkSpec Spec { get; }

    /// <summary>The C# keyword of the element type.</summary>
    public string T { get; }

    public ConvolutionLayout Layout { get; }

    /// <summary>The dense synapses after the Conv1D stack, with absolute offsets.</summary>
    public ParameterLayout Dense { get; }

    /// <summary>The dense chain's widths: the last Conv1D layer's channels, the dense hidden layers, the outputs.</summary>
    public int[] DenseSizes { get; }

    /// <summary>Where dense layer d (1 = first after the Conv1D stack) keeps its values in one step's dense record.</summary>
    public int[] DenseValueOffsets { get; }

    /// <summary>Values of the dense layers (hidden and output) of one step.</summary>
    public int DenseRecordLength { get; }

    public int LastDense => DenseSizes.Length - 1;

    public int ParameterCount => Dense.ParameterCount;

    public int Inputs => Spec.Convolution!.Inputs;

    public int Outputs => DenseSizes[LastDense];

    public string ConvolutionActivation => Spec.Convolution!.Activation;

    public ConvolutionLayerLayout Top => Layout.Layers[Layout.Layers.Count - 1];

    /// <summary>Channels of all Conv1D outputs of one step together (the streaming scratch).</summary>
    public int ChannelSum => Layout.Layers.Sum(l => l.Channels);

    /// <summary>The widest Conv1D output (the per-step gradient buffers hold this many values per step).</summary>
    public int MaxChannels => Layout.Layers.Max(l => l.Channels);

    /// <summary>The widest dense layer (deltas ping-pong between two buffers of this size).</summary>
    public int MaxDense => DenseSizes.Max();

    /// <summary>Values of the dense hidden layers of one step (between the Conv1D stack and the output).</summary>
    public int DenseHidden => DenseRecordLength - Outputs;

    /// <summary>The activation type of dense layer d (1-based), fully qualified.</summary>
    public string Activation(int d) => Spec.Activations[d - 1];

    public bool SoftmaxOutput => Spec.SoftmaxOutput;

    /// <summary>Every Conv1D layer batch-normalised per channel (no dense hidden layers, no strides: the parser sees to it).</summary>
    public bool HasBatchNorm => Spec.BatchNormalization;

    /// <summary>Where layer l's running statistics (and 1/σ) start: its channels after the layers below.</summary>
    public int StatisticsOffset(ConvolutionLayerLayout l) => Layout.Layers.Take(l.Index).Sum(o => o.Channels);

    /// <summary>Some layer convolves every s-th sample only, or pools windows of outputs (and holds its output in between).</summary>
    public bool HoldsOutputs => Layout.Layers.Any(l => l.Stride > 1 || l.Pooling != PoolingKind.None);
}
