using System;
using System.ComponentModel;
using System.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// The Conv2D layer of generated image networks, one image at a time: the forward pass, the parameter gradient and the
/// input gradient. Shapes and layout: <see cref="Convolution2DShape"/>.
/// </summary>
/// <remarks>
/// <code>
///   forward:        y[o, i, j]  = b[o] + Σ_c,u,v w[o, c, u, v] · x[c, i·s − p + u, j·s − p + v]
///   weight grad:    ∂L/∂w[o, c, u, v] += Σ_i,j ∂L/∂y[o, i, j] · x[c, i·s − p + u, j·s − p + v],   ∂L/∂b[o] += Σ_i,j ∂L/∂y[o, i, j]
///   input grad:     ∂L/∂x[c, m, n] = Σ_o,u,v ∂L/∂y[o, i, j] · w[o, c, u, v]  over every (i, j, u, v) with i·s − p + u = m, j·s − p + v = n
/// </code>
/// No kernel allocates or starts threads: the results are the same bits whatever the caller's threading.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Convolution2DKernels
{
    /// <summary>Elements of T the caller passes as <c>scratch</c> to every kernel for this shape (0 when none is needed).</summary>
    public static int ScratchLength(in Convolution2DShape shape)
    {
        shape.Validate();
        return shape.GroupInChannels * shape.KernelHeight * shape.KernelWidth * shape.OutHeight * shape.OutWidth;
    }

    /// <summary><c>output = bias + weights ⋆ input</c> (pre-activation); overwrites output.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void Forward<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input, shape.InputLength, weights, bias, output, shape.OutputLength, scratch);
        ForwardDirect(shape, input, weights, bias, output);
    }

    /// <summary>
    /// For one image, <c>weightGradient += ∂L/∂weights</c> and <c>biasGradient += ∂L/∂bias</c> given
    /// <paramref name="outputGradient"/> = ∂L/∂output (the pre-activation's gradient). Accumulates; never clears.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void AccumulateWeightGradient<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> weightGradient, Span<T> biasGradient, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input, shape.InputLength, weightGradient, biasGradient, outputGradient, shape.OutputLength, scratch);
        WeightGradientDirect(shape, input, outputGradient, weightGradient, biasGradient);
    }

    /// <summary><c>inputGradient = ∂L/∂input</c> given <paramref name="outputGradient"/> = ∂L/∂output; overwrites.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void InputGradient<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        shape.Validate();
        SpanChecks.AtLeast(outputGradient, shape.OutputLength);
        SpanChecks.AtLeast(weights, shape.WeightLength);
        SpanChecks.AtLeast<T>(inputGradient, shape.InputLength);
        SpanChecks.AtLeast<T>(scratch, ScratchLength(shape));
        InputGradientDirect(shape, outputGradient, weights, inputGradient);
    }

    private static void Check<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> input, int inputLength, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias,
        ReadOnlySpan<T> output, int outputLength, ReadOnlySpan<T> scratch,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(input))] string? inputName = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(weights))] string? weightsName = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(bias))] string? biasName = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(output))] string? outputName = null)
    {
        shape.Validate();
        SpanChecks.AtLeast(input, inputLength, inputName);
        SpanChecks.AtLeast(weights, shape.WeightLength, weightsName);
        SpanChecks.AtLeast(bias, shape.OutChannels, biasName);
        SpanChecks.AtLeast(output, outputLength, outputName);
        SpanChecks.AtLeast(scratch, ScratchLength(shape));
    }

    // The definitions above as plain loops: every shape, any T.
    private static void ForwardDirect<T>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, groupIn = s.GroupInChannels, groupOut = s.GroupOutChannels;
        for (int o = 0; o < s.OutChannels; o++)
        {
            int firstChannel = (o / groupOut) * groupIn;
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    T sum = b[o];
                    for (int c = 0; c < groupIn; c++)
                    {
                        for (int u = 0; u < s.KernelHeight; u++)
                        {
                            int m = (i * s.StrideY) - s.PadY + u;
                            if ((uint)m >= (uint)s.Height)
                            {
                                continue;
                            }

                            int row = (((firstChannel + c) * s.Height) + m) * s.Width;
                            int weightRow = (((o * groupIn) + c) * s.KernelHeight + u) * s.KernelWidth;
                            for (int v = 0; v < s.KernelWidth; v++)
                            {
                                int n = (j * s.StrideX) - s.PadX + v;
                                if ((uint)n < (uint)s.Width)
                                {
                                    sum += w[weightRow + v] * x[row + n];
                                }
                            }
                        }
                    }

                    y[(((o * outHeight) + i) * outWidth) + j] = sum;
                }
            }
        }
    }

    private static void WeightGradientDirect<T>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, Span<T> db)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, groupIn = s.GroupInChannels, groupOut = s.GroupOutChannels;
        for (int o = 0; o < s.OutChannels; o++)
        {
            int firstChannel = (o / groupOut) * groupIn;
            ReadOnlySpan<T> delta = dy.Slice(o * outHeight * outWidth, outHeight * outWidth);
            T biasSum = T.Zero;
            foreach (T d in delta)
            {
                biasSum += d;
            }

            db[o] += biasSum;
            for (int c = 0; c < groupIn; c++)
            {
                for (int u = 0; u < s.KernelHeight; u++)
                {
                    for (int v = 0; v < s.KernelWidth; v++)
                    {
                        T sum = T.Zero;
                        for (int i = 0; i < outHeight; i++)
                        {
                            int m = (i * s.StrideY) - s.PadY + u;
                            if ((uint)m >= (uint)s.Height)
                            {
                                continue;
                            }

                            int row = (((firstChannel + c) * s.Height) + m) * s.Width;
                            for (int j = 0; j < outWidth; j++)
                            {
                                int n = (j * s.StrideX) - s.PadX + v;
                                if ((uint)n < (uint)s.Width)
                                {
                                    sum += delta[(i * outWidth) + j] * x[row + n];
                                }
                            }
                        }

                        dw[(((((o * groupIn) + c) * s.KernelHeight) + u) * s.KernelWidth) + v] += sum;
                    }
                }
            }
        }
    }

    private static void InputGradientDirect<T>(in Convolution2DShape s, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outHeight = s.OutHeight, outWidth = s.OutWidth, groupIn = s.GroupInChannels, groupOut = s.GroupOutChannels;
        dx.Slice(0, s.InputLength).Clear();
        for (int o = 0; o < s.OutChannels; o++)
        {
            int firstChannel = (o / groupOut) * groupIn;
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    T delta = dy[(((o * outHeight) + i) * outWidth) + j];
                    for (int c = 0; c < groupIn; c++)
                    {
                        for (int u = 0; u < s.KernelHeight; u++)
                        {
                            int m = (i * s.StrideY) - s.PadY + u;
                            if ((uint)m >= (uint)s.Height)
                            {
                                continue;
                            }

                            int row = (((firstChannel + c) * s.Height) + m) * s.Width;
                            int weightRow = (((o * groupIn) + c) * s.KernelHeight + u) * s.KernelWidth;
                            for (int v = 0; v < s.KernelWidth; v++)
                            {
                                int n = (j * s.StrideX) - s.PadX + v;
                                if ((uint)n < (uint)s.Width)
                                {
                                    dx[row + n] += delta * w[weightRow + v];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
