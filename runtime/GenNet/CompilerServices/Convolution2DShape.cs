using System;
using System.ComponentModel;
using System.Globalization;

namespace GenNet.CompilerServices;

/// <summary>
/// The shape of one Conv2D layer, per image: input <c>[InChannels, Height, Width]</c>, weights
/// <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>, bias <c>[OutChannels]</c>, output
/// <c>[OutChannels, OutHeight, OutWidth]</c>, all row-major. Cross-correlation with zero padding, as PyTorch's Conv2d
/// and ONNX's Conv compute it: <c>y[o, i, j] = b[o] + Σ_c Σ_u Σ_v w[o, c, u, v] · x[g·C + c, i·StrideY − PadY + u, j·StrideX − PadX + v]</c>
/// where g is the group of output channel o and C = InChannels / Groups.
/// </summary>
/// <remarks>Build one with <see cref="Create"/>, which checks the sizes; the kernels check again (a <c>default</c> or
/// hand-made value may be invalid).</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Convolution2DShape(
    int InChannels, int Height, int Width, int OutChannels, int KernelHeight, int KernelWidth, int StrideY, int StrideX, int PadY, int PadX, int Groups)
{
    /// <summary>Output rows: <c>(Height + 2·PadY − KernelHeight) / StrideY + 1</c>.</summary>
    public int OutHeight => ((Height + (2 * PadY) - KernelHeight) / StrideY) + 1;

    /// <summary>Output columns: <c>(Width + 2·PadX − KernelWidth) / StrideX + 1</c>.</summary>
    public int OutWidth => ((Width + (2 * PadX) - KernelWidth) / StrideX) + 1;

    /// <summary>Values in one input image: InChannels · Height · Width.</summary>
    public int InputLength => InChannels * Height * Width;

    /// <summary>Values in one output image: OutChannels · OutHeight · OutWidth.</summary>
    public int OutputLength => OutChannels * OutHeight * OutWidth;

    /// <summary>Weights: OutChannels · (InChannels / Groups) · KernelHeight · KernelWidth.</summary>
    public int WeightLength => OutChannels * GroupInChannels * KernelHeight * KernelWidth;

    /// <summary>Input channels each output channel sees: InChannels / Groups.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>Output channels of one group: OutChannels / Groups.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Multiply-adds of one forward pass of one image (the gradients cost the same each).</summary>
    public long MultiplyAdds => (long)OutputLength * GroupInChannels * KernelHeight * KernelWidth;

    /// <summary>A checked shape.</summary>
    /// <exception cref="ArgumentException">A size is not positive, padding is negative, a channel count is not a multiple of
    /// <paramref name="groups"/>, the kernel does not fit the padded input, or a length overflows.</exception>
    public static Convolution2DShape Create(
        int inChannels, int height, int width, int outChannels, int kernelHeight, int kernelWidth,
        int strideY = 1, int strideX = 1, int padY = 0, int padX = 0, int groups = 1)
    {
        var shape = new Convolution2DShape(inChannels, height, width, outChannels, kernelHeight, kernelWidth, strideY, strideX, padY, padX, groups);
        shape.Validate();
        return shape;
    }

    /// <summary>Throws unless every size is usable (see <see cref="Create"/>).</summary>
    public void Validate()
    {
        Positive(InChannels, nameof(InChannels));
        Positive(Height, nameof(Height));
        Positive(Width, nameof(Width));
        Positive(OutChannels, nameof(OutChannels));
        Positive(KernelHeight, nameof(KernelHeight));
        Positive(KernelWidth, nameof(KernelWidth));
        Positive(StrideY, nameof(StrideY));
        Positive(StrideX, nameof(StrideX));
        Positive(Groups, nameof(Groups));
        if (PadY < 0 || PadX < 0)
        {
            throw new ArgumentException(Invariant($"Padding must not be negative; was PadY = {PadY}, PadX = {PadX}."));
        }

        if (InChannels % Groups != 0 || OutChannels % Groups != 0)
        {
            throw new ArgumentException(Invariant($"InChannels ({InChannels}) and OutChannels ({OutChannels}) must both be multiples of Groups ({Groups})."));
        }

        if ((long)Height + (2L * PadY) < KernelHeight || (long)Width + (2L * PadX) < KernelWidth)
        {
            throw new ArgumentException(Invariant(
                $"The {KernelHeight}×{KernelWidth} kernel must fit the padded {(long)Height + (2L * PadY)}×{(long)Width + (2L * PadX)} input ({Height}×{Width} with padding {PadY}, {PadX})."));
        }

        long input = (long)InChannels * Height * Width;
        long output = (long)OutChannels * ((((long)Height + (2L * PadY) - KernelHeight) / StrideY) + 1) * ((((long)Width + (2L * PadX) - KernelWidth) / StrideX) + 1);
        long weights = (long)OutChannels * (InChannels / Groups) * KernelHeight * KernelWidth;
        long scratch = (long)(InChannels / Groups) * KernelHeight * KernelWidth * (output / OutChannels);
        if (input > int.MaxValue || output > int.MaxValue || weights > int.MaxValue || scratch > int.MaxValue)
        {
            throw new ArgumentException(Invariant($"The convolution is too large: input {input}, output {output}, weights {weights}, scratch {scratch} values (at most {int.MaxValue} each)."));
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException(Invariant($"{name} must be positive; was {value}."), name);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
