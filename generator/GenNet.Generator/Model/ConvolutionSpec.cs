namespace GenNet.Generator.Model;

/// <summary>A temporal convolution network's causal Conv1D stack, as values.</summary>
/// <param name="Inputs">Channels per input sample.</param>
/// <param name="Channels">Output channels of each Conv1D layer, first (nearest the inputs) to last.</param>
/// <param name="KernelSizes">K of each layer.</param>
/// <param name="Dilations">d of each layer.</param>
/// <param name="Groups">G of each layer: groups of input channels, each feeding its own output channels.</param>
/// <param name="Activation">The activation of every Conv1D layer, fully qualified (global::…).</param>
/// <param name="Strides">s of each layer: 1 convolves every sample; above 1, every s-th, the output held in between.</param>
internal sealed record ConvolutionSpec(int Inputs, EquatableArray<int> Channels, EquatableArray<int> KernelSizes, EquatableArray<int> Dilations, EquatableArray<int> Groups, string Activation, EquatableArray<int> Strides)
{
    /// <summary>The pooling after each layer: 0 none, 1 max, 2 average (<c>GenNet.PoolingKind</c>); empty: none.</summary>
    public EquatableArray<int> Poolings { get; init; } = EquatableArray<int>.Empty;

    /// <summary>P: the outputs of every pooling window.</summary>
    public int PoolSize { get; init; } = 2;
}
