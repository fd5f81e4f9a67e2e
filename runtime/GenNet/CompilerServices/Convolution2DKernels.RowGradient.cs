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

    // dw: the group's GroupOut × taps gradient (accumulated into); dy: the group's GroupOut × positions ∂L/∂Y.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // every stack table is written before it is read
    internal static void RowGradient<T, TL>(in Convolution2DShape s, ReadOnlySpan<T> rows, ReadOnlySpan<T> dy, Span<T> dw)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int lanes = TL.Count, positions = s.OutHeight * s.OutWidth, full = positions / lanes * lanes, rest = positions - full;
        int channels = s.GroupOutChannels, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth, kernel = s.KernelHeight * s.KernelWidth;
        int region = (s.Height + (2 * s.PadY)) * s.OutWidth;
        Span<T> tailGradient = stackalloc T[GradientChannels * TL.Count];
        Span<T> laneIndex = stackalloc T[TL.Count];
        for (int l = 0; l < lanes; l++)
        {
            laneIndex[l] = T.CreateTruncating(l);
        }

        TL zero = TL.Create(T.Zero), index = TL.Load(ref MemoryMarshal.GetReference(laneIndex)), limit = TL.Create(T.CreateTruncating(rest));
        Span<int> tapAt = stackalloc int[GradientTaps];
        ref T src = ref MemoryMarshal.GetReference(rows);
        for (int o0 = 0; o0 < channels; o0 += GradientChannels)
        {
            int count = Math.Min(GradientChannels, channels - o0);

            // Channels past the end repeat the last one and are not stored.
            ref T g0 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(0, count - 1)) * positions]);
            ref T g1 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(1, count - 1)) * positions]);
            ref T g2 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(2, count - 1)) * positions]);
            ref T g3 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(3, count - 1)) * positions]);
            ref T g4 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(4, count - 1)) * positions]);
            ref T g5 = ref Unsafe.AsRef(in dy[(o0 + Math.Min(5, count - 1)) * positions]);
            if (rest > 0)
            {
                tailGradient.Clear();
                for (int m = 0; m < count; m++)
                {
                    dy.Slice(((o0 + m) * positions) + full, rest).CopyTo(tailGradient.Slice(m * lanes, rest));
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

                ref T r0 = ref Unsafe.Add(ref src, tapAt[0]), r1 = ref Unsafe.Add(ref src, tapAt[1]);
                ref T r2 = ref Unsafe.Add(ref src, tapAt[2]), r3 = ref Unsafe.Add(ref src, tapAt[3]);
                TL a00 = zero, a01 = zero, a02 = zero, a03 = zero, a10 = zero, a11 = zero, a12 = zero, a13 = zero;
                TL a20 = zero, a21 = zero, a22 = zero, a23 = zero, a30 = zero, a31 = zero, a32 = zero, a33 = zero;
                TL a40 = zero, a41 = zero, a42 = zero, a43 = zero, a50 = zero, a51 = zero, a52 = zero, a53 = zero;
                for (int p = 0; p <= positions; p += lanes)
                {
                    TL x0, x1, x2, x3, d0, d1, d2, d3, d4, d5;
                    if (p < full)
                    {
                        x0 = TL.Load(ref Unsafe.Add(ref r0, p)); x1 = TL.Load(ref Unsafe.Add(ref r1, p));
                        x2 = TL.Load(ref Unsafe.Add(ref r2, p)); x3 = TL.Load(ref Unsafe.Add(ref r3, p));
                        d0 = TL.Load(ref Unsafe.Add(ref g0, p)); d1 = TL.Load(ref Unsafe.Add(ref g1, p)); d2 = TL.Load(ref Unsafe.Add(ref g2, p));
                        d3 = TL.Load(ref Unsafe.Add(ref g3, p)); d4 = TL.Load(ref Unsafe.Add(ref g4, p)); d5 = TL.Load(ref Unsafe.Add(ref g5, p));
                    }
                    else if (rest > 0)
                    {
                        // The last, partial register: rows past the positions belong to the next tap's run (masked out).
                        x0 = TL.SelectGreaterThan(limit, index, TL.Load(ref Unsafe.Add(ref r0, p)), zero);
                        x1 = TL.SelectGreaterThan(limit, index, TL.Load(ref Unsafe.Add(ref r1, p)), zero);
                        x2 = TL.SelectGreaterThan(limit, index, TL.Load(ref Unsafe.Add(ref r2, p)), zero);
                        x3 = TL.SelectGreaterThan(limit, index, TL.Load(ref Unsafe.Add(ref r3, p)), zero);
                        ref T t = ref MemoryMarshal.GetReference(tailGradient);
                        d0 = TL.Load(ref Unsafe.Add(ref t, Math.Min(0, count - 1) * lanes)); d1 = TL.Load(ref Unsafe.Add(ref t, Math.Min(1, count - 1) * lanes));
                        d2 = TL.Load(ref Unsafe.Add(ref t, Math.Min(2, count - 1) * lanes)); d3 = TL.Load(ref Unsafe.Add(ref t, Math.Min(3, count - 1) * lanes));
                        d4 = TL.Load(ref Unsafe.Add(ref t, Math.Min(4, count - 1) * lanes)); d5 = TL.Load(ref Unsafe.Add(ref t, Math.Min(5, count - 1) * lanes));
                    }
                    else
                    {
                        break;
                    }

                    a00 = TL.MultiplyAdd(d0, x0, a00); a01 = TL.MultiplyAdd(d0, x1, a01); a02 = TL.MultiplyAdd(d0, x2, a02); a03 = TL.MultiplyAdd(d0, x3, a03);
                    a10 = TL.MultiplyAdd(d1, x0, a10); a11 = TL.MultiplyAdd(d1, x1, a11); a12 = TL.MultiplyAdd(d1, x2, a12); a13 = TL.MultiplyAdd(d1, x3, a13);
                    a20 = TL.MultiplyAdd(d2, x0, a20); a21 = TL.MultiplyAdd(d2, x1, a21); a22 = TL.MultiplyAdd(d2, x2, a22); a23 = TL.MultiplyAdd(d2, x3, a23);
                    a30 = TL.MultiplyAdd(d3, x0, a30); a31 = TL.MultiplyAdd(d3, x1, a31); a32 = TL.MultiplyAdd(d3, x2, a32); a33 = TL.MultiplyAdd(d3, x3, a33);
                    a40 = TL.MultiplyAdd(d4, x0, a40); a41 = TL.MultiplyAdd(d4, x1, a41); a42 = TL.MultiplyAdd(d4, x2, a42); a43 = TL.MultiplyAdd(d4, x3, a43);
                    a50 = TL.MultiplyAdd(d5, x0, a50); a51 = TL.MultiplyAdd(d5, x1, a51); a52 = TL.MultiplyAdd(d5, x2, a52); a53 = TL.MultiplyAdd(d5, x3, a53);
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
