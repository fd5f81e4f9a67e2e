using System;
using System.Numerics;
using System.Runtime.CompilerServices;

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
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ToColumns(s, x, col, 0, s.OutHeight);

    /// <summary>The columns of output rows rowStart..rowEnd only: col is GroupInChannels·KH·KW rows × (rowEnd − rowStart)·OutWidth.</summary>
    private static void ToColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> x, Span<T> col, int rowStart, int rowEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, positions = (rowEnd - rowStart) * outWidth, k = 0;
        int height = s.Height, width = s.Width, strideY = s.StrideY, strideX = s.StrideX, planeLength = height * width;
        for (int c = 0; c < s.GroupInChannels; c++)
        {
            ReadOnlySpan<T> plane = x.Slice(c * planeLength, planeLength);
            for (int u = 0; u < s.KernelHeight; u++)
            {
                (int top, int bottom) = Inside(height, s.PadY, strideY, u, outHeight);
                (top, bottom) = (Math.Clamp(top, rowStart, rowEnd), Math.Clamp(bottom, rowStart, rowEnd));
                for (int v = 0; v < s.KernelWidth; v++, k++)
                {
                    Span<T> row = col.Slice(k * positions, positions);
                    (int first, int end) = Inside(width, s.PadX, strideX, v, outWidth);
                    if (first > 0 || end < outWidth || top > rowStart || bottom < rowEnd)
                    {
                        row.Clear(); // padding: the taps that fall outside the image read zero
                    }

                    if (end == first || bottom == top)
                    {
                        continue;
                    }

                    // Output rows top..bottom read input rows m = i·sy − py + u; columns first..end read n = j·sx − px + v.
                    ref T source = ref Unsafe.AsRef(in plane[(((top * strideY) - s.PadY + u) * width) + (first * strideX) - s.PadX + v]);
                    ref T destination = ref row[((top - rowStart) * outWidth) + first];
                    int length = end - first;
                    for (int i = top; i < bottom; i++)
                    {
                        if (strideX == 1)
                        {
                            Runs.Copy(ref source, ref destination, length);
                        }
                        else
                        {
                            for (int j = 0; j < length; j++)
                            {
                                Unsafe.Add(ref destination, j) = Unsafe.Add(ref source, j * strideX);
                            }
                        }

                        source = ref Unsafe.Add(ref source, strideY * width);
                        destination = ref Unsafe.Add(ref destination, outWidth);
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
        int height = s.Height, width = s.Width, strideY = s.StrideY, strideX = s.StrideX, planeLength = height * width;
        for (int c = 0; c < s.GroupInChannels; c++)
        {
            Span<T> plane = dx.Slice(c * planeLength, planeLength);
            for (int u = 0; u < s.KernelHeight; u++)
            {
                (int top, int bottom) = Inside(height, s.PadY, strideY, u, outHeight);
                for (int v = 0; v < s.KernelWidth; v++, k++)
                {
                    ReadOnlySpan<T> row = col.Slice(k * positions, positions);
                    (int first, int end) = Inside(width, s.PadX, strideX, v, outWidth);
                    if (end == first || bottom == top)
                    {
                        continue;
                    }

                    ref T source = ref Unsafe.AsRef(in row[(top * outWidth) + first]);
                    ref T destination = ref plane[(((top * strideY) - s.PadY + u) * width) + (first * strideX) - s.PadX + v];
                    int length = end - first;
                    for (int i = top; i < bottom; i++)
                    {
                        if (strideX == 1)
                        {
                            Runs.Add(ref source, ref destination, length);
                        }
                        else
                        {
                            for (int j = 0; j < length; j++)
                            {
                                Unsafe.Add(ref destination, j * strideX) += Unsafe.Add(ref source, j);
                            }
                        }

                        source = ref Unsafe.Add(ref source, outWidth);
                        destination = ref Unsafe.Add(ref destination, strideY * width);
                    }
                }
            }
        }
    }

    // The outputs j whose tap v lands inside the image along one axis: first ≤ j < end, where 0 ≤ j·stride − pad + v < size.
    private static (int First, int End) Inside(int size, int pad, int stride, int v, int outSize)
    {
        if (stride == 1)
        {
            // No division on the common path (it would cost more than copying a short row).
            int start = Math.Clamp(pad - v, 0, outSize);
            return (start, Math.Clamp(size + pad - v, start, outSize));
        }

        int low = pad - v;                     // need j·stride ≥ low
        int first = low <= 0 ? 0 : (low + stride - 1) / stride;
        int high = size + pad - v;             // need j·stride < high
        int end = high <= 0 ? 0 : Math.Min(outSize, (high + stride - 1) / stride);
        first = Math.Min(first, outSize);
        return (first, Math.Max(first, end));
    }
}
