using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The weight gradient vectorised along output positions, on row-shifted input (Rows), for few output channels and
// many positions (LeNet's conv1: 6 channels × 576 positions):
//   ∂L/∂W[o, k] += Σ_p ∂L/∂Y[o, p] · rows[offset(k) + p]        tap k = (c, u, v), offset(k) = (c·KW + v)·Hp·OW + u·OW
// A tile is 6 output channels × 4 taps: per register of positions, 6 loads of ∂L/∂Y, 4 of rows and 24 fused
// multiply-adds into 24 independent chains; each chain's lanes are summed once at the end (fixed order: positions
// ascending within a lane, then the lanes as Sum adds them). The last, partial register reads ∂L/∂Y from a zero-padded
// copy and masks rows, so the sums see exactly the positions there are.
public static partial class Convolution2DKernels
{
    private const int GradientChannels = 6, GradientTaps = 4;

    // Values of the interleaved ∂L/∂Y (RowGradient's packed): 6 channels × positions rounded up to whole registers of 16.
    private static int PackedGradientLength(in Convolution2DShape s) => GradientChannels * (((s.OutHeight * s.OutWidth) + 15) / 16 * 16);

    // dw: the group's GroupOut × taps gradient (accumulated into); dy: the group's GroupOut × positions ∂L/∂Y; packed:
    // PackedGradientLength values of scratch. Per block of 6 channels, ∂L/∂Y is first interleaved a register at a time
    // (packed[(p / L)·6·L + m·L + p % L], zeros past the last position), so the hot loop reads all 6 channels at
    // constant offsets from one pointer: 6 separate row pointers left x64 short of general registers, and the spilled ones
    // stalled loads whenever the stack aliased the data modulo 4 KiB (2.9 or 6 µs for conv1, by where the arrays lay).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // every stack table is written before it is read
    internal static void RowGradient<T, TL>(in Convolution2DShape s, ReadOnlySpan<T> rows, ReadOnlySpan<T> dy, Span<T> dw, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int lanes = TL.Count, positions = s.OutHeight * s.OutWidth, registers = (positions + lanes - 1) / lanes, full = positions / lanes;
        int channels = s.GroupOutChannels, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth, kernel = s.KernelHeight * s.KernelWidth;
        int region = (s.Height + (2 * s.PadY)) * s.OutWidth;
        Span<T> laneIndex = stackalloc T[TL.Count];
        for (int l = 0; l < lanes; l++)
        {
            laneIndex[l] = T.CreateTruncating(l);
        }

        // The last, partial register reads rows past the positions (the next tap's run): masked out to exact zeros.
        TL zero = TL.Create(T.Zero), index = TL.Load(ref MemoryMarshal.GetReference(laneIndex)), limit = TL.Create(T.CreateTruncating(positions - (full * lanes)));
        Span<int> tapAt = stackalloc int[GradientTaps];
        ref T src = ref MemoryMarshal.GetReference(rows);
        for (int o0 = 0; o0 < channels; o0 += GradientChannels)
        {
            int count = Math.Min(GradientChannels, channels - o0);
            Span<T> block = packed.Slice(0, registers * GradientChannels * lanes);
            block.Clear();
            for (int m = 0; m < GradientChannels; m++)
            {
                // Channels past the end repeat the last one and are not stored.
                ReadOnlySpan<T> row = dy.Slice((o0 + Math.Min(m, count - 1)) * positions, positions);
                for (int r = 0; r < registers; r++)
                {
                    int length = Math.Min(lanes, positions - (r * lanes));
                    row.Slice(r * lanes, length).CopyTo(block.Slice((((r * GradientChannels) + m) * lanes), length));
                }
            }

            for (int k0 = 0; k0 < taps; k0 += GradientTaps)
            {
                int tapCount = Math.Min(GradientTaps, taps - k0);
                for (int n = 0; n < GradientTaps; n++)
                {
                    int k = k0 + Math.Min(n, tapCount - 1), c = k / kernel, u = k % kernel / s.KernelWidth, v = k % s.KernelWidth;
                    tapAt[n] = (((c * s.KernelWidth) + v) * region) + (u * s.OutWidth);
                }

                ref T r0 = ref Unsafe.Add(ref src, tapAt[0]);
                nint r1 = tapAt[1] - tapAt[0], r2 = tapAt[2] - tapAt[0], r3 = tapAt[3] - tapAt[0];
                ref T g = ref MemoryMarshal.GetReference(block);
                TL a00 = zero, a01 = zero, a02 = zero, a03 = zero, a10 = zero, a11 = zero, a12 = zero, a13 = zero;
                TL a20 = zero, a21 = zero, a22 = zero, a23 = zero, a30 = zero, a31 = zero, a32 = zero, a33 = zero;
                TL a40 = zero, a41 = zero, a42 = zero, a43 = zero, a50 = zero, a51 = zero, a52 = zero, a53 = zero;
                for (int p = 0; p < registers; p++)
                {
                    TL x0 = TL.Load(ref r0), x1 = TL.Load(ref Unsafe.Add(ref r0, r1));
                    TL x2 = TL.Load(ref Unsafe.Add(ref r0, r2)), x3 = TL.Load(ref Unsafe.Add(ref r0, r3));
                    if (p == full)
                    {
                        x0 = TL.SelectGreaterThan(limit, index, x0, zero);
                        x1 = TL.SelectGreaterThan(limit, index, x1, zero);
                        x2 = TL.SelectGreaterThan(limit, index, x2, zero);
                        x3 = TL.SelectGreaterThan(limit, index, x3, zero);
                    }

                    TL d = TL.Load(ref g);
                    a00 = TL.MultiplyAdd(d, x0, a00); a01 = TL.MultiplyAdd(d, x1, a01); a02 = TL.MultiplyAdd(d, x2, a02); a03 = TL.MultiplyAdd(d, x3, a03);
                    d = TL.Load(ref Unsafe.Add(ref g, lanes));
                    a10 = TL.MultiplyAdd(d, x0, a10); a11 = TL.MultiplyAdd(d, x1, a11); a12 = TL.MultiplyAdd(d, x2, a12); a13 = TL.MultiplyAdd(d, x3, a13);
                    d = TL.Load(ref Unsafe.Add(ref g, 2 * lanes));
                    a20 = TL.MultiplyAdd(d, x0, a20); a21 = TL.MultiplyAdd(d, x1, a21); a22 = TL.MultiplyAdd(d, x2, a22); a23 = TL.MultiplyAdd(d, x3, a23);
                    d = TL.Load(ref Unsafe.Add(ref g, 3 * lanes));
                    a30 = TL.MultiplyAdd(d, x0, a30); a31 = TL.MultiplyAdd(d, x1, a31); a32 = TL.MultiplyAdd(d, x2, a32); a33 = TL.MultiplyAdd(d, x3, a33);
                    d = TL.Load(ref Unsafe.Add(ref g, 4 * lanes));
                    a40 = TL.MultiplyAdd(d, x0, a40); a41 = TL.MultiplyAdd(d, x1, a41); a42 = TL.MultiplyAdd(d, x2, a42); a43 = TL.MultiplyAdd(d, x3, a43);
                    d = TL.Load(ref Unsafe.Add(ref g, 5 * lanes));
                    a50 = TL.MultiplyAdd(d, x0, a50); a51 = TL.MultiplyAdd(d, x1, a51); a52 = TL.MultiplyAdd(d, x2, a52); a53 = TL.MultiplyAdd(d, x3, a53);
                    r0 = ref Unsafe.Add(ref r0, lanes);
                    g = ref Unsafe.Add(ref g, GradientChannels * lanes);
                }

                AddSums(a00, a01, a02, a03, dw.Slice((o0 * taps) + k0), tapCount);
                if (count > 1) { AddSums(a10, a11, a12, a13, dw.Slice(((o0 + 1) * taps) + k0), tapCount); }
                if (count > 2) { AddSums(a20, a21, a22, a23, dw.Slice(((o0 + 2) * taps) + k0), tapCount); }
                if (count > 3) { AddSums(a30, a31, a32, a33, dw.Slice(((o0 + 3) * taps) + k0), tapCount); }
                if (count > 4) { AddSums(a40, a41, a42, a43, dw.Slice(((o0 + 4) * taps) + k0), tapCount); }
                if (count > 5) { AddSums(a50, a51, a52, a53, dw.Slice(((o0 + 5) * taps) + k0), tapCount); }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSums<T, TL>(TL s0, TL s1, TL s2, TL s3, Span<T> destination, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        destination[0] += TL.Sum(s0);
        if (count > 1) { destination[1] += TL.Sum(s1); }
        if (count > 2) { destination[2] += TL.Sum(s2); }
        if (count > 3) { destination[3] += TL.Sum(s3); }
    }
}
