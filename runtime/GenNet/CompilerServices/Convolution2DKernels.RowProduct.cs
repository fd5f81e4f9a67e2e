using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The direct product on row-shifted operands, shared by the forward pass and the input gradient:
//   out[m, p] = init[m] + Σ_t w[wBase[m] + wOffset(t)] · source[sourceOffset(t) + p]       for p < positions
// over taps t = (a, b, c) in nested ascending order, each offset linear in a, b, c (TapWalk). A tile is 6 output rows
// × 4 registers of consecutive positions: per tap, 4 loads of source, 6 broadcast weights and 24 fused multiply-adds
// into 24 independent chains, so the loop is bound by the multiply-adds, not by loads or latency. No transposes:
// source runs are contiguous (Rows) and out is written in its final row-major place.
public static partial class Convolution2DKernels
{
    private const int ProductRows = 6, ProductRegisters = 4;

    /// <summary>Taps in three nested loops (A outermost); each offset is Base + a·StepA + b·StepB + c·StepC.</summary>
    internal readonly record struct TapWalk(
        int CountA, int CountB, int CountC, int SourceBase, int SourceA, int SourceB, int SourceC, int WeightA, int WeightB, int WeightC);

    // out rows m < rowCount at out[m·outStride], weights of row m from w[weightBase(m)], initial values init(m) (bias or 0).
    private static void RowProduct<T>(
        ReadOnlySpan<T> source, in TapWalk walk, ReadOnlySpan<T> w, int rowCount, int weightRowStep, int weightInnerCount, int weightInnerStep,
        ReadOnlySpan<T> init, Span<T> output, int outStride, int positions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            RowProduct<T, Lanes512<T>>(source, walk, w, rowCount, weightRowStep, weightInnerCount, weightInnerStep, init, output, outStride, positions);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            RowProduct<T, Lanes256<T>>(source, walk, w, rowCount, weightRowStep, weightInnerCount, weightInnerStep, init, output, outStride, positions);
        }
        else
        {
            RowProduct<T, Lanes128<T>>(source, walk, w, rowCount, weightRowStep, weightInnerCount, weightInnerStep, init, output, outStride, positions);
        }
    }

    // Row m's weights start at (m / weightInnerCount)·weightRowStep + (m % weightInnerCount)·weightInnerStep: forward rows
    // are output channels (inner count 1); input-gradient rows are (channel, kernel column) pairs. init empty means 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RowProduct<T, TL>(
        ReadOnlySpan<T> source, in TapWalk walk, ReadOnlySpan<T> w, int rowCount, int weightRowStep, int weightInnerCount, int weightInnerStep,
        ReadOnlySpan<T> init, Span<T> output, int outStride, int positions)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int lanes = TL.Count;
        Span<int> weightBase = stackalloc int[ProductRows];
        Span<T> tail = stackalloc T[ProductRegisters * TL.Count];
        ref T src = ref MemoryMarshal.GetReference(source);
        for (int m0 = 0; m0 < rowCount; m0 += ProductRows)
        {
            int rows = Math.Min(ProductRows, rowCount - m0);
            T i0, i1, i2, i3, i4, i5;
            for (int m = 0; m < ProductRows; m++)
            {
                int row = m0 + Math.Min(m, rows - 1); // rows past the end repeat the last and are not stored
                weightBase[m] = ((row / weightInnerCount) * weightRowStep) + ((row % weightInnerCount) * weightInnerStep);
            }

            i0 = Init(init, m0, rows, 0);
            i1 = Init(init, m0, rows, 1);
            i2 = Init(init, m0, rows, 2);
            i3 = Init(init, m0, rows, 3);
            i4 = Init(init, m0, rows, 4);
            i5 = Init(init, m0, rows, 5);
            nint b0 = weightBase[0], b1 = weightBase[1], b2 = weightBase[2], b3 = weightBase[3], b4 = weightBase[4], b5 = weightBase[5];
            for (int p0 = 0; p0 < positions; p0 += ProductRegisters * lanes)
            {
                TL a00 = TL.Create(i0), a01 = a00, a02 = a00, a03 = a00;
                TL a10 = TL.Create(i1), a11 = a10, a12 = a10, a13 = a10;
                TL a20 = TL.Create(i2), a21 = a20, a22 = a20, a23 = a20;
                TL a30 = TL.Create(i3), a31 = a30, a32 = a30, a33 = a30;
                TL a40 = TL.Create(i4), a41 = a40, a42 = a40, a43 = a40;
                TL a50 = TL.Create(i5), a51 = a50, a52 = a50, a53 = a50;
                for (int a = 0; a < walk.CountA; a++)
                {
                    for (int b = 0; b < walk.CountB; b++)
                    {
                        int sourceAt = walk.SourceBase + (a * walk.SourceA) + (b * walk.SourceB) + p0, weightAt = (a * walk.WeightA) + (b * walk.WeightB);
                        for (int c = 0; c < walk.CountC; c++, sourceAt += walk.SourceC, weightAt += walk.WeightC)
                        {
                            ref T s = ref Unsafe.Add(ref src, sourceAt);
                            TL x0 = TL.Load(ref s), x1 = TL.Load(ref Unsafe.Add(ref s, lanes));
                            TL x2 = TL.Load(ref Unsafe.Add(ref s, 2 * lanes)), x3 = TL.Load(ref Unsafe.Add(ref s, 3 * lanes));
                            ref T wt = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), weightAt);
                            TL wm = TL.Create(Unsafe.Add(ref wt, b0));
                            a00 = TL.MultiplyAdd(wm, x0, a00); a01 = TL.MultiplyAdd(wm, x1, a01); a02 = TL.MultiplyAdd(wm, x2, a02); a03 = TL.MultiplyAdd(wm, x3, a03);
                            wm = TL.Create(Unsafe.Add(ref wt, b1));
                            a10 = TL.MultiplyAdd(wm, x0, a10); a11 = TL.MultiplyAdd(wm, x1, a11); a12 = TL.MultiplyAdd(wm, x2, a12); a13 = TL.MultiplyAdd(wm, x3, a13);
                            wm = TL.Create(Unsafe.Add(ref wt, b2));
                            a20 = TL.MultiplyAdd(wm, x0, a20); a21 = TL.MultiplyAdd(wm, x1, a21); a22 = TL.MultiplyAdd(wm, x2, a22); a23 = TL.MultiplyAdd(wm, x3, a23);
                            wm = TL.Create(Unsafe.Add(ref wt, b3));
                            a30 = TL.MultiplyAdd(wm, x0, a30); a31 = TL.MultiplyAdd(wm, x1, a31); a32 = TL.MultiplyAdd(wm, x2, a32); a33 = TL.MultiplyAdd(wm, x3, a33);
                            wm = TL.Create(Unsafe.Add(ref wt, b4));
                            a40 = TL.MultiplyAdd(wm, x0, a40); a41 = TL.MultiplyAdd(wm, x1, a41); a42 = TL.MultiplyAdd(wm, x2, a42); a43 = TL.MultiplyAdd(wm, x3, a43);
                            wm = TL.Create(Unsafe.Add(ref wt, b5));
                            a50 = TL.MultiplyAdd(wm, x0, a50); a51 = TL.MultiplyAdd(wm, x1, a51); a52 = TL.MultiplyAdd(wm, x2, a52); a53 = TL.MultiplyAdd(wm, x3, a53);
                        }
                    }
                }

                ref T o0 = ref output[(m0 * outStride) + p0];
                StoreRow(a00, a01, a02, a03, ref o0, positions - p0, tail);
                if (rows > 1) { StoreRow(a10, a11, a12, a13, ref Unsafe.Add(ref o0, outStride), positions - p0, tail); }
                if (rows > 2) { StoreRow(a20, a21, a22, a23, ref Unsafe.Add(ref o0, 2 * outStride), positions - p0, tail); }
                if (rows > 3) { StoreRow(a30, a31, a32, a33, ref Unsafe.Add(ref o0, 3 * outStride), positions - p0, tail); }
                if (rows > 4) { StoreRow(a40, a41, a42, a43, ref Unsafe.Add(ref o0, 4 * outStride), positions - p0, tail); }
                if (rows > 5) { StoreRow(a50, a51, a52, a53, ref Unsafe.Add(ref o0, 5 * outStride), positions - p0, tail); }
            }
        }

        static T Init(ReadOnlySpan<T> init, int m0, int rows, int m) => init.IsEmpty ? T.Zero : init[m0 + Math.Min(m, rows - 1)];
    }

    // Stores the first `remaining` of a tile row's 4 registers: whole registers directly, a partial one through tail, so
    // nothing past the row is written (it may be the next output row).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TL>(TL r0, TL r1, TL r2, TL r3, ref T destination, int remaining, Span<T> tail)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int lanes = TL.Count;
        if (remaining >= ProductRegisters * lanes)
        {
            TL.Store(r0, ref destination);
            TL.Store(r1, ref Unsafe.Add(ref destination, lanes));
            TL.Store(r2, ref Unsafe.Add(ref destination, 2 * lanes));
            TL.Store(r3, ref Unsafe.Add(ref destination, 3 * lanes));
            return;
        }

        ref T t = ref MemoryMarshal.GetReference(tail);
        TL.Store(r0, ref t);
        TL.Store(r1, ref Unsafe.Add(ref t, lanes));
        TL.Store(r2, ref Unsafe.Add(ref t, 2 * lanes));
        TL.Store(r3, ref Unsafe.Add(ref t, 3 * lanes));
        tail.Slice(0, remaining).CopyTo(MemoryMarshal.CreateSpan(ref destination, remaining));
    }
}
