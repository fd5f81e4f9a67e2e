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
    private const int ProductRows = 6, ProductRegisters = 4, ProductTapChunk = 512;

    /// <summary>Taps in three nested loops (A outermost); each offset is Base + a·StepA + b·StepB + c·StepC.</summary>
    internal readonly record struct TapWalk(
        int CountA, int CountB, int CountC, int SourceBase, int SourceA, int SourceB, int SourceC, int WeightA, int WeightB, int WeightC);

    // out rows m < rowCount at out[m·outStride], weights of row m from w[weightBase(m)], initial values init(m) (bias or 0).
    // Row m's weights start at (m / weightInnerCount)·weightRowStep + (m % weightInnerCount)·weightInnerStep: forward rows
    // are output channels (inner count 1); input-gradient rows are (channel, kernel column) pairs. init empty means 0.
    // The taps' offsets go into a small table first, a chunk of ProductTapChunk taps at a time, so that the hot loop
    // is one flat loop the JIT keeps in registers (nested tap loops made it spill the 24 sums on every tap). Chunks after
    // the first continue from the partial sums stored in out: the same additions in the same order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // every stack table is written before it is read
    internal static void RowProduct<T, TL>(
        ReadOnlySpan<T> source, in TapWalk walk, ReadOnlySpan<T> w, int rowCount, int weightRowStep, int weightInnerCount, int weightInnerStep,
        ReadOnlySpan<T> init, Span<T> output, int outStride, int positions)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        Span<int> weightBase = stackalloc int[ProductRows];
        Span<T> tile = stackalloc T[ProductRows * ProductRegisters * TL.Count];
        Span<int> table = stackalloc int[2 * ProductTapChunk]; // per tap: source offset, weight offset
        int taps = walk.CountA * walk.CountB * walk.CountC, a = 0, b = 0, c = 0;

        // Tiles of 3 registers when they waste fewer lanes past the last position than tiles of 4 (LeNet's conv2 input
        // gradient: 96 positions, 6 registers: 2 tiles of 3 rather than 2 of 4 with 2 empty).
        int registers = (positions + TL.Count - 1) / TL.Count;
        bool three = (-registers & 3) > (-registers % 3 + 3) % 3 && registers > 2;
        for (int t0 = 0; t0 < taps; t0 += ProductTapChunk)
        {
            int count = Math.Min(ProductTapChunk, taps - t0);
            for (int t = 0; t < count; t++)
            {
                table[2 * t] = walk.SourceBase + (a * walk.SourceA) + (b * walk.SourceB) + (c * walk.SourceC);
                table[(2 * t) + 1] = (a * walk.WeightA) + (b * walk.WeightB) + (c * walk.WeightC);
                if (++c == walk.CountC)
                {
                    c = 0;
                    if (++b == walk.CountB)
                    {
                        b = 0;
                        a++;
                    }
                }
            }

            for (int m0 = 0; m0 < rowCount; m0 += ProductRows)
            {
                int rows = Math.Min(ProductRows, rowCount - m0);
                for (int m = 0; m < ProductRows; m++)
                {
                    int row = m0 + Math.Min(m, rows - 1); // rows past the end repeat the last and are not stored
                    weightBase[m] = ((row / weightInnerCount) * weightRowStep) + ((row % weightInnerCount) * weightInnerStep);
                }

                if (three)
                {
                    ProductTile<T, TL, ThreeRegisters>(
                        source, w, table.Slice(0, 2 * count), weightBase, t0 == 0 ? init : default, t0 == 0,
                        output.Slice(m0 * outStride), outStride, rows, m0, positions, tile);
                }
                else
                {
                    ProductTile<T, TL, FourRegisters>(
                        source, w, table.Slice(0, 2 * count), weightBase, t0 == 0 ? init : default, t0 == 0,
                        output.Slice(m0 * outStride), outStride, rows, m0, positions, tile);
                }
            }
        }
    }

    // One block of up to 6 rows over all positions, for one chunk of taps, TR registers of positions per tile (the 4th
    // register's loads and sums fold away when TR is 3).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ProductTile<T, TL, TR>(
        ReadOnlySpan<T> source, ReadOnlySpan<T> w, ReadOnlySpan<int> table, ReadOnlySpan<int> weightBase,
        ReadOnlySpan<T> init, bool first, Span<T> output, int outStride, int rows, int m0, int positions, Span<T> tile)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
        where TR : struct, IRegisterCount
    {
        int lanes = TL.Count, width = TR.Value * lanes;
        nint b0 = weightBase[0], b1 = weightBase[1], b2 = weightBase[2], b3 = weightBase[3], b4 = weightBase[4], b5 = weightBase[5];
        ref T src = ref MemoryMarshal.GetReference(source);
        ref T weights = ref MemoryMarshal.GetReference(w);
        ref int entries = ref MemoryMarshal.GetReference(table);
        ref int end = ref Unsafe.Add(ref entries, table.Length);
        ref T o0 = ref MemoryMarshal.GetReference(output);
        for (int p0 = 0; p0 < positions; p0 += width)
        {
            int remaining = positions - p0;
            TL a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
            if (first)
            {
                a00 = a01 = a02 = a03 = TL.Create(Init(init, m0, rows, 0));
                a10 = a11 = a12 = a13 = TL.Create(Init(init, m0, rows, 1));
                a20 = a21 = a22 = a23 = TL.Create(Init(init, m0, rows, 2));
                a30 = a31 = a32 = a33 = TL.Create(Init(init, m0, rows, 3));
                a40 = a41 = a42 = a43 = TL.Create(Init(init, m0, rows, 4));
                a50 = a51 = a52 = a53 = TL.Create(Init(init, m0, rows, 5));
            }
            else
            {
                // Continue from out. A partial tile is first copied whole into tile: no call (a copy) may run while a sum
                // is live, or the JIT keeps every sum on the stack, stored on every tap.
                ref T from = ref Unsafe.Add(ref o0, p0);
                nint step = outStride;
                if (remaining < width)
                {
                    tile.Clear();
                    for (int m = 0; m < rows; m++)
                    {
                        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref o0, (m * outStride) + p0), remaining).CopyTo(tile.Slice(m * ProductRegisters * lanes));
                    }

                    from = ref MemoryMarshal.GetReference(tile);
                    step = ProductRegisters * lanes;
                }

                // Rows past the end load the last row again (never stored).
                LoadRow<T, TL, TR>(out a00, out a01, out a02, out a03, ref from);
                LoadRow<T, TL, TR>(out a10, out a11, out a12, out a13, ref Unsafe.Add(ref from, Math.Min(1, rows - 1) * step));
                LoadRow<T, TL, TR>(out a20, out a21, out a22, out a23, ref Unsafe.Add(ref from, Math.Min(2, rows - 1) * step));
                LoadRow<T, TL, TR>(out a30, out a31, out a32, out a33, ref Unsafe.Add(ref from, Math.Min(3, rows - 1) * step));
                LoadRow<T, TL, TR>(out a40, out a41, out a42, out a43, ref Unsafe.Add(ref from, Math.Min(4, rows - 1) * step));
                LoadRow<T, TL, TR>(out a50, out a51, out a52, out a53, ref Unsafe.Add(ref from, Math.Min(5, rows - 1) * step));
            }

            ref T start = ref Unsafe.Add(ref src, p0);
            // Walked by reference to its end: with a counter and two tables the loop needs more general registers than x64
            // has, and the JIT's spill stores to the stack then stall the loads that follow whenever they alias them
            // modulo 4 KiB (it made the time of a call depend on where the arrays happened to lie: 2 or 6 µs).
            for (ref int e = ref entries; Unsafe.IsAddressLessThan(ref e, ref end); e = ref Unsafe.Add(ref e, 2))
            {
                ref T s = ref Unsafe.Add(ref start, e);
                TL x0 = TL.Load(ref s), x1 = TL.Load(ref Unsafe.Add(ref s, lanes));
                TL x2 = TL.Load(ref Unsafe.Add(ref s, 2 * lanes)), x3 = TR.Value > 3 ? TL.Load(ref Unsafe.Add(ref s, 3 * lanes)) : default;
                ref T wt = ref Unsafe.Add(ref weights, Unsafe.Add(ref e, 1));
                TL wm = TL.Create(Unsafe.Add(ref wt, b0));
                a00 = TL.MultiplyAdd(wm, x0, a00); a01 = TL.MultiplyAdd(wm, x1, a01); a02 = TL.MultiplyAdd(wm, x2, a02); a03 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a03) : a03;
                wm = TL.Create(Unsafe.Add(ref wt, b1));
                a10 = TL.MultiplyAdd(wm, x0, a10); a11 = TL.MultiplyAdd(wm, x1, a11); a12 = TL.MultiplyAdd(wm, x2, a12); a13 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a13) : a13;
                wm = TL.Create(Unsafe.Add(ref wt, b2));
                a20 = TL.MultiplyAdd(wm, x0, a20); a21 = TL.MultiplyAdd(wm, x1, a21); a22 = TL.MultiplyAdd(wm, x2, a22); a23 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a23) : a23;
                wm = TL.Create(Unsafe.Add(ref wt, b3));
                a30 = TL.MultiplyAdd(wm, x0, a30); a31 = TL.MultiplyAdd(wm, x1, a31); a32 = TL.MultiplyAdd(wm, x2, a32); a33 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a33) : a33;
                wm = TL.Create(Unsafe.Add(ref wt, b4));
                a40 = TL.MultiplyAdd(wm, x0, a40); a41 = TL.MultiplyAdd(wm, x1, a41); a42 = TL.MultiplyAdd(wm, x2, a42); a43 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a43) : a43;
                wm = TL.Create(Unsafe.Add(ref wt, b5));
                a50 = TL.MultiplyAdd(wm, x0, a50); a51 = TL.MultiplyAdd(wm, x1, a51); a52 = TL.MultiplyAdd(wm, x2, a52); a53 = TR.Value > 3 ? TL.MultiplyAdd(wm, x3, a53) : a53;
            }

            // Whole tiles go straight to out; a partial one goes to tile first, then its valid part is copied (the copies
            // must come after the last use of the sums, see above). Nothing past a row is written: it may be the next row.
            bool whole = remaining >= width;
            ref T to = ref whole ? ref Unsafe.Add(ref o0, p0) : ref MemoryMarshal.GetReference(tile);
            nint stride = whole ? outStride : ProductRegisters * lanes;
            StoreRow<T, TL, TR>(a00, a01, a02, a03, ref to);
            StoreRow<T, TL, TR>(a10, a11, a12, a13, ref Unsafe.Add(ref to, Math.Min(1, rows - 1) * stride));
            StoreRow<T, TL, TR>(a20, a21, a22, a23, ref Unsafe.Add(ref to, Math.Min(2, rows - 1) * stride));
            StoreRow<T, TL, TR>(a30, a31, a32, a33, ref Unsafe.Add(ref to, Math.Min(3, rows - 1) * stride));
            StoreRow<T, TL, TR>(a40, a41, a42, a43, ref Unsafe.Add(ref to, Math.Min(4, rows - 1) * stride));
            StoreRow<T, TL, TR>(a50, a51, a52, a53, ref Unsafe.Add(ref to, Math.Min(5, rows - 1) * stride));
            if (!whole)
            {
                for (int m = 0; m < rows; m++)
                {
                    tile.Slice(m * ProductRegisters * lanes, remaining).CopyTo(output.Slice((m * outStride) + p0, remaining));
                }
            }
        }

        static T Init(ReadOnlySpan<T> init, int m0, int rows, int m) => init.IsEmpty ? T.Zero : init[m0 + Math.Min(m, rows - 1)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<T, TL, TR>(out TL r0, out TL r1, out TL r2, out TL r3, ref T source)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
        where TR : struct, IRegisterCount
    {
        int lanes = TL.Count;
        r0 = TL.Load(ref source);
        r1 = TL.Load(ref Unsafe.Add(ref source, lanes));
        r2 = TL.Load(ref Unsafe.Add(ref source, 2 * lanes));
        r3 = TR.Value > 3 ? TL.Load(ref Unsafe.Add(ref source, 3 * lanes)) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TL, TR>(TL r0, TL r1, TL r2, TL r3, ref T destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
        where TR : struct, IRegisterCount
    {
        int lanes = TL.Count;
        TL.Store(r0, ref destination);
        TL.Store(r1, ref Unsafe.Add(ref destination, lanes));
        TL.Store(r2, ref Unsafe.Add(ref destination, 2 * lanes));
        if (TR.Value > 3)
        {
            TL.Store(r3, ref Unsafe.Add(ref destination, 3 * lanes));
        }
    }

    /// <summary>Registers of positions per tile, as a type so that the JIT compiles each count separately.</summary>
    internal interface IRegisterCount
    {
        static abstract int Value { get; }
    }

    private struct FourRegisters : IRegisterCount
    {
        public static int Value => 4;
    }

    private struct ThreeRegisters : IRegisterCount
    {
        public static int Value => 3;
    }
}
