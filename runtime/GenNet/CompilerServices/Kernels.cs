using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>Span-wide helpers that generated code calls, so it depends on GenNet alone.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary><c>values[i] *= factor</c>.</summary>
    public static void Scale<T>(Span<T> values, T factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Multiply<T>(values, factor, values);

    /// <summary>Whether every value is finite (no NaN, no infinity): <c>TensorPrimitives.IsFiniteAll</c>, compiled fully
    /// optimised on its first call.</summary>
    /// <remarks>
    /// Training steps call it (the trainer's divergence check, <see cref="Guard.Finite{T}"/>) many times a second from
    /// the first step on. <c>TensorPrimitives</c>' generic methods start as unoptimised tier-0 code in a new process
    /// and are promoted only after the runtime's tiering delay (100 ms with no new methods compiled), which made the
    /// first 100 ms of training several times slower than the rest; see <see cref="GradientDescent.Apply{T}"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsFiniteAll<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // x − x is +0 for every finite x and NaN for NaN and ±∞; NaN then survives every sum, so the values are all
        // finite exactly when the sums of x − x are zero.
        ref T start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            // Four independent sums, so that a long span is not held to the latency of one chain of additions.
            Vector256<T> sum = Vector256<T>.Zero, sum1 = Vector256<T>.Zero, sum2 = Vector256<T>.Zero, sum3 = Vector256<T>.Zero;
            int count = Vector256<T>.Count;
            for (; i <= length - (4 * count); i += 4 * count)
            {
                Vector256<T> x0 = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<T> x1 = Vector256.LoadUnsafe(ref start, (nuint)(i + count));
                Vector256<T> x2 = Vector256.LoadUnsafe(ref start, (nuint)(i + (2 * count)));
                Vector256<T> x3 = Vector256.LoadUnsafe(ref start, (nuint)(i + (3 * count)));
                sum += x0 - x0;
                sum1 += x1 - x1;
                sum2 += x2 - x2;
                sum3 += x3 - x3;
            }

            sum += (sum1 + sum2) + sum3;
            for (; i <= length - count; i += count)
            {
                Vector256<T> x = Vector256.LoadUnsafe(ref start, (nuint)i);
                sum += x - x;
            }

            if (!Vector256.EqualsAll(sum, Vector256<T>.Zero))
            {
                return false;
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> sum = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> x = Vector128.LoadUnsafe(ref start, (nuint)i);
                sum += x - x;
            }

            if (!Vector128.EqualsAll(sum, Vector128<T>.Zero))
            {
                return false;
            }
        }

        for (; i < length; i++)
        {
            if (!T.IsFinite(Unsafe.Add(ref start, i)))
            {
                return false;
            }
        }

        return true;
    }
}
