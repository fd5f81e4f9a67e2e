namespace GenNet.Generator.Model;

/// <summary>An image network's Conv2D and pooling layers, as values: what <c>InputShape</c>, <c>Convolution</c>,
/// <c>KernelSize(s)</c>, <c>Strides</c>, <c>Paddings</c>, <c>Pooling(s)</c> and <c>PoolSize</c> say.</summary>
/// <param name="Channels">C of the input image.</param>
/// <param name="Height">H of the input image.</param>
/// <param name="Width">W of the input image.</param>
/// <param name="OutChannels">Output channels of each Conv2D layer, first to last.</param>
/// <param name="KernelSizes">The square kernel side of each Conv2D layer.</param>
/// <param name="Strides">The stride of each Conv2D layer.</param>
/// <param name="Paddings">The zero padding of each Conv2D layer.</param>
/// <param name="Groups">The groups of each Conv2D layer (1: every input channel feeds every output channel).</param>
/// <param name="Poolings">The pooling after each Conv2D layer: 0 none, 1 max, 2 average (<c>GenNet.PoolingKind</c>).</param>
/// <param name="PoolSize">The side (and stride) of every pooling window.</param>
/// <param name="Activation">The activation of every Conv2D layer, fully qualified (global::…).</param>
internal sealed record ImageSpec(
    int Channels,
    int Height,
    int Width,
    EquatableArray<int> OutChannels,
    EquatableArray<int> KernelSizes,
    EquatableArray<int> Strides,
    EquatableArray<int> Paddings,
    EquatableArray<int> Groups,
    EquatableArray<int> Poolings,
    int PoolSize,
    string Activation)
{
    /// <summary>Values of one input image: C·H·W.</summary>
    public int InputLength => Channels * Height * Width;
}
