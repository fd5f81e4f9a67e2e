namespace GenNet;

/// <summary>
/// The pooling after each Conv2D layer of an image network (<see cref="NetworkAttribute.Pooling"/>,
/// <see cref="NetworkAttribute.Poolings"/>): a window of <see cref="NetworkAttribute.PoolSize"/>² values per channel,
/// moved by its own size, no padding (a window that would run past the edge is dropped, as PyTorch's defaults do).
/// </summary>
public enum PoolingKind
{
    /// <summary>No pooling: the convolution's output feeds the next layer as it is (the default).</summary>
    None = 0,

    /// <summary>The largest value of each window (PyTorch's <c>MaxPool2d</c>); the gradient goes to the first largest.</summary>
    Max = 1,

    /// <summary>The mean of each window (PyTorch's <c>AvgPool2d</c>); the gradient is shared equally.</summary>
    Average = 2,
}
