// One source, two assemblies, like ConvolutionLayout.cs, which the generator links with it.
#if GENNET_GENERATOR
namespace GenNet.Generator.Planning;
#else
namespace GenNet;
#endif

/// <summary>
/// The pooling after each Conv2D layer of an image network (<c>NetworkAttribute.Pooling</c>, <c>Poolings</c>): a window
/// of <c>PoolSize</c>² values per channel, moved by its own size, no padding (a window that would run past the edge is
/// dropped, as PyTorch's defaults do). After a Conv1D layer: windows of <c>PoolSize</c> consecutive outputs, each pooled
/// value given when its window completes and held until the next one does.
/// </summary>
#if GENNET_GENERATOR
internal
#else
public
#endif
enum PoolingKind
{
    /// <summary>No pooling: the convolution's output feeds the next layer as it is (the default).</summary>
    None = 0,

    /// <summary>The largest value of each window (PyTorch's <c>MaxPool2d</c>); the gradient goes to the first largest.</summary>
    Max = 1,

    /// <summary>The mean of each window (PyTorch's <c>AvgPool2d</c>); the gradient is shared equally.</summary>
    Average = 2,
}
