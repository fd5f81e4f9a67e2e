using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;
using GenNet.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>
/// Register-tiled, vectorised matrix kernels for the layers that generated networks do not unroll: one kernel,
/// <c>MultiplyAccumulate</c>, serves the forward pass, the backward pass and the gradient by its strides.
/// </summary>
/// <remarks>
/// <para>
/// The kernel keeps a tile of 4 rows × 4 registers of C in registers (16 accumulators, e.g. 4 × 64 floats with
/// AVX-512) and streams the depth dimension through it: per step, 4 loads of B, 4 broadcasts of A and 16 fused
/// multiply-adds. Edges use 1-row and 1-register tiles, and the columns left over after the widest registers go
/// through narrower ones and finally one at a time, by the same code (<see cref="ScalarLane{T}"/>).
/// </para>
/// <para>
/// Each element of C is one accumulator summed over the depth in ascending order with fused multiply-adds, whatever
/// tile it falls in: a row's result does not depend on how many rows are computed with it. With
/// <c>depthSegments</c> S &gt; 1 the depth is cut into S consecutive segments of <c>depth / S</c> (the last takes the
/// remainder); the first adds onto C, each other starts at zero and is added to C when done, in order. Generated
/// one-row kernels sum in the same segments to break a long dependency chain into S independent ones, and the
/// batch kernels follow so that rows agree bit for bit.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    private const int TileRows = 4;
    private const int TileRegisters = 4;

    /// <summary>
    /// <c>C[m, n] += Σ_k A(m, k) · B[k, n]</c> for m &lt; <paramref name="rows"/>, n &lt; <paramref name="columns"/>,
    /// k &lt; <paramref name="depth"/> in ascending order, where <c>A(m, k) = a[m · aRowStride + k · aDepthStride]</c>,
    /// B is row-major <c>depth × columns</c> and C row-major <c>rows × columns</c>.
    /// </summary>
    /// <remarks>
    /// Forward: <c>layer_next += layer · synapse</c> is (aRowStride = width, aDepthStride = 1).
    /// Gradient: <c>∂E/∂synapse += layerᵀ · delta</c> is (aRowStride = 1, aDepthStride = width, depth = batch rows).
    /// </remarks>
    public static void MultiplyAccumulate<T>(
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride, ReadOnlySpan<T> b, Span<T> c, int rows, int columns, int depth)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyAccumulate(a, aRowStride, aDepthStride, b, c, rows, columns, depth, depthSegments: 1);

    /// <summary>
    /// <see cref="MultiplyAccumulate{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, Span{T}, int, int, int)"/> with the
    /// depth summed in <paramref name="depthSegments"/> consecutive segments, each its own chain, added to C in order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depthSegments"/> is below 1 or above the depth.</exception>
    public static void MultiplyAccumulate<T>(
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride, ReadOnlySpan<T> b, Span<T> c, int rows, int columns, int depth, int depthSegments)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0 || columns <= 0 || depth <= 0)
        {
            return;
        }

        if (depthSegments < 1 || depthSegments > depth)
        {
            throw new ArgumentOutOfRangeException(nameof(depthSegments), depthSegments, $"depthSegments must be from 1 to the depth, {depth}.");
        }

        long aNeeded = ((long)(rows - 1) * aRowStride) + ((long)(depth - 1) * aDepthStride) + 1;
        if (aRowStride < 0 || aDepthStride < 0 || a.Length < aNeeded)
        {
            throw new ArgumentException($"a must hold at least {aNeeded} values for {rows}×{depth} with strides {aRowStride} and {aDepthStride}; it holds {a.Length}.", nameof(a));
        }

        if (b.Length < (long)depth * columns)
        {
            throw new ArgumentException($"b must hold at least {(long)depth * columns} values ({depth}×{columns}); it holds {b.Length}.", nameof(b));
        }

        if (c.Length < (long)rows * columns)
        {
            throw new ArgumentException($"c must hold at least {(long)rows * columns} values ({rows}×{columns}); it holds {c.Length}.", nameof(c));
        }

        var shape = new Shape(aRowStride, aDepthStride, columns, depth, depthSegments);
        ref T aStart = ref MemoryMarshal.GetReference(a);
        ref T bStart = ref MemoryMarshal.GetReference(b);
        ref T cStart = ref MemoryMarshal.GetReference(c);
        int column = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            column = Panels<T, Lanes512<T>>(ref aStart, ref bStart, ref cStart, shape, rows, column);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            column = Panels<T, Lanes256<T>>(ref aStart, ref bStart, ref cStart, shape, rows, column);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            column = Panels<T, Lanes128<T>>(ref aStart, ref bStart, ref cStart, shape, rows, column);
        }

        Panels<T, ScalarLane<T>>(ref aStart, ref bStart, ref cStart, shape, rows, column);
    }

    /// <summary><c>destination[j, i] = source[i, j]</c>: source is row-major <c>rows × columns</c>.</summary>
    /// <remarks>In blocks of 8 × 8, so that the scattered writes of one block stay within a few cache lines: training steps
    /// transpose every synapse they pass a δ back through, and a plain row-by-row loop cost a row of a small image network
    /// more than its own product.</remarks>
    public static void Transpose<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        int count = checked(rows * columns);
        Guard.Length(source, count);
        Guard.Length<T>(destination, count);
        const int Block = 8;
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(destination);
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int iEnd = Math.Min(i0 + Block, rows);
            for (int j0 = 0; j0 < columns; j0 += Block)
            {
                int jEnd = Math.Min(j0 + Block, columns);
                for (int i = i0; i < iEnd; i++)
                {
                    ref T row = ref Unsafe.Add(ref from, (nint)i * columns);
                    for (int j = j0; j < jEnd; j++)
                    {
                        Unsafe.Add(ref to, ((nint)j * rows) + i) = Unsafe.Add(ref row, j);
                    }
                }
            }
        }
    }

    /// <summary>Copies <paramref name="row"/> into each of the <c>destination.Length / row.Length</c> rows of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not a whole number of rows (an empty row fills nothing).</exception>
    public static void RepeatRow<T>(ReadOnlySpan<T> row, Span<T> destination)
    {
        if (row.IsEmpty ? !destination.IsEmpty : destination.Length % row.Length != 0)
        {
            throw new ArgumentException(
                $"destination must hold whole rows of {row.Length} values; it holds {destination.Length}.", nameof(destination));
        }

        if (row.IsEmpty)
        {
            return;
        }

        for (int start = 0; start + row.Length <= destination.Length; start += row.Length)
        {
            row.CopyTo(destination.Slice(start, row.Length));
        }
    }

    /// <summary><c>sums[j] += Σ_r matrix[r, j]</c>, rows in ascending order: the bias gradient of a batch.</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> matrix, int rows, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int columns = sums.Length;
        Guard.Length(matrix, rows * columns);
        for (int r = 0; r < rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add<T>(sums, matrix.Slice(r * columns, columns), sums);
        }
    }

    // Column panels of TileRegisters registers, then of one register, for as long as whole registers fit.
    private static int Panels<T, TL>(ref T a, ref T b, ref T c, Shape shape, int rows, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int width = TL.Count;
        for (; column <= shape.Columns - (TileRegisters * width); column += TileRegisters * width)
        {
            int r = 0;
            for (; r <= rows - TileRows; r += TileRows)
            {
                for (int s = 0; s < shape.Segments; s++)
                {
                    Tile4x4<T, TL>(ref Unsafe.Add(ref a, r * shape.ARowStride), ref Unsafe.Add(ref b, column), ref Unsafe.Add(ref c, (r * shape.Columns) + column), shape, s);
                }
            }

            for (; r < rows; r++)
            {
                for (int s = 0; s < shape.Segments; s++)
                {
                    Tile1x4<T, TL>(ref Unsafe.Add(ref a, r * shape.ARowStride), ref Unsafe.Add(ref b, column), ref Unsafe.Add(ref c, (r * shape.Columns) + column), shape, s);
                }
            }
        }

        for (; column <= shape.Columns - width; column += width)
        {
            int r = 0;
            for (; r <= rows - TileRows; r += TileRows)
            {
                for (int s = 0; s < shape.Segments; s++)
                {
                    Tile4x1<T, TL>(ref Unsafe.Add(ref a, r * shape.ARowStride), ref Unsafe.Add(ref b, column), ref Unsafe.Add(ref c, (r * shape.Columns) + column), shape, s);
                }
            }

            for (; r < rows; r++)
            {
                for (int s = 0; s < shape.Segments; s++)
                {
                    Tile1x1<T, TL>(ref Unsafe.Add(ref a, r * shape.ARowStride), ref Unsafe.Add(ref b, column), ref Unsafe.Add(ref c, (r * shape.Columns) + column), shape, s);
                }
            }
        }

        return column;
    }

    // C[0..4, 0..4 registers] += A(0..4, k) · B[k, 0..4 registers], k ascending.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<T, TL>(ref T a, ref T b, ref T c, Shape shape, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int w = TL.Count, n = shape.Columns, ar = shape.ARowStride;
        ref T c1 = ref Unsafe.Add(ref c, n);
        ref T c2 = ref Unsafe.Add(ref c, 2 * n);
        ref T c3 = ref Unsafe.Add(ref c, 3 * n);
        TL c00 = Begin<T, TL>(ref c, segment), c01 = Begin<T, TL>(ref Unsafe.Add(ref c, w), segment), c02 = Begin<T, TL>(ref Unsafe.Add(ref c, 2 * w), segment), c03 = Begin<T, TL>(ref Unsafe.Add(ref c, 3 * w), segment);
        TL c10 = Begin<T, TL>(ref c1, segment), c11 = Begin<T, TL>(ref Unsafe.Add(ref c1, w), segment), c12 = Begin<T, TL>(ref Unsafe.Add(ref c1, 2 * w), segment), c13 = Begin<T, TL>(ref Unsafe.Add(ref c1, 3 * w), segment);
        TL c20 = Begin<T, TL>(ref c2, segment), c21 = Begin<T, TL>(ref Unsafe.Add(ref c2, w), segment), c22 = Begin<T, TL>(ref Unsafe.Add(ref c2, 2 * w), segment), c23 = Begin<T, TL>(ref Unsafe.Add(ref c2, 3 * w), segment);
        TL c30 = Begin<T, TL>(ref c3, segment), c31 = Begin<T, TL>(ref Unsafe.Add(ref c3, w), segment), c32 = Begin<T, TL>(ref Unsafe.Add(ref c3, 2 * w), segment), c33 = Begin<T, TL>(ref Unsafe.Add(ref c3, 3 * w), segment);
        int k0 = shape.Start(segment), k1 = shape.End(segment);
        ref T ak = ref Unsafe.Add(ref a, k0 * shape.ADepthStride);
        ref T bk = ref Unsafe.Add(ref b, k0 * shape.Columns);
        for (int k = k0; k < k1; k++)
        {
            TL b0 = TL.Load(ref bk), b1 = TL.Load(ref Unsafe.Add(ref bk, w)), b2 = TL.Load(ref Unsafe.Add(ref bk, 2 * w)), b3 = TL.Load(ref Unsafe.Add(ref bk, 3 * w));
            TL x = TL.Create(ak);
            c00 = TL.MultiplyAdd(x, b0, c00); c01 = TL.MultiplyAdd(x, b1, c01); c02 = TL.MultiplyAdd(x, b2, c02); c03 = TL.MultiplyAdd(x, b3, c03);
            x = TL.Create(Unsafe.Add(ref ak, ar));
            c10 = TL.MultiplyAdd(x, b0, c10); c11 = TL.MultiplyAdd(x, b1, c11); c12 = TL.MultiplyAdd(x, b2, c12); c13 = TL.MultiplyAdd(x, b3, c13);
            x = TL.Create(Unsafe.Add(ref ak, 2 * ar));
            c20 = TL.MultiplyAdd(x, b0, c20); c21 = TL.MultiplyAdd(x, b1, c21); c22 = TL.MultiplyAdd(x, b2, c22); c23 = TL.MultiplyAdd(x, b3, c23);
            x = TL.Create(Unsafe.Add(ref ak, 3 * ar));
            c30 = TL.MultiplyAdd(x, b0, c30); c31 = TL.MultiplyAdd(x, b1, c31); c32 = TL.MultiplyAdd(x, b2, c32); c33 = TL.MultiplyAdd(x, b3, c33);
            ak = ref Unsafe.Add(ref ak, shape.ADepthStride);
            bk = ref Unsafe.Add(ref bk, n);
        }

        End(c00, ref c, segment); End(c01, ref Unsafe.Add(ref c, w), segment); End(c02, ref Unsafe.Add(ref c, 2 * w), segment); End(c03, ref Unsafe.Add(ref c, 3 * w), segment);
        End(c10, ref c1, segment); End(c11, ref Unsafe.Add(ref c1, w), segment); End(c12, ref Unsafe.Add(ref c1, 2 * w), segment); End(c13, ref Unsafe.Add(ref c1, 3 * w), segment);
        End(c20, ref c2, segment); End(c21, ref Unsafe.Add(ref c2, w), segment); End(c22, ref Unsafe.Add(ref c2, 2 * w), segment); End(c23, ref Unsafe.Add(ref c2, 3 * w), segment);
        End(c30, ref c3, segment); End(c31, ref Unsafe.Add(ref c3, w), segment); End(c32, ref Unsafe.Add(ref c3, 2 * w), segment); End(c33, ref Unsafe.Add(ref c3, 3 * w), segment);
    }

    // One row of C, 4 registers wide.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x4<T, TL>(ref T a, ref T b, ref T c, Shape shape, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int w = TL.Count, n = shape.Columns;
        TL c0 = Begin<T, TL>(ref c, segment), c1 = Begin<T, TL>(ref Unsafe.Add(ref c, w), segment), c2 = Begin<T, TL>(ref Unsafe.Add(ref c, 2 * w), segment), c3 = Begin<T, TL>(ref Unsafe.Add(ref c, 3 * w), segment);
        int k0 = shape.Start(segment), k1 = shape.End(segment);
        ref T ak = ref Unsafe.Add(ref a, k0 * shape.ADepthStride);
        ref T bk = ref Unsafe.Add(ref b, k0 * shape.Columns);
        for (int k = k0; k < k1; k++)
        {
            TL x = TL.Create(ak);
            c0 = TL.MultiplyAdd(x, TL.Load(ref bk), c0);
            c1 = TL.MultiplyAdd(x, TL.Load(ref Unsafe.Add(ref bk, w)), c1);
            c2 = TL.MultiplyAdd(x, TL.Load(ref Unsafe.Add(ref bk, 2 * w)), c2);
            c3 = TL.MultiplyAdd(x, TL.Load(ref Unsafe.Add(ref bk, 3 * w)), c3);
            ak = ref Unsafe.Add(ref ak, shape.ADepthStride);
            bk = ref Unsafe.Add(ref bk, n);
        }

        End(c0, ref c, segment); End(c1, ref Unsafe.Add(ref c, w), segment); End(c2, ref Unsafe.Add(ref c, 2 * w), segment); End(c3, ref Unsafe.Add(ref c, 3 * w), segment);
    }

    // Four rows of C, one register wide.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x1<T, TL>(ref T a, ref T b, ref T c, Shape shape, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int n = shape.Columns, ar = shape.ARowStride;
        TL c0 = Begin<T, TL>(ref c, segment), c1 = Begin<T, TL>(ref Unsafe.Add(ref c, n), segment), c2 = Begin<T, TL>(ref Unsafe.Add(ref c, 2 * n), segment), c3 = Begin<T, TL>(ref Unsafe.Add(ref c, 3 * n), segment);
        int k0 = shape.Start(segment), k1 = shape.End(segment);
        ref T ak = ref Unsafe.Add(ref a, k0 * shape.ADepthStride);
        ref T bk = ref Unsafe.Add(ref b, k0 * shape.Columns);
        for (int k = k0; k < k1; k++)
        {
            TL bv = TL.Load(ref bk);
            c0 = TL.MultiplyAdd(TL.Create(ak), bv, c0);
            c1 = TL.MultiplyAdd(TL.Create(Unsafe.Add(ref ak, ar)), bv, c1);
            c2 = TL.MultiplyAdd(TL.Create(Unsafe.Add(ref ak, 2 * ar)), bv, c2);
            c3 = TL.MultiplyAdd(TL.Create(Unsafe.Add(ref ak, 3 * ar)), bv, c3);
            ak = ref Unsafe.Add(ref ak, shape.ADepthStride);
            bk = ref Unsafe.Add(ref bk, n);
        }

        End(c0, ref c, segment); End(c1, ref Unsafe.Add(ref c, n), segment); End(c2, ref Unsafe.Add(ref c, 2 * n), segment); End(c3, ref Unsafe.Add(ref c, 3 * n), segment);
    }

    // One row of C, one register wide.
    private static void Tile1x1<T, TL>(ref T a, ref T b, ref T c, Shape shape, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        TL c0 = Begin<T, TL>(ref c, segment);
        int k0 = shape.Start(segment), k1 = shape.End(segment);
        ref T ak = ref Unsafe.Add(ref a, k0 * shape.ADepthStride);
        ref T bk = ref Unsafe.Add(ref b, k0 * shape.Columns);
        for (int k = k0; k < k1; k++)
        {
            c0 = TL.MultiplyAdd(TL.Create(ak), TL.Load(ref bk), c0);
            ak = ref Unsafe.Add(ref ak, shape.ADepthStride);
            bk = ref Unsafe.Add(ref bk, shape.Columns);
        }

        End(c0, ref c, segment);
    }

    // A segment's accumulator: the first continues C's values, each later one starts at zero ...
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TL Begin<T, TL>(ref T c, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T> =>
        segment == 0 ? TL.Load(ref c) : TL.Create(T.Zero);

    // ... and is added to C when done.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void End<T, TL>(TL sum, ref T c, int segment)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T> =>
        TL.Store(segment == 0 ? sum : TL.Load(ref c) + sum, ref c);

    private readonly record struct Shape(int ARowStride, int ADepthStride, int Columns, int Depth, int Segments)
    {
        private int SegmentLength => Depth / Segments;

        public int Start(int segment) => segment * SegmentLength;

        public int End(int segment) => segment == Segments - 1 ? Depth : (segment + 1) * SegmentLength;
    }
}
