using System;
using System.ComponentModel;
using System.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// Max and average pooling of generated image networks, one image at a time. Shapes and layout: <see cref="Pooling2DShape"/>.
/// </summary>
/// <remarks>
/// <code>
///   max:      y[c, i, j] = max_u,v x[c, i·sy + u, j·sx + v];   ∂L/∂x gets ∂L/∂y[c, i, j] at the first maximum (row-major window order)
///   average:  y[c, i, j] = (Σ_u,v x[c, i·sy + u, j·sx + v]) / (PoolHeight · PoolWidth);   ∂L/∂x[c, m, n] = Σ over windows holding it of ∂L/∂y / (PoolHeight · PoolWidth)
/// </code>
/// A NaN in a max window is the maximum only when it comes first (comparisons with NaN are false).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Pooling2DKernels
{
    /// <summary><c>output = max over each window of input</c>; overwrites output.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void MaxForward<T>(in Pooling2DShape s, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        s.Validate();
        SpanChecks.AtLeast(input, s.InputLength);
        SpanChecks.AtLeast<T>(output, s.OutputLength);
        int outHeight = s.OutHeight, outWidth = s.OutWidth, k = 0;
        if (IsHalving(s))
        {
            MaxHalving(s, input, default, output, default);
            return;
        }

        for (int c = 0; c < s.Channels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * s.Height * s.Width, s.Height * s.Width);
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    output[k++] = plane[ArgMax(s, plane, i, j)];
                }
            }
        }
    }

    /// <summary>
    /// <c>inputGradient = ∂L/∂input</c>: each output's gradient goes to the first maximum of its window (row-major order),
    /// summed where windows overlap; every other value gets zero. Overwrites inputGradient.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void MaxBackward<T>(in Pooling2DShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        s.Validate();
        SpanChecks.AtLeast(input, s.InputLength);
        SpanChecks.AtLeast(outputGradient, s.OutputLength);
        SpanChecks.AtLeast<T>(inputGradient, s.InputLength);
        int outHeight = s.OutHeight, outWidth = s.OutWidth, planeLength = s.Height * s.Width, k = 0;
        if (IsHalving(s))
        {
            MaxHalving(s, input, outputGradient, default, inputGradient);
            return;
        }

        inputGradient.Slice(0, s.InputLength).Clear();

        for (int c = 0; c < s.Channels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * planeLength, planeLength);
            Span<T> gradient = inputGradient.Slice(c * planeLength, planeLength);
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    gradient[ArgMax(s, plane, i, j)] += outputGradient[k++];
                }
            }
        }
    }

    /// <summary><c>output = mean over each window of input</c>; overwrites output.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void AverageForward<T>(in Pooling2DShape s, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        s.Validate();
        SpanChecks.AtLeast(input, s.InputLength);
        SpanChecks.AtLeast<T>(output, s.OutputLength);
        int outHeight = s.OutHeight, outWidth = s.OutWidth, planeLength = s.Height * s.Width, k = 0;
        T count = T.CreateTruncating(s.PoolHeight * s.PoolWidth);
        for (int c = 0; c < s.Channels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * planeLength, planeLength);
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    T sum = T.Zero;
                    for (int u = 0; u < s.PoolHeight; u++)
                    {
                        int row = (((i * s.StrideY) + u) * s.Width) + (j * s.StrideX);
                        for (int v = 0; v < s.PoolWidth; v++)
                        {
                            sum += plane[row + v];
                        }
                    }

                    output[k++] = sum / count;
                }
            }
        }
    }

    /// <summary>
    /// <c>inputGradient = ∂L/∂input</c>: each output's gradient, divided by the window size, goes to every value of its
    /// window, summed where windows overlap. Overwrites inputGradient.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void AverageBackward<T>(in Pooling2DShape s, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        s.Validate();
        SpanChecks.AtLeast(outputGradient, s.OutputLength);
        SpanChecks.AtLeast<T>(inputGradient, s.InputLength);
        int outHeight = s.OutHeight, outWidth = s.OutWidth, planeLength = s.Height * s.Width, k = 0;
        T count = T.CreateTruncating(s.PoolHeight * s.PoolWidth);
        inputGradient.Slice(0, s.InputLength).Clear();
        for (int c = 0; c < s.Channels; c++)
        {
            Span<T> gradient = inputGradient.Slice(c * planeLength, planeLength);
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    T share = outputGradient[k++] / count;
                    for (int u = 0; u < s.PoolHeight; u++)
                    {
                        int row = (((i * s.StrideY) + u) * s.Width) + (j * s.StrideX);
                        for (int v = 0; v < s.PoolWidth; v++)
                        {
                            gradient[row + v] += share;
                        }
                    }
                }
            }
        }
    }

    // The index in the plane of the first maximum of window (i, j), in row-major window order.
    private static int ArgMax<T>(in Pooling2DShape s, ReadOnlySpan<T> plane, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = (i * s.StrideY * s.Width) + (j * s.StrideX);
        T max = plane[best];
        for (int u = 0; u < s.PoolHeight; u++)
        {
            int row = (((i * s.StrideY) + u) * s.Width) + (j * s.StrideX);
            for (int v = 0; v < s.PoolWidth; v++)
            {
                if (plane[row + v] > max)
                {
                    max = plane[row + v];
                    best = row + v;
                }
            }
        }

        return best;
    }
}
