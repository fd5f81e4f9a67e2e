using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>
/// Reductions (dot product, sum of squares, norm, sum of magnitudes) whose order of additions is fixed: four 128-bit
/// accumulators, then their lanes in index order, then the tail. <c>TensorPrimitives</c> sums in registers as wide as
/// the CPU has (128, 256 or 512 bits), so its last bits change from machine to machine; these give the same bits on
/// every machine, with or without SIMD (a 128-bit vector is emulated element by element where there is none), at the
/// cost of the wider registers' extra speed. Used where a sum steers training: norm clipping, L-BFGS, the L2 term.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OrderedSums
{
    /// <summary>Σ xᵢ·yᵢ in a fixed order.</summary>
    /// <exception cref="ArgumentException">The spans differ in length (the message names both).</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length(y, x.Length);
        return Sum<T, Product<T>>(x, y);
    }

    /// <summary>Σ xᵢ² in a fixed order.</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Sum<T, Product<T>>(x, x);

    /// <summary>√(Σ xᵢ²), the Euclidean norm, in a fixed order.</summary>
    public static T Norm<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Sqrt(SumOfSquares(x));

    /// <summary>Σ |xᵢ|, the L1 norm, in a fixed order.</summary>
    public static T SumOfMagnitudes<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Sum<T, Magnitude<T>>(x, x);

    // Multiplications and additions stay separate operations (.NET never fuses them on its own), so each term and each
    // partial sum is rounded the same way everywhere.
    private static T Sum<T, TTerm>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTerm : struct, ITerm<T>
    {
        int width = Vector128<T>.Count;
        int n = x.Length;
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        Vector128<T> a0 = Vector128<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i <= n - (4 * width); i += 4 * width)
        {
            a0 += TTerm.Of(Vector128.LoadUnsafe(ref xs, (nuint)i), Vector128.LoadUnsafe(ref ys, (nuint)i));
            a1 += TTerm.Of(Vector128.LoadUnsafe(ref xs, (nuint)(i + width)), Vector128.LoadUnsafe(ref ys, (nuint)(i + width)));
            a2 += TTerm.Of(Vector128.LoadUnsafe(ref xs, (nuint)(i + (2 * width))), Vector128.LoadUnsafe(ref ys, (nuint)(i + (2 * width))));
            a3 += TTerm.Of(Vector128.LoadUnsafe(ref xs, (nuint)(i + (3 * width))), Vector128.LoadUnsafe(ref ys, (nuint)(i + (3 * width))));
        }

        Vector128<T> total = (a0 + a1) + (a2 + a3);
        T sum = T.Zero;
        for (int lane = 0; lane < width; lane++)
        {
            sum += total.GetElement(lane);
        }

        for (; i < n; i++)
        {
            sum += TTerm.Of(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
        }

        return sum;
    }

    private interface ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract Vector128<T> Of(Vector128<T> x, Vector128<T> y);

        static abstract T Of(T x, T y);
    }

    private readonly struct Product<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector128<T> Of(Vector128<T> x, Vector128<T> y) => x * y;

        public static T Of(T x, T y) => x * y;
    }

    private readonly struct Magnitude<T> : ITerm<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector128<T> Of(Vector128<T> x, Vector128<T> y) => Vector128.Abs(x);

        public static T Of(T x, T y) => T.Abs(x);
    }
}
