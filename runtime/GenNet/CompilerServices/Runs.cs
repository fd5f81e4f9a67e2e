using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>
/// Copy and add of short runs (a row of an image, tens of values) inline, in the widest registers that fit: a call to
/// Memmove or TensorPrimitives costs more than the work at these lengths. Elementwise, so exact at any width.
/// </summary>
internal static class Runs
{
    /// <summary><c>destination[i] = source[i]</c> for i &lt; length; the runs must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<T>(ref T source, ref T destination, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            // Whole registers, then one last register ending at the end of the run (it may rewrite a few values).
            if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
            {
                int w = Vector512<T>.Count, i = 0;
                for (; i <= length - w; i += w)
                {
                    Vector512.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
                }

                if (i < length)
                {
                    Vector512.LoadUnsafe(ref source, (nuint)(length - w)).StoreUnsafe(ref destination, (nuint)(length - w));
                }

                return;
            }

            if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
            {
                int w = Vector256<T>.Count, i = 0;
                for (; i <= length - w; i += w)
                {
                    Vector256.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
                }

                if (i < length)
                {
                    Vector256.LoadUnsafe(ref source, (nuint)(length - w)).StoreUnsafe(ref destination, (nuint)(length - w));
                }

                return;
            }

            if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
            {
                int w = Vector128<T>.Count, i = 0;
                for (; i <= length - w; i += w)
                {
                    Vector128.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
                }

                if (i < length)
                {
                    Vector128.LoadUnsafe(ref source, (nuint)(length - w)).StoreUnsafe(ref destination, (nuint)(length - w));
                }

                return;
            }
        }

        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary><c>destination[i] += source[i]</c> for i &lt; length; the runs must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ref T source, ref T destination, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            // Each value is added once: registers of decreasing width, then one at a time.
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    (Vector512.LoadUnsafe(ref destination, (nuint)i) + Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    (Vector256.LoadUnsafe(ref destination, (nuint)i) + Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
                {
                    (Vector128.LoadUnsafe(ref destination, (nuint)i) + Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
                }
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i);
        }
    }
}
