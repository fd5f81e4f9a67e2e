using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.CompilerServices;

// im2col and col2im: the column matrix of one group turns each kernel pass into one matrix product.
//   col[(c·KH + u)·KW + v, i·OW + j] = x[c, i·sy − py + u, j·sx − px + v]   (0 outside the image)
// Row k of col is the input seen by kernel tap k at every output position; for stride 1 each output row's slice of it
// is a contiguous run of an input row, copied whole.
public static partial class Convolution2DKernels
{
    // True when col is the input itself (1×1 kernel, stride 1, no padding): no copy, no scratch.
    private static bool IsPointwise(in Convolution2DShape s) =>
        s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideY == 1 && s.StrideX == 1 && s.PadY == 0 && s.PadX == 0;

    /// <summary>Fills col (GroupInChannels·KH·KW rows × OutHeight·OutWidth) from the group's input channels x.</summary>
    private static void ToColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> x, Span<T> col)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, positions = outHeight * outWidth, k = 0;
        for (int c = 0; c < s.GroupInChannels; c++)
        {
            ReadOnlySpan<T> plane = x.Slice(c * s.Height * s.Width, s.Height * s.Width);
            for (int u = 0; u < s.KernelHeight; u++)
            {
                for (int v = 0; v < s.KernelWidth; v++, k++)
                {
                    Span<T> row = col.Slice(k * positions, positions);
                    (int first, int end) = Inside(s.Width, s.PadX, s.StrideX, v, outWidth);
                    for (int i = 0; i < outHeight; i++)
                    {
                        Span<T> destination = row.Slice(i * outWidth, outWidth);
                        int m = (i * s.StrideY) - s.PadY + u;
                        if ((uint)m >= (uint)s.Height)
                        {
                            destination.Clear();
                            continue;
                        }

                        destination.Slice(0, first).Clear();
                        destination.Slice(end).Clear();
                        ReadOnlySpan<T> source = plane.Slice(m * s.Width, s.Width);
                        int n0 = (first * s.StrideX) - s.PadX + v;
                        if (s.StrideX == 1)
                        {
                            source.Slice(n0, end - first).CopyTo(destination.Slice(first, end - first));
                        }
                        else
                        {
                            for (int j = first, n = n0; j < end; j++, n += s.StrideX)
                            {
                                destination[j] = source[n];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>dx += col2im(col): each column value is added back to the input value it was copied from.</summary>
    private static void AddFromColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> col, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, positions = outHeight * outWidth, k = 0;
        for (int c = 0; c < s.GroupInChannels; c++)
        {
            Span<T> plane = dx.Slice(c * s.Height * s.Width, s.Height * s.Width);
            for (int u = 0; u < s.KernelHeight; u++)
            {
                for (int v = 0; v < s.KernelWidth; v++, k++)
                {
                    ReadOnlySpan<T> row = col.Slice(k * positions, positions);
                    (int first, int end) = Inside(s.Width, s.PadX, s.StrideX, v, outWidth);
                    for (int i = 0; i < outHeight; i++)
                    {
                        int m = (i * s.StrideY) - s.PadY + u;
                        if ((uint)m >= (uint)s.Height || end == first)
                        {
                            continue;
                        }

                        ReadOnlySpan<T> source = row.Slice((i * outWidth) + first, end - first);
                        Span<T> destination = plane.Slice(m * s.Width, s.Width);
                        int n0 = (first * s.StrideX) - s.PadX + v;
                        if (s.StrideX == 1)
                        {
                            Span<T> run = destination.Slice(n0, end - first);
                            TensorPrimitives.Add(run, source, run);
                        }
                        else
                        {
                            for (int j = 0, n = n0; j < source.Length; j++, n += s.StrideX)
                            {
                                destination[n] += source[j];
                            }
                        }
                    }
                }
            }
        }
    }

    // The output columns j whose tap v lands inside the row: first ≤ j < end, where 0 ≤ j·stride − pad + v < size.
    private static (int First, int End) Inside(int size, int pad, int stride, int v, int outSize)
    {
        int low = pad - v;                     // need j·stride ≥ low
        int first = low <= 0 ? 0 : (low + stride - 1) / stride;
        int high = size + pad - v;             // need j·stride < high
        int end = high <= 0 ? 0 : Math.Min(outSize, (high + stride - 1) / stride);
        first = Math.Min(first, outSize);
        return (first, Math.Max(first, end));
    }
}
