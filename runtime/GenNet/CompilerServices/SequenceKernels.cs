using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    // Inputs from which a single register of units is summed in four chains rather than one.
    private const int SplitChainsFrom = 8;

    /// <summary><c>y[j] += Σᵢ x[i] · w[i·n + j]</c> with n = <c>y.Length</c>: <c>y += x·W</c>.</summary>
    /// <remarks>
    /// Units go across registers, widest first: four 512-bit accumulators at a time (each broadcast input feeds four
    /// fused multiply-adds), then single 512-bit, 256-bit and 128-bit registers, then one unit at a time. Each block of
    /// units stays in registers while every input adds its row to it; a single 512-bit or 256-bit register with 8 inputs
    /// or more sums them in four chains (inputs i, i+4, … each), added together at the end.
    /// </remarks>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Length, inputs = x.Length;
        if (w.Length < inputs * n)
        {
            ThrowShort(nameof(w));
        }

        if (n == 1)
        {
            // One unit (a single output): its weights are contiguous, so the product is a vectorised dot product
            // rather than a chain of dependent scalar multiply-adds.
            y[0] += Dot(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), inputs);
            return;
        }

        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T wRef = ref MemoryMarshal.GetReference(w);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        int j = 0;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            if (Vector512.IsHardwareAccelerated)
            {
                int c = Vector512<T>.Count;
                for (; j <= n - (4 * c); j += 4 * c)
                {
                    Vector512<T> a0 = Vector512.LoadUnsafe(ref yRef, (nuint)j);
                    Vector512<T> a1 = Vector512.LoadUnsafe(ref yRef, (nuint)(j + c));
                    Vector512<T> a2 = Vector512.LoadUnsafe(ref yRef, (nuint)(j + (2 * c)));
                    Vector512<T> a3 = Vector512.LoadUnsafe(ref yRef, (nuint)(j + (3 * c)));
                    for (int i = 0; i < inputs; i++)
                    {
                        Vector512<T> xi = Vector512.Create(Unsafe.Add(ref xRef, i));
                        ref T row = ref Unsafe.Add(ref wRef, (i * n) + j);
                        a0 = Fma(xi, Vector512.LoadUnsafe(ref row), a0);
                        a1 = Fma(xi, Vector512.LoadUnsafe(ref row, (nuint)c), a1);
                        a2 = Fma(xi, Vector512.LoadUnsafe(ref row, (nuint)(2 * c)), a2);
                        a3 = Fma(xi, Vector512.LoadUnsafe(ref row, (nuint)(3 * c)), a3);
                    }

                    a0.StoreUnsafe(ref yRef, (nuint)j);
                    a1.StoreUnsafe(ref yRef, (nuint)(j + c));
                    a2.StoreUnsafe(ref yRef, (nuint)(j + (2 * c)));
                    a3.StoreUnsafe(ref yRef, (nuint)(j + (3 * c)));
                }

                for (; j <= n - c; j += c)
                {
                    // One register of units is one chain of dependent multiply-adds, paced by their latency (a
                    // streaming 16-channel layer's 48 inputs took ~190 cycles): four chains over every fourth input, added at the end.
                    Vector512<T> a = Vector512.LoadUnsafe(ref yRef, (nuint)j);
                    int i = 0;
                    if (inputs >= SplitChainsFrom)
                    {
                        Vector512<T> b = Vector512<T>.Zero, d = b, e = b;
                        for (; i <= inputs - 4; i += 4)
                        {
                            a = Fma(Vector512.Create(Unsafe.Add(ref xRef, i)), Vector512.LoadUnsafe(ref wRef, (nuint)((i * n) + j)), a);
                            b = Fma(Vector512.Create(Unsafe.Add(ref xRef, i + 1)), Vector512.LoadUnsafe(ref wRef, (nuint)(((i + 1) * n) + j)), b);
                            d = Fma(Vector512.Create(Unsafe.Add(ref xRef, i + 2)), Vector512.LoadUnsafe(ref wRef, (nuint)(((i + 2) * n) + j)), d);
                            e = Fma(Vector512.Create(Unsafe.Add(ref xRef, i + 3)), Vector512.LoadUnsafe(ref wRef, (nuint)(((i + 3) * n) + j)), e);
                        }

                        a = (a + b) + (d + e);
                    }

                    for (; i < inputs; i++)
                    {
                        a = Fma(Vector512.Create(Unsafe.Add(ref xRef, i)), Vector512.LoadUnsafe(ref wRef, (nuint)((i * n) + j)), a);
                    }

                    a.StoreUnsafe(ref yRef, (nuint)j);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= n - Vector256<T>.Count; j += Vector256<T>.Count)
                {
                    // Four chains, as for a single 512-bit register above.
                    Vector256<T> a = Vector256.LoadUnsafe(ref yRef, (nuint)j);
                    int i = 0;
                    if (inputs >= SplitChainsFrom)
                    {
                        Vector256<T> b = Vector256<T>.Zero, d = b, e = b;
                        for (; i <= inputs - 4; i += 4)
                        {
                            a = Fma(Vector256.Create(Unsafe.Add(ref xRef, i)), Vector256.LoadUnsafe(ref wRef, (nuint)((i * n) + j)), a);
                            b = Fma(Vector256.Create(Unsafe.Add(ref xRef, i + 1)), Vector256.LoadUnsafe(ref wRef, (nuint)(((i + 1) * n) + j)), b);
                            d = Fma(Vector256.Create(Unsafe.Add(ref xRef, i + 2)), Vector256.LoadUnsafe(ref wRef, (nuint)(((i + 2) * n) + j)), d);
                            e = Fma(Vector256.Create(Unsafe.Add(ref xRef, i + 3)), Vector256.LoadUnsafe(ref wRef, (nuint)(((i + 3) * n) + j)), e);
                        }

                        a = (a + b) + (d + e);
                    }

                    for (; i < inputs; i++)
                    {
                        a = Fma(Vector256.Create(Unsafe.Add(ref xRef, i)), Vector256.LoadUnsafe(ref wRef, (nuint)((i * n) + j)), a);
                    }

                    a.StoreUnsafe(ref yRef, (nuint)j);
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; j <= n - Vector128<T>.Count; j += Vector128<T>.Count)
                {
                    Vector128<T> a = Vector128.LoadUnsafe(ref yRef, (nuint)j);
                    for (int i = 0; i < inputs; i++)
                    {
                        a = Fma(Vector128.Create(Unsafe.Add(ref xRef, i)), Vector128.LoadUnsafe(ref wRef, (nuint)((i * n) + j)), a);
                    }

                    a.StoreUnsafe(ref yRef, (nuint)j);
                }
            }
        }

        for (; j < n; j++)
        {
            T sum = Unsafe.Add(ref yRef, j);
            for (int i = 0; i < inputs; i++)
            {
                sum = T.FusedMultiplyAdd(Unsafe.Add(ref xRef, i), Unsafe.Add(ref wRef, (i * n) + j), sum);
            }

            Unsafe.Add(ref yRef, j) = sum;
        }
    }

    // Σ x[i]·w[i] in line (TensorPrimitives.Dot is a call into its generic aggregate, a good part of a streaming step's
    // dense output): products of whole registers in one accumulator, its lanes summed, then the tail in order.
    private static T Dot<T>(ref T x, ref T w, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if ((typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Vector512.IsHardwareAccelerated && count >= Vector512<T>.Count)
        {
            Vector512<T> lanes = Vector512<T>.Zero;
            for (; i <= count - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                lanes = Fma(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref w, (nuint)i), lanes);
            }

            sum = Vector512.Sum(lanes);
        }
        else if ((typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Vector256.IsHardwareAccelerated && count >= Vector256<T>.Count)
        {
            Vector256<T> lanes = Vector256<T>.Zero;
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                lanes = Fma(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref w, (nuint)i), lanes);
            }

            sum = Vector256.Sum(lanes);
        }

        for (; i < count; i++)
        {
            sum = T.FusedMultiplyAdd(Unsafe.Add(ref x, i), Unsafe.Add(ref w, i), sum);
        }

        return sum;
    }

    // a·b + c, fused where the target framework has the vector form (.NET 9 and later).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
#if NET9_0_OR_GREATER
        => typeof(T) == typeof(float) ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>() : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
#else
        => (a * b) + c;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
#if NET9_0_OR_GREATER
        => typeof(T) == typeof(float) ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>() : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
#else
        => (a * b) + c;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Fma<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
#if NET9_0_OR_GREATER
        => typeof(T) == typeof(float) ? Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>() : Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
#else
        => (a * b) + c;
#endif

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
    /// <remarks>
    /// Each row is a dot product along j. One row at a time, that is a chain of dependent additions (its latency, not
    /// the multiply-adds, set the pace: 256 rows × 120 took 5 µs); eight rows at a time give eight independent chains
    /// that share each load of δ. Every row is summed in the same order whichever group it falls in: whole 512-bit
    /// registers with fused multiply-adds, reduced across lanes, then a 256-bit register's worth, then one at a time.
    /// </remarks>
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
        ref T dxRef = ref MemoryMarshal.GetReference(dx);
        int rows = dx.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            for (; i <= rows - 8; i += 8)
            {
                DotRows8(ref Unsafe.Add(ref wRef, i * n), n, ref dRef, ref Unsafe.Add(ref dxRef, i));
            }

            for (; i < rows; i++)
            {
                Unsafe.Add(ref dxRef, i) += DotRow512(ref Unsafe.Add(ref wRef, i * n), ref dRef, n);
            }

            return;
        }

        for (; i < rows; i++)
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

            Unsafe.Add(ref dxRef, i) += sum;
        }
    }

    /// <summary>Eight rows of <see cref="AddTransposedProduct"/> at once, each summed exactly as <see cref="DotRow512"/> sums it.</summary>
    private static void DotRows8<T>(ref T w, int n, ref T d, ref T dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector512<T>.Count, whole = n - (n % width);
        Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int j = 0; j < whole; j += width)
        {
            Vector512<T> dv = Vector512.LoadUnsafe(ref d, (nuint)j);
            s0 = Fma(Vector512.LoadUnsafe(ref w, (nuint)j), dv, s0);
            s1 = Fma(Vector512.LoadUnsafe(ref w, (nuint)(n + j)), dv, s1);
            s2 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((2 * n) + j)), dv, s2);
            s3 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((3 * n) + j)), dv, s3);
            s4 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((4 * n) + j)), dv, s4);
            s5 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((5 * n) + j)), dv, s5);
            s6 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((6 * n) + j)), dv, s6);
            s7 = Fma(Vector512.LoadUnsafe(ref w, (nuint)((7 * n) + j)), dv, s7);
        }

        Unsafe.Add(ref dx, 0) += Vector512.Sum(s0) + DotTail(ref w, ref d, whole, n);
        Unsafe.Add(ref dx, 1) += Vector512.Sum(s1) + DotTail(ref Unsafe.Add(ref w, n), ref d, whole, n);
        Unsafe.Add(ref dx, 2) += Vector512.Sum(s2) + DotTail(ref Unsafe.Add(ref w, 2 * n), ref d, whole, n);
        Unsafe.Add(ref dx, 3) += Vector512.Sum(s3) + DotTail(ref Unsafe.Add(ref w, 3 * n), ref d, whole, n);
        Unsafe.Add(ref dx, 4) += Vector512.Sum(s4) + DotTail(ref Unsafe.Add(ref w, 4 * n), ref d, whole, n);
        Unsafe.Add(ref dx, 5) += Vector512.Sum(s5) + DotTail(ref Unsafe.Add(ref w, 5 * n), ref d, whole, n);
        Unsafe.Add(ref dx, 6) += Vector512.Sum(s6) + DotTail(ref Unsafe.Add(ref w, 6 * n), ref d, whole, n);
        Unsafe.Add(ref dx, 7) += Vector512.Sum(s7) + DotTail(ref Unsafe.Add(ref w, 7 * n), ref d, whole, n);
    }

    /// <summary>One row's <c>Σⱼ w[j] · d[j]</c> in <see cref="DotRows8"/>'s order.</summary>
    private static T DotRow512<T>(ref T w, ref T d, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector512<T>.Count, whole = n - (n % width);
        Vector512<T> s = Vector512<T>.Zero;
        for (int j = 0; j < whole; j += width)
        {
            s = Fma(Vector512.LoadUnsafe(ref w, (nuint)j), Vector512.LoadUnsafe(ref d, (nuint)j), s);
        }

        return Vector512.Sum(s) + DotTail(ref w, ref d, whole, n);
    }

    /// <summary>The part of a row's dot product after its whole 512-bit registers: a 256-bit register's worth, then one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotTail<T>(ref T w, ref T d, int from, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int j = from;
        if (n - j >= Vector256<T>.Count)
        {
            sum = Vector256.Sum(Vector256.LoadUnsafe(ref w, (nuint)j) * Vector256.LoadUnsafe(ref d, (nuint)j));
            j += Vector256<T>.Count;
        }

        for (; j < n; j++)
        {
            sum += Unsafe.Add(ref w, j) * Unsafe.Add(ref d, j);
        }

        return sum;
    }

    /// <summary><c>destination = a + b</c>, vectorised (destination may be a or b itself).</summary>
    public static void Add<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(a, b, destination);

    /// <summary><c>destination = a − b</c>, vectorised (destination may be a or b itself).</summary>
    public static void Subtract<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(a, b, destination);

    /// <summary><c>destination = a ⊙ b</c>, vectorised (destination may be a or b itself).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, destination);

    /// <summary><c>destination = a ⊙ b + addend</c>, vectorised (destination may be any of them).</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> addend, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.MultiplyAdd(a, b, addend, destination);

    private static void ThrowShort(string name) =>
        throw new ArgumentException("The weight span is shorter than the product needs.", name);
}
