using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// Row-shifted copies: the operand layout of the direct kernels (RowProduct, RowGradient), for StrideY = 1.
//   rows[(c·KW + v)·Hp·OW + r·OW + j] = x[c, r − PadY, j·StrideX − PadX + v]   (0 outside),  Hp = Height + 2·PadY
// With stride 1 down the rows, tap (c, u, v) at output position p = i·OW + j reads rows[(c·KW + v)·Hp·OW + u·OW + p]:
// one contiguous run over all output positions, so a register holds consecutive positions with no unused lanes and
// no per-row edges. It is im2col with the kernel rows folded away: KH times smaller (LeNet's conv1: 3,360 values
// against 14,400; conv2: 2,880 against 9,600), so it is cheap to make and stays in the first-level cache.
public static partial class Convolution2DKernels
{
    // Values past the end of every row buffer that a last, partial block of registers may read (4 registers of 16
    // floats). They are zeroed and never stored from.
    private const int RowSlack = 64;

    // True when the direct kernels apply: stride 1 down the rows (any stride across, any padding) and a kernel larger
    // than a pointwise one (which is a plain matrix product on the input itself), on hardware with vector registers.
    internal static bool UsesRows(in Convolution2DShape s) =>
        s.StrideY == 1 && !IsPointwise(s) && Vector128.IsHardwareAccelerated;

    // Values of the row-shifted input of one group, slack included, rounded up to whole 64-byte lines (what follows it
    // in scratch stays aligned).
    private static int RowsLength(in Convolution2DShape s) =>
        ((s.GroupInChannels * s.KernelWidth * (s.Height + (2 * s.PadY)) * s.OutWidth) + RowSlack + AlignmentSlack - 1) / AlignmentSlack * AlignmentSlack;

    // Values of scratch skipped at most to start the direct kernels' buffers on a 64-byte line (16 floats).
    private const int AlignmentSlack = 16;

    // scratch from its first 64-byte aligned element on: the direct kernels load whole registers at every position, and
    // a register that straddles two cache lines costs two loads. Only speed depends on it (if the collector moves the
    // array meanwhile, the results are the same), so an unpinned address is good enough.
    private static unsafe Span<T> Aligned<T>(Span<T> scratch)
        where T : unmanaged
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(scratch));
        int skip = (int)((64 - (address & 63)) & 63);
        return skip % sizeof(T) == 0 && skip / sizeof(T) <= AlignmentSlack ? scratch.Slice(skip / sizeof(T)) : scratch;
    }

    // The input gradient goes through rows only when at least half of each ∂L/∂Y row block is data: ∂L/∂Y is padded with
    // KH − 1 zero rows on both sides, which the kernel multiplies like any other value.
    internal static bool InputGradientUsesRows(in Convolution2DShape s) =>
        UsesRows(s) && s.OutHeight >= s.KernelHeight - 1;

    // Values of the zero-padded ∂L/∂Y of one group, slack included: OH + 2·(KH − 1) rows of OW per output channel.
    private static int PaddedGradientLength(in Convolution2DShape s) =>
        (s.GroupOutChannels * (s.OutHeight + (2 * (s.KernelHeight - 1))) * s.OutWidth) + RowSlack;

    /// <summary>Fills rows (see the file's comment) from the group's input channels x, slack zeroed.</summary>
    internal static void ToRows<T>(in Convolution2DShape s, ReadOnlySpan<T> x, Span<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outWidth = s.OutWidth, height = s.Height, width = s.Width, strideX = s.StrideX, padded = height + (2 * s.PadY);
        int planeLength = height * width, region = padded * outWidth;
        for (int c = 0; c < s.GroupInChannels; c++)
        {
            ReadOnlySpan<T> plane = x.Slice(c * planeLength, planeLength);
            for (int v = 0; v < s.KernelWidth; v++)
            {
                Span<T> target = rows.Slice(((c * s.KernelWidth) + v) * region, region);
                (int first, int end) = Inside(width, s.PadX, strideX, v, outWidth);

                // Padding rows in two blocks; inside rows clear only the edges they have (no calls on the common
                // unpadded row, which is one short copy: these rows are 8 to 30 values).
                target.Slice(0, s.PadY * outWidth).Clear();
                target.Slice((s.PadY + height) * outWidth).Clear();
                for (int h = 0; h < height; h++)
                {
                    Span<T> row = target.Slice((s.PadY + h) * outWidth, outWidth);
                    if (end == first)
                    {
                        row.Clear();
                        continue;
                    }

                    if (first > 0)
                    {
                        row.Slice(0, first).Clear();
                    }

                    if (end < outWidth)
                    {
                        row.Slice(end).Clear();
                    }

                    ref T source = ref Unsafe.AsRef(in plane[(h * width) + (first * strideX) - s.PadX + v]);
                    if (strideX == 1)
                    {
                        Runs.Copy(ref source, ref row[first], end - first);
                    }
                    else
                    {
                        for (int j = first; j < end; j++)
                        {
                            row[j] = Unsafe.Add(ref source, (j - first) * strideX);
                        }
                    }
                }
            }
        }

        rows.Slice(s.GroupInChannels * s.KernelWidth * region, RowSlack).Clear();
    }

    /// <summary>The group's ∂L/∂Y with KH − 1 zero rows above and below each channel, slack zeroed.</summary>
    private static void ToPaddedGradient<T>(in Convolution2DShape s, ReadOnlySpan<T> dy, Span<T> padded)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = s.OutHeight * s.OutWidth, margin = (s.KernelHeight - 1) * s.OutWidth, region = positions + (2 * margin);
        padded.Slice(0, PaddedGradientLength(s)).Clear();
        for (int o = 0; o < s.GroupOutChannels; o++)
        {
            dy.Slice(o * positions, positions).CopyTo(padded.Slice((o * region) + margin, positions));
        }
    }

    /// <summary>dx = the adjoint of ToRows applied to rows: each value is added back where ToRows copied it from (overwrites dx).</summary>
    private static void FromRows<T>(in Convolution2DShape s, ReadOnlySpan<T> rows, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outWidth = s.OutWidth, height = s.Height, width = s.Width, strideX = s.StrideX, padded = height + (2 * s.PadY);
        int planeLength = height * width, region = padded * outWidth;
        dx.Slice(0, s.GroupInChannels * planeLength).Clear();

        // v outermost: consecutive additions into the same input row are a whole plane apart, so no store waits on an
        // overlapping, differently aligned store before it. Each input value sums its taps v in ascending order.
        for (int v = 0; v < s.KernelWidth; v++)
        {
            (int first, int end) = Inside(width, s.PadX, strideX, v, outWidth);
            if (end == first)
            {
                continue;
            }

            for (int c = 0; c < s.GroupInChannels; c++)
            {
                Span<T> plane = dx.Slice(c * planeLength, planeLength);
                ReadOnlySpan<T> source = rows.Slice((((c * s.KernelWidth) + v) * region) + (s.PadY * outWidth), height * outWidth);
                for (int h = 0; h < height; h++)
                {
                    ref T from = ref Unsafe.AsRef(in source[(h * outWidth) + first]);
                    ref T to = ref plane[(h * width) + (first * strideX) - s.PadX + v];
                    if (strideX == 1)
                    {
                        Runs.Add(ref from, ref to, end - first);
                    }
                    else
                    {
                        for (int j = 0; j < end - first; j++)
                        {
                            Unsafe.Add(ref to, j * strideX) += Unsafe.Add(ref from, j);
                        }
                    }
                }
            }
        }
    }
}
