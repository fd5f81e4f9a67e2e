using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

// The weight gradient vectorised along output channels, reading the input image directly (no im2col):
//   ∂L/∂W[o, k] += Σ_i,j x[c, i·sy + u, j·sx + v] · ∂L/∂Yᵀ[i·OW + j, o]     for tap k = (c, u, v), no padding
// A tile is 8 taps × one register of output channels: per output position, one load of ∂L/∂Yᵀ, 8 broadcasts of input
// values and 8 fused multiply-adds into 8 independent chains. Each sum runs over the positions in ascending order.
public static partial class Convolution2DKernels
{
    private const int ChannelTileTaps = 8;

    // dw[o, k] += Σ_p x(k, p) · dyT[p, o] for every tap k and output channel o of one group; dyT: scratch for ∂L/∂Yᵀ.
    private static void ChannelGradient<T>(in Convolution2DShape s, ReadOnlySpan<T> xg, ReadOnlySpan<T> dy, Span<T> dyT, Span<T> dw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = s.GroupOutChannels;
        if (Vector512.IsHardwareAccelerated && channels % Vector512<T>.Count == 0)
        {
            ChannelGradient<T, Lanes512<T>>(s, xg, dy, dyT, dw);
        }
        else if (Vector256.IsHardwareAccelerated && channels % Vector256<T>.Count == 0)
        {
            ChannelGradient<T, Lanes256<T>>(s, xg, dy, dyT, dw);
        }
        else if (Vector128.IsHardwareAccelerated && channels % Vector128<T>.Count == 0)
        {
            ChannelGradient<T, Lanes128<T>>(s, xg, dy, dyT, dw);
        }
        else
        {
            ChannelGradient<T, ScalarLane<T>>(s, xg, dy, dyT, dw);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ChannelGradient<T, TL>(in Convolution2DShape s, ReadOnlySpan<T> xg, ReadOnlySpan<T> dyg, Span<T> dyT, Span<T> dw)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int channels = s.GroupOutChannels, outHeight = s.OutHeight, outWidth = s.OutWidth, width = s.Width;
        int taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth, rowStep = s.StrideY * width, columnStep = s.StrideX;
        Span<int> start = stackalloc int[ChannelTileTaps];
        Span<T> tile = stackalloc T[ChannelTileTaps * TL.Count];
        ref T x = ref MemoryMarshal.GetReference(xg);
        ref T dy = ref MemoryMarshal.GetReference(dyT);

        // ∂L/∂Yᵀ[p, o], a register of channels per gather: one instruction per TL.Count values, where a scalar
        // transpose cost more than a tenth of the whole gradient.
        int positions = outHeight * outWidth;
        ref T source = ref MemoryMarshal.GetReference(dyg);
        for (int o = 0; o < channels; o += TL.Count)
        {
            for (int p = 0; p < positions; p++)
            {
                TL.Store(TL.Gather(ref Unsafe.Add(ref source, (o * positions) + p), positions), ref Unsafe.Add(ref dy, (p * channels) + o));
            }
        }

        int c = 0, u = 0, v = 0; // tap k0 = (c, u, v), stepped without division
        for (int k0 = 0; k0 < taps; k0 += ChannelTileTaps)
        {
            // Where each tap of the tile reads the input at output position (0, 0); taps past the end repeat the last one.
            int count = Math.Min(ChannelTileTaps, taps - k0);
            for (int r = 0; r < count; r++)
            {
                start[r] = (((c * s.Height) + u) * width) + v;
                if (++v == s.KernelWidth)
                {
                    v = 0;
                    if (++u == s.KernelHeight)
                    {
                        u = 0;
                        c++;
                    }
                }
            }

            for (int r = count; r < ChannelTileTaps; r++)
            {
                start[r] = start[count - 1];
            }

            nint x0 = start[0], x1 = start[1], x2 = start[2], x3 = start[3], x4 = start[4], x5 = start[5], x6 = start[6], x7 = start[7];
            for (int o = 0; o < channels; o += TL.Count)
            {
                TL zero = TL.Create(T.Zero);
                TL s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero;
                ref T d = ref Unsafe.Add(ref dy, o);
                for (int i = 0; i < outHeight; i++)
                {
                    ref T row = ref Unsafe.Add(ref x, i * rowStep);
                    for (int j = 0, n = 0; j < outWidth; j++, n += columnStep)
                    {
                        TL g = TL.Load(ref d);
                        ref T at = ref Unsafe.Add(ref row, n);
                        s0 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x0)), s0);
                        s1 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x1)), s1);
                        s2 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x2)), s2);
                        s3 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x3)), s3);
                        s4 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x4)), s4);
                        s5 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x5)), s5);
                        s6 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x6)), s6);
                        s7 = TL.MultiplyAdd(g, TL.Create(Unsafe.Add(ref at, x7)), s7);
                        d = ref Unsafe.Add(ref d, channels);
                    }
                }

                // Straight into ∂L/∂W[o, k] through a small stack tile: a register holds one tap for TL.Count channels,
                // ∂L/∂W wants one channel's taps together, and a separate transposed ∂L/∂Wᵀ cost a strided pass over all
                // the weights afterwards. Each weight still gets exactly one addition of its full sum.
                ref T t = ref MemoryMarshal.GetReference(tile);
                int lanes = TL.Count;
                TL.Store(s0, ref t);
                TL.Store(s1, ref Unsafe.Add(ref t, lanes));
                TL.Store(s2, ref Unsafe.Add(ref t, 2 * lanes));
                TL.Store(s3, ref Unsafe.Add(ref t, 3 * lanes));
                TL.Store(s4, ref Unsafe.Add(ref t, 4 * lanes));
                TL.Store(s5, ref Unsafe.Add(ref t, 5 * lanes));
                TL.Store(s6, ref Unsafe.Add(ref t, 6 * lanes));
                TL.Store(s7, ref Unsafe.Add(ref t, 7 * lanes));
                ref T weights = ref Unsafe.Add(ref MemoryMarshal.GetReference(dw), (o * taps) + k0);
                for (int l = 0; l < lanes; l++, weights = ref Unsafe.Add(ref weights, taps))
                {
                    for (int r = 0; r < count; r++)
                    {
                        Unsafe.Add(ref weights, r) += Unsafe.Add(ref t, (r * lanes) + l);
                    }
                }
            }
        }
    }
}
