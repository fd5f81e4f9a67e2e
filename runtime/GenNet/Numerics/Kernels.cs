using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Numerics;

/// <summary>Span-wide helpers that generated code calls, so it depends on GenNet alone.</summary>
public static class Kernels
{
    /// <summary><c>values[i] *= factor</c>.</summary>
    public static void Scale<T>(Span<T> values, T factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Multiply<T>(values, factor, values);
}
