using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;
using GenNet.Numerics;

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
/// How, per group. With stride 1 down the rows (LeNet's layers and most others) the kernels are direct: the input is copied
/// once into KW row-shifted runs (<c>Rows</c>, im2col with the kernel rows folded away), on which each tap reads all
/// output positions as one contiguous run; a 6-row × 3-or-4-register tile (<c>RowProduct</c>) then computes the forward
/// pass straight into y, and the input gradient as the same product on ∂L/∂Y padded with KH − 1 zero rows, added back
/// through KW shifted copies instead of col2im. The weight gradient goes along output positions on the runs
/// (<c>RowGradient</c>), or, with whole registers of output channels, few positions and no padding, along the channels
/// straight from the image (<c>ChannelGradient</c>). Other shapes (strided rows, pointwise) use im2col and
/// <see cref="DenseKernels"/>' register tiles: forward <c>Y = b + W · col</c> (in bands of output rows when col would
/// outgrow the first-level cache), input gradient <c>∂L/∂col = Wᵀ · ∂L/∂Y</c> then col2im; a 1×1, stride-1, unpadded
/// convolution uses the input as col. No convolution primitive exists in System.Numerics.Tensors' TensorPrimitives, and
/// its span-wide operations cost more in call overhead than these 8-to-30-value rows are worth.
/// Every sum has an order fixed by the shape and the machine's register width. No kernel allocates or starts threads:
/// the results are the same bits whatever the caller's threading. <see cref="ScratchLength"/> sizes the one buffer
/// all three kernels share.
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
        int bandRows = ForwardBandRows(shape), band = bandRows < shape.OutHeight ? bandRows * shape.OutWidth * (taps + shape.GroupOutChannels) : 0;
        bool rows = UsesRows(shape);
        int forward = rows ? AlignmentSlack + RowsLength(shape) : Math.Max(columns, band);
        int weights = GradientByChannels(shape) ? (positions + taps) * shape.GroupOutChannels
            : rows ? AlignmentSlack + RowsLength(shape) + PackedGradientLength(shape) : columns;
        int input = InputGradientUsesRows(shape) ? AlignmentSlack + RowsLength(shape) + PaddedGradientLength(shape) : columns;
        return Math.Max(forward, Math.Max(weights, input));
    }

    // The weight gradient's plan. Vectorised along the output positions (A·Bᵀ on im2col, one register sum per weight at
    // the end) suits few output channels and many positions (LeNet's conv1: 6 × 576). With whole registers of output
    // channels, few positions and no padding it goes along the channels instead, reading the image directly with no
    // register sums (ChannelGradient; LeNet's conv2: 16 channels, 64 positions), for the cost of transposing ∂L/∂Y in
    // and ∂L/∂Wᵀ out. Measured (single calls, one thread): conv2's whole gradient about 2× faster this way (8 µs against 16).
    private static bool GradientByChannels(in Convolution2DShape s) =>
        s.GroupOutChannels % 8 == 0 && s.OutHeight * s.OutWidth < 256 && s.PadY == 0 && s.PadX == 0;

    /// <summary><c>output = bias + weights ⋆ input</c> (pre-activation); overwrites output.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or a span is shorter than the shape needs.</exception>
    public static void Forward<T>(
        in Convolution2DShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(shape, input, shape.InputLength, weights, bias, output, shape.OutputLength, scratch);
        if (UsesRows(shape))
        {
            if (Vector512.IsHardwareAccelerated)
            {
                ForwardRows<T, Lanes512<T>>(shape, input, weights, bias, output, scratch);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                ForwardRows<T, Lanes256<T>>(shape, input, weights, bias, output, scratch);
            }
            else
            {
                ForwardRows<T, Lanes128<T>>(shape, input, weights, bias, output, scratch);
            }
        }
        else
        {
            ForwardColumns(shape, input, weights, bias, output, scratch);
        }
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
        if (InputGradientUsesRows(shape))
        {
            if (Vector512.IsHardwareAccelerated)
            {
                InputGradientRows<T, Lanes512<T>>(shape, outputGradient, weights, inputGradient, scratch);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                InputGradientRows<T, Lanes256<T>>(shape, outputGradient, weights, inputGradient, scratch);
            }
            else
            {
                InputGradientRows<T, Lanes128<T>>(shape, outputGradient, weights, inputGradient, scratch);
            }
        }
        else
        {
            InputGradientColumns(shape, outputGradient, weights, inputGradient, scratch);
        }
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

    // Per group: the row-shifted input (Rows), then  Y_g = bias + W_g ⋆ rows  straight into y (RowProduct), taps (c, u, v).
    // Internal, with the register width as a parameter, so that tests run every width on any machine.
    internal static void ForwardRows<T, TL>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int positions = s.OutHeight * s.OutWidth, kernel = s.KernelHeight * s.KernelWidth, taps = s.GroupInChannels * kernel;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width, region = (s.Height + (2 * s.PadY)) * s.OutWidth;
        var walk = new TapWalk(s.GroupInChannels, s.KernelHeight, s.KernelWidth, 0, s.KernelWidth * region, s.OutWidth, region, kernel, s.KernelWidth, 1);
        Span<T> rows = Aligned(scratch).Slice(0, RowsLength(s));
        for (int g = 0; g < s.Groups; g++)
        {
            ToRows(s, x.Slice(g * groupInput, groupInput), rows);
            RowProduct<T, TL>(
                rows, walk, w.Slice(g * groupOut * taps, groupOut * taps), groupOut, taps, 1, 0,
                b.Slice(g * groupOut, groupOut), y.Slice(g * groupOut * positions, groupOut * positions), positions, positions);
        }
    }

    // Per group: ∂L/∂rows[(c, v), r·OW + j] = Σ_o,u w[o, c, u, v] · ∂L/∂Y[o, r − u, j] on ∂L/∂Y padded with KH − 1 zero
    // rows each side (RowProduct, rows (c, v), taps (o, u)), then the adjoint of the row shift adds each back into ∂L/∂X.
    // No column matrix: the scatter back runs over KW shifted copies, not KH·KW.
    internal static void InputGradientRows<T, TL>(in Convolution2DShape s, ReadOnlySpan<T> dy, ReadOnlySpan<T> w, Span<T> dx, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TL : struct, ILanes<TL, T>
    {
        int positions = s.OutHeight * s.OutWidth, kernel = s.KernelHeight * s.KernelWidth, taps = s.GroupInChannels * kernel;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width, region = (s.Height + (2 * s.PadY)) * s.OutWidth;
        int margin = (s.KernelHeight - 1) * s.OutWidth, paddedRegion = positions + (2 * margin);
        var walk = new TapWalk(groupOut, s.KernelHeight, 1, margin, paddedRegion, -s.OutWidth, 0, taps, s.KernelWidth, 0);
        Span<T> aligned = Aligned(scratch); // once: the buffers must not overlap even if the array moves
        Span<T> rows = aligned.Slice(0, RowsLength(s)), padded = aligned.Slice(rows.Length, PaddedGradientLength(s));
        for (int g = 0; g < s.Groups; g++)
        {
            ToPaddedGradient(s, dy.Slice(g * groupOut * positions, groupOut * positions), padded);
            RowProduct<T, TL>(
                padded, walk, w.Slice(g * groupOut * taps, groupOut * taps), s.GroupInChannels * s.KernelWidth, kernel, s.KernelWidth, 1,
                ReadOnlySpan<T>.Empty, rows, region, region);
            FromRows(s, rows, dx.Slice(g * groupInput, groupInput));
        }
    }

    // Per group: im2col, then  Y_g = bias + W_g · col  (W_g: GroupOut × taps, col: taps × positions). A large column
    // matrix is made and used a band of output rows at a time (ForwardBandRows), so that it stays in the first-level cache.
    private static void ForwardColumns<T>(in Convolution2DShape s, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = s.OutHeight * s.OutWidth, taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth;
        int groupOut = s.GroupOutChannels, groupInput = s.GroupInChannels * s.Height * s.Width, band = ForwardBandRows(s);
        for (int g = 0; g < s.Groups; g++)
        {
            ReadOnlySpan<T> wg = w.Slice(g * groupOut * taps, groupOut * taps);
            Span<T> yg = y.Slice(g * groupOut * positions, groupOut * positions);
            if (band == s.OutHeight)
            {
                ReadOnlySpan<T> col = Columns(s, x.Slice(g * groupInput, groupInput), scratch);
                for (int o = 0; o < groupOut; o++)
                {
                    yg.Slice(o * positions, positions).Fill(b[(g * groupOut) + o]);
                }

                DenseKernels.MultiplyAccumulate(wg, taps, 1, col, yg, groupOut, positions, taps);
                continue;
            }

            for (int top = 0; top < s.OutHeight; top += band)
            {
                int bottom = Math.Min(s.OutHeight, top + band), width = (bottom - top) * s.OutWidth;
                Span<T> col = scratch.Slice(0, taps * width), yBand = scratch.Slice(taps * width, groupOut * width);
                ToColumns(s, x.Slice(g * groupInput, groupInput), col, top, bottom);
                for (int o = 0; o < groupOut; o++)
                {
                    yBand.Slice(o * width, width).Fill(b[(g * groupOut) + o]);
                }

                DenseKernels.MultiplyAccumulate(wg, taps, 1, col, yBand, groupOut, width, taps);
                for (int o = 0; o < groupOut; o++)
                {
                    yBand.Slice(o * width, width).CopyTo(yg.Slice((o * positions) + (top * s.OutWidth), width));
                }
            }
        }
    }

    // Output rows per band of the forward pass: all of them when the column matrix fits in about 48 KB of float
    // (12,288 values; LeNet's conv2, 9,600), else the most rows whose columns fit in 6,144 values, rounded down to whole
    // 64-value panels of the matrix product where possible (LeNet's conv1: 8 rows of 24, 192 positions of 576).
    private static int ForwardBandRows(in Convolution2DShape s)
    {
        int taps = s.GroupInChannels * s.KernelHeight * s.KernelWidth, outWidth = s.OutWidth;
        if (IsPointwise(s) || (long)taps * outWidth * s.OutHeight <= 12_288)
        {
            return s.OutHeight;
        }

        int rows = Math.Clamp(6_144 / (taps * outWidth), 1, s.OutHeight);
        for (int r = rows; r > 1; r--)
        {
            if (r * outWidth % 64 == 0)
            {
                return r;
            }
        }

        return rows;
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
                // ∂L/∂W[o, k] += Σ_p x(k, p) · ∂L/∂Yᵀ[p, o].
                ChannelGradient(s, xg, dyg, scratch.Slice(0, positions * groupOut), dwg);
            }
            else if (UsesRows(s))
            {
                // Both buffers start on 64-byte lines: the kernel loads whole registers from them at every position.
                Span<T> aligned = Aligned(scratch); // once: the buffers must not overlap even if the array moves
                Span<T> rows = aligned.Slice(0, RowsLength(s)), packed = aligned.Slice(rows.Length, PackedGradientLength(s));
                ToRows(s, xg, rows);
                if (Vector512.IsHardwareAccelerated)
                {
                    RowGradient<T, Lanes512<T>>(s, rows, dyg, dwg, packed);
                }
                else if (Vector256.IsHardwareAccelerated)
                {
                    RowGradient<T, Lanes256<T>>(s, rows, dyg, dwg, packed);
                }
                else
                {
                    RowGradient<T, Lanes128<T>>(s, rows, dyg, dwg, packed);
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
