using System;
using System.ComponentModel;
using System.Globalization;

namespace GenNet.CompilerServices;

/// <summary>
/// The shape of one 2-D pooling layer, per image: input <c>[Channels, Height, Width]</c>, output
/// <c>[Channels, OutHeight, OutWidth]</c>, row-major, no padding (windows that would run past the edge are dropped, as
/// PyTorch's MaxPool2d and AvgPool2d do with their defaults).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Pooling2DShape(int Channels, int Height, int Width, int PoolHeight, int PoolWidth, int StrideY, int StrideX)
{
    /// <summary>Output rows: <c>(Height − PoolHeight) / StrideY + 1</c>.</summary>
    public int OutHeight => ((Height - PoolHeight) / StrideY) + 1;

    /// <summary>Output columns: <c>(Width − PoolWidth) / StrideX + 1</c>.</summary>
    public int OutWidth => ((Width - PoolWidth) / StrideX) + 1;

    /// <summary>Values in one input image: Channels · Height · Width.</summary>
    public int InputLength => Channels * Height * Width;

    /// <summary>Values in one output image: Channels · OutHeight · OutWidth.</summary>
    public int OutputLength => Channels * OutHeight * OutWidth;

    /// <summary>A checked shape.</summary>
    /// <exception cref="ArgumentException">A size is not positive, the window is larger than the input, or a length overflows.</exception>
    public static Pooling2DShape Create(int channels, int height, int width, int poolHeight, int poolWidth, int strideY, int strideX)
    {
        var shape = new Pooling2DShape(channels, height, width, poolHeight, poolWidth, strideY, strideX);
        shape.Validate();
        return shape;
    }

    /// <summary>Throws unless every size is usable (see <see cref="Create"/>).</summary>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0 || PoolHeight <= 0 || PoolWidth <= 0 || StrideY <= 0 || StrideX <= 0)
        {
            throw new ArgumentException(Invariant(
                $"Every pooling size must be positive; was Channels = {Channels}, Height = {Height}, Width = {Width}, PoolHeight = {PoolHeight}, PoolWidth = {PoolWidth}, StrideY = {StrideY}, StrideX = {StrideX}."));
        }

        if (PoolHeight > Height || PoolWidth > Width)
        {
            throw new ArgumentException(Invariant($"The {PoolHeight}×{PoolWidth} window must fit the {Height}×{Width} input."));
        }

        if ((long)Channels * Height * Width > int.MaxValue)
        {
            throw new ArgumentException(Invariant($"The input is too large: {(long)Channels * Height * Width} values (at most {int.MaxValue})."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
