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
public static partial class Convolution2DKernels
{
    /// <summary>Elements of T the caller passes as <c>scratch</c> to every kernel for this shape (0 when none is needed).</summary>
    public static int ScratchLength(in Convolution2DShape shape)
    {
        shape.Validate();
        int positions = shape.OutHeight * shape.OutWidth, taps = shape.GroupInChannels * shape.KernelHeight * shape.KernelWidth;
        int columns = IsPointwise(shape) ? 0 : taps * positions;
        return Math.Max(columns, GradientByChannels(shape) ? (positions + taps) * shape.GroupOutChannels : 0);
    }

    // The weight gradient's plan. Vectorised along the output positions (A·Bᵀ on im2col, one register sum per weight at
    // the end) suits few output channels and many positions (LeNet's conv1: 6 × 576). With whole registers of output
    // channels, few positions and no padding it goes along the channels instead, reading the image directly with no
    // register sums (ChannelGradient; LeNet's conv2: 16 channels, 64 positions), for the cost of transposing ∂L/∂Y in
    // and ∂L/∂Wᵀ out. Measured in Convolution2DKernelBenchmarks: conv2's gradient is about 3× faster this way.
    private static bool GradientByChannels(in Convolution2DShape s) =>
        s.GroupOutChannels % 8 == 0 && s.OutHeight * s.OutWidth < 256 && s.PadY == 0 && s.PadX == 0;

    /// <summary><c>output = bias + weights ⋆ input</c> (pre-activation); overwrites output.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void Forward<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input, shape.InputLength, weights, bias, output, shape.OutputLength, scratch);
        ForwardColumns(shape, input, weights, bias, output, scratch);
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
        WeightGradientColumns(shape, input, outputGradient, weightGradient, biasGradient, scratch);
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
        InputGradientColumns(shape, outputGradient, weights, inputGradient, scratch);
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

    // Per group: im2col, then  Y_g = bias + W_g · col  (W_g: GroupOut × taps, col: taps × positions).
    private static void ForwardColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = s.OutHeight * s.OutWidth, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width;
        for (int g = 0; g < s.Groups; g++)
        {
            ReadOnlySpan<T> col = Columns(s, x.Slice(g * groupInput, groupInput), scratch);
            Span<T> yg = y.Slice(g * groupOut * positions, groupOut * positions);
            for (int o = 0; o < groupOut; o++)
            {
                yg.Slice(o * positions, positions).Fill(b[(g * groupOut) + o]);
            }

            DenseKernels.MultiplyAccumulate(w.Slice(g * groupOut * taps, groupOut * taps), taps, 1, col, yg, groupOut, positions, taps);
        }
    }

    // Per group: ∂L/∂W_g += ∂L/∂Y_g · colᵀ, ∂L/∂b_g += row sums of ∂L/∂Y_g (plan: GradientByChannels).
    private static void WeightGradientColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, Span<T> db, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = s.OutHeight * s.OutWidth, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width;
        bool byChannels = GradientByChannels(s);
        for (int g = 0; g < s.Groups; g++)
        {
            ReadOnlySpan<T> xg = x.Slice(g * groupInput, groupInput);
            ReadOnlySpan<T> dyg = dy.Slice(g * groupOut * positions, groupOut * positions);
            Span<T> dwg = dw.Slice(g * groupOut * taps, groupOut * taps);
            if (byChannels)
            {
                // ∂L/∂Wᵀ[k, o] = Σ_p x(k, p) · ∂L/∂Yᵀ[p, o], then added into ∂L/∂W[o, k].
                Span<T> dyT = scratch.Slice(0, positions * groupOut), dwT = scratch.Slice(positions * groupOut, taps * groupOut);
                DenseKernels.Transpose(dyg, groupOut, positions, dyT);
                ChannelGradient(s, xg, dyT, dwT);
                for (int o = 0; o < groupOut; o++)
                {
                    Span<T> weights = dwg.Slice(o * taps, taps);
                    for (int k = 0; k < weights.Length; k++)
                    {
                        weights[k] += dwT[(k * groupOut) + o];
                    }
                }
            }
            else
            {
                TransposedProductKernels.MultiplyAccumulate(dyg, Columns(s, xg, scratch), dwg, groupOut, taps, positions, taps);
            }

            TransposedProductKernels.AddRowSums(dyg, positions, db.Slice(g * groupOut, groupOut));
        }
    }

    // Per group: ∂L/∂col = W_gᵀ · ∂L/∂Y_g, then col2im adds each column value back where it came from.
    private static void InputGradientColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = s.OutHeight * s.OutWidth, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width;
        dx.Slice(0, s.InputLength).Clear();
        for (int g = 0; g < s.Groups; g++)
        {
            Span<T> dxg = dx.Slice(g * groupInput, groupInput);
            Span<T> dcol = IsPointwise(s) ? dxg : scratch.Slice(0, taps * positions);
            dcol.Clear();
            DenseKernels.MultiplyAccumulate(w.Slice(g * groupOut * taps, groupOut * taps), 1, taps, dy.Slice(g * groupOut * positions, groupOut * positions), dcol, taps, positions, groupOut);
            if (!IsPointwise(s))
            {
                AddFromColumns(s, dcol, dxg);
            }
        }
    }

    // The group's column matrix: the input itself for a pointwise convolution, else im2col into scratch.
    private static ReadOnlySpan<T> Columns<T>(in Convolution2DShape s, ReadOnlySpan<T> xg, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsPointwise(s))
        {
            return xg;
        }

        Span<T> col = scratch.Slice(0, s.GroupInChannels * s.KernelHeight * s.KernelWidth * s.OutHeight * s.OutWidth);
        ToColumns(s, xg, col);
        return col;
    }
}
