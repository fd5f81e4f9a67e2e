using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNet.CompilerServices;

/// <summary>
/// The matrix-vector kernels of generated sequence networks, vectorised across units with <see cref="Vector{T}"/>.
/// Weights are input-major (row i holds input i's weight into every unit of every gate, see
/// <see cref="RecurrentLayout"/>), so one call computes all gates of a layer as one wide product. Only generated code
/// calls these; they check nothing beyond what spans check.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SequenceKernels
{
    /// <summary><c>y[j] += Σᵢ x[i] · w[i·n + j]</c> with n = <c>y.Length</c>: <c>y += x·W</c>.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Length, inputs = x.Length;
        if (w.Length < inputs * n)
        {
            ThrowShort(nameof(w));
        }

        ref T wRef = ref MemoryMarshal.GetReference(w);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.Count > 1)
        {
            // Each block of units stays in a register while every input adds its row to it.
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                Vector<T> sum = Vector.LoadUnsafe(ref yRef, (nuint)j);
                for (int i = 0; i < inputs; i++)
                {
                    sum += new Vector<T>(x[i]) * Vector.LoadUnsafe(ref wRef, (nuint)((i * n) + j));
                }

                sum.StoreUnsafe(ref yRef, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            T sum = Unsafe.Add(ref yRef, j);
            for (int i = 0; i < inputs; i++)
            {
                sum += x[i] * Unsafe.Add(ref wRef, (i * n) + j);
            }

            Unsafe.Add(ref yRef, j) = sum;
        }
    }

    /// <summary><c>g[i·n + j] += x[i] · d[j]</c> with n = <c>d.Length</c>: the weight gradient <c>G += xᵀ·δ</c>.</summary>
    public static void AddOuter<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> d, Span<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (g.Length < x.Length * n)
        {
            ThrowShort(nameof(g));
        }

        ref T dRef = ref MemoryMarshal.GetReference(d);
        ref T gRef = ref MemoryMarshal.GetReference(g);
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            ref T row = ref Unsafe.Add(ref gRef, i * n);
            int j = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.Count > 1)
            {
                var xv = new Vector<T>(xi);
                for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
                {
                    (Vector.LoadUnsafe(ref row, (nuint)j) + (xv * Vector.LoadUnsafe(ref dRef, (nuint)j))).StoreUnsafe(ref row, (nuint)j);
                }
            }

            for (; j < n; j++)
            {
                Unsafe.Add(ref row, j) += xi * Unsafe.Add(ref dRef, j);
            }
        }
    }

    /// <summary><c>dx[i] += Σⱼ w[i·n + j] · d[j]</c> with n = <c>d.Length</c>: <c>dx += W·δ</c>, the gradient into the inputs.</summary>
    public static void AddTransposedProduct<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> d, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (w.Length < dx.Length * n)
        {
            ThrowShort(nameof(w));
        }

        ref T dRef = ref MemoryMarshal.GetReference(d);
        ref T wRef = ref MemoryMarshal.GetReference(w);
        for (int i = 0; i < dx.Length; i++)
        {
            ref T row = ref Unsafe.Add(ref wRef, i * n);
            T sum = T.Zero;
            int j = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.Count > 1 && n >= Vector<T>.Count)
            {
                Vector<T> lanes = Vector<T>.Zero;
                for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
                {
                    lanes += Vector.LoadUnsafe(ref row, (nuint)j) * Vector.LoadUnsafe(ref dRef, (nuint)j);
                }

                sum = Vector.Sum(lanes);
            }

            for (; j < n; j++)
            {
                sum += Unsafe.Add(ref row, j) * Unsafe.Add(ref dRef, j);
            }

            dx[i] += sum;
        }
    }

    private static void ThrowShort(string name) =>
        throw new ArgumentException("The weight span is shorter than the product needs.", name);
}
