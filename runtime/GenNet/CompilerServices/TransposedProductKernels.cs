using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// <c>C[m, n] += Σ_p A[m, p] · B[n, p]</c> with A and B both row-major along p (a product with B transposed, as in the
/// weight gradient <c>∂L/∂W = ∂L/∂Y · colᵀ</c>), and row sums. Vectorised along p: a tile of up to 4 rows of A × 4
/// rows of B keeps 16 registers of partial sums, so each step loads 8 registers for 16 fused multiply-adds; each
/// register is summed across its lanes at the end, then the p left over after whole registers are added one by one.
/// </summary>
/// <remarks>The order of every sum is fixed by the shape and the register width: the same inputs give the same bits on
/// the same machine, whatever the caller's threading.</remarks>
internal static class TransposedProductKernels
{
    public static void MultiplyAccumulate<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int rows, int columns, int depth, int cRowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            MultiplyAccumulate<T, Lanes512<T>>(a, b, c, rows, columns, depth, cRowStride);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            MultiplyAccumulate<T, Lanes256<T>>(a, b, c, rows, columns, depth, cRowStride);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            MultiplyAccumulate<T, Lanes128<T>>(a, b, c, rows, columns, depth, cRowStride);
        }
        else
        {
            MultiplyAccumulate<T, ScalarLane<T>>(a, b, c, rows, columns, depth, cRowStride);
        }
    }

    /// <summary><c>sums[m] += Σ_p matrix[m, p]</c> for each of the <c>sums.Length</c> rows of <paramref name="depth"/> values.</summary>
    public static void AddRowSums<T>(ReadOnlySpan<T> matrix, int depth, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            AddRowSums<T, Lanes512<T>>(matrix, depth, sums);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AddRowSums<T, Lanes256<T>>(matrix, depth, sums);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AddRowSums<T, Lanes128<T>>(matrix, depth, sums);
        }
        else
        {
            AddRowSums<T, ScalarLane<T>>(matrix, depth, sums);
        }
    }

    private static void MultiplyAccumulate<T, TL>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int rows, int columns, int depth, int cRowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        ref T a0 = ref MemoryMarshal.GetReference(a);
        ref T b0 = ref MemoryMarshal.GetReference(b);
        ref T c0 = ref MemoryMarshal.GetReference(c);
        int m = 0;
        for (; m <= rows - 4; m += 4)
        {
            Row<T, TL, Four>(ref Unsafe.Add(ref a0, m * depth), ref b0, ref Unsafe.Add(ref c0, m * cRowStride), columns, depth, cRowStride);
        }

        if (m <= rows - 2)
        {
            Row<T, TL, Two>(ref Unsafe.Add(ref a0, m * depth), ref b0, ref Unsafe.Add(ref c0, m * cRowStride), columns, depth, cRowStride);
            m += 2;
        }

        if (m < rows)
        {
            Row<T, TL, One>(ref Unsafe.Add(ref a0, m * depth), ref b0, ref Unsafe.Add(ref c0, m * cRowStride), columns, depth, cRowStride);
        }
    }

    // One band of TM rows of A against every row of B: tiles of 4 rows of B, then 1.
    private static void Row<T, TL, TM>(ref T a, ref T b, ref T c, int columns, int depth, int cRowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
        where TM : struct, ICount
    {
        int n = 0;
        for (; n <= columns - 4; n += 4)
        {
            Tile<T, TL, TM, Four>(ref a, ref Unsafe.Add(ref b, n * depth), ref Unsafe.Add(ref c, n), depth, cRowStride);
        }

        for (; n < columns; n++)
        {
            Tile<T, TL, TM, One>(ref a, ref Unsafe.Add(ref b, n * depth), ref Unsafe.Add(ref c, n), depth, cRowStride);
        }
    }

    // C[i, j] += Σ_p A[i, p] · B[j, p] for i < TM, j < TN (each 1, 2 or 4; the JIT drops the branches of the others).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TL, TM, TN>(ref T a, ref T b, ref T c, int depth, int cRowStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
        where TM : struct, ICount
        where TN : struct, ICount
    {
        int w = TL.Count;
        TL zero = TL.Create(T.Zero);
        TL s00 = zero, s01 = zero, s02 = zero, s03 = zero, s10 = zero, s11 = zero, s12 = zero, s13 = zero;
        TL s20 = zero, s21 = zero, s22 = zero, s23 = zero, s30 = zero, s31 = zero, s32 = zero, s33 = zero;
        // Rows past the tile alias its first row (never read): no reference points outside the spans.
        ref T a1 = ref TM.Value > 1 ? ref Unsafe.Add(ref a, depth) : ref a;
        ref T a2 = ref TM.Value > 2 ? ref Unsafe.Add(ref a, 2 * depth) : ref a;
        ref T a3 = ref TM.Value > 2 ? ref Unsafe.Add(ref a, 3 * depth) : ref a;
        ref T b1 = ref TN.Value > 1 ? ref Unsafe.Add(ref b, depth) : ref b;
        ref T b2 = ref TN.Value > 1 ? ref Unsafe.Add(ref b, 2 * depth) : ref b;
        ref T b3 = ref TN.Value > 1 ? ref Unsafe.Add(ref b, 3 * depth) : ref b;
        int p = 0;
        for (; p <= depth - w; p += w)
        {
            TL x0 = TL.Load(ref Unsafe.Add(ref a, p));
            TL x1 = TM.Value > 1 ? TL.Load(ref Unsafe.Add(ref a1, p)) : zero;
            TL x2 = TM.Value > 2 ? TL.Load(ref Unsafe.Add(ref a2, p)) : zero;
            TL x3 = TM.Value > 2 ? TL.Load(ref Unsafe.Add(ref a3, p)) : zero;
            TL y = TL.Load(ref Unsafe.Add(ref b, p));
            s00 = TL.MultiplyAdd(x0, y, s00);
            if (TM.Value > 1) { s10 = TL.MultiplyAdd(x1, y, s10); }
            if (TM.Value > 2) { s20 = TL.MultiplyAdd(x2, y, s20); s30 = TL.MultiplyAdd(x3, y, s30); }
            if (TN.Value > 1)
            {
                y = TL.Load(ref Unsafe.Add(ref b1, p));
                s01 = TL.MultiplyAdd(x0, y, s01);
                if (TM.Value > 1) { s11 = TL.MultiplyAdd(x1, y, s11); }
                if (TM.Value > 2) { s21 = TL.MultiplyAdd(x2, y, s21); s31 = TL.MultiplyAdd(x3, y, s31); }
                y = TL.Load(ref Unsafe.Add(ref b2, p));
                s02 = TL.MultiplyAdd(x0, y, s02);
                if (TM.Value > 1) { s12 = TL.MultiplyAdd(x1, y, s12); }
                if (TM.Value > 2) { s22 = TL.MultiplyAdd(x2, y, s22); s32 = TL.MultiplyAdd(x3, y, s32); }
                y = TL.Load(ref Unsafe.Add(ref b3, p));
                s03 = TL.MultiplyAdd(x0, y, s03);
                if (TM.Value > 1) { s13 = TL.MultiplyAdd(x1, y, s13); }
                if (TM.Value > 2) { s23 = TL.MultiplyAdd(x2, y, s23); s33 = TL.MultiplyAdd(x3, y, s33); }
            }
        }

        Finish<T, TL>(s00, ref a, ref b, ref c, p, depth);
        if (TN.Value > 1)
        {
            Finish<T, TL>(s01, ref a, ref b1, ref Unsafe.Add(ref c, 1), p, depth);
            Finish<T, TL>(s02, ref a, ref b2, ref Unsafe.Add(ref c, 2), p, depth);
            Finish<T, TL>(s03, ref a, ref b3, ref Unsafe.Add(ref c, 3), p, depth);
        }

        if (TM.Value > 1)
        {
            ref T c1 = ref Unsafe.Add(ref c, cRowStride);
            Finish<T, TL>(s10, ref a1, ref b, ref c1, p, depth);
            if (TN.Value > 1)
            {
                Finish<T, TL>(s11, ref a1, ref b1, ref Unsafe.Add(ref c1, 1), p, depth);
                Finish<T, TL>(s12, ref a1, ref b2, ref Unsafe.Add(ref c1, 2), p, depth);
                Finish<T, TL>(s13, ref a1, ref b3, ref Unsafe.Add(ref c1, 3), p, depth);
            }
        }

        if (TM.Value > 2)
        {
            ref T c2 = ref Unsafe.Add(ref c, 2 * cRowStride);
            ref T c3 = ref Unsafe.Add(ref c, 3 * cRowStride);
            Finish<T, TL>(s20, ref a2, ref b, ref c2, p, depth);
            Finish<T, TL>(s30, ref a3, ref b, ref c3, p, depth);
            if (TN.Value > 1)
            {
                Finish<T, TL>(s21, ref a2, ref b1, ref Unsafe.Add(ref c2, 1), p, depth);
                Finish<T, TL>(s22, ref a2, ref b2, ref Unsafe.Add(ref c2, 2), p, depth);
                Finish<T, TL>(s23, ref a2, ref b3, ref Unsafe.Add(ref c2, 3), p, depth);
                Finish<T, TL>(s31, ref a3, ref b1, ref Unsafe.Add(ref c3, 1), p, depth);
                Finish<T, TL>(s32, ref a3, ref b2, ref Unsafe.Add(ref c3, 2), p, depth);
                Finish<T, TL>(s33, ref a3, ref b3, ref Unsafe.Add(ref c3, 3), p, depth);
            }
        }
    }

    // c += (lanes of sum, added across) + Σ a[p]·b[p] over the p left after whole registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T, TL>(TL sum, ref T a, ref T b, ref T c, int p, int depth)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        T total = TL.Sum(sum);
        for (; p < depth; p++)
        {
            total = T.FusedMultiplyAdd(Unsafe.Add(ref a, p), Unsafe.Add(ref b, p), total);
        }

        c += total;
    }

    private static void AddRowSums<T, TL>(ReadOnlySpan<T> matrix, int depth, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int w = TL.Count;
        for (int m = 0; m < sums.Length; m++)
        {
            ref T row = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), m * depth);
            TL s0 = TL.Create(T.Zero), s1 = s0;
            int p = 0;
            for (; p <= depth - (2 * w); p += 2 * w)
            {
                s0 += TL.Load(ref Unsafe.Add(ref row, p));
                s1 += TL.Load(ref Unsafe.Add(ref row, p + w));
            }

            T total = TL.Sum(s0 + s1);
            for (; p < depth; p++)
            {
                total += Unsafe.Add(ref row, p);
            }

            sums[m] += total;
        }
    }

    private interface ICount
    {
        static abstract int Value { get; }
    }

    private readonly struct One : ICount
    {
        public static int Value => 1;
    }

    private readonly struct Two : ICount
    {
        public static int Value => 2;
    }

    private readonly struct Four : ICount
    {
        public static int Value => 4;
    }
}
