using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace GenNet.Data;

/// <summary>
/// An array read from an IDX file (the format of MNIST and Fashion-MNIST): its element type, its shape and its values,
/// row-major. For image files the shape is <c>(count, rows, columns)</c>, for label files <c>(count)</c>.
/// </summary>
public sealed class IdxArray
{
    private readonly int[] _shape;
    private readonly byte[] _data; // big-endian, as in the file

    internal IdxArray(IdxElementType elementType, int[] shape, byte[] data)
    {
        ElementType = elementType;
        _shape = shape;
        _data = data;
    }

    /// <summary>The type the values are stored as.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The dimensions, outermost first, e.g. <c>[60000, 28, 28]</c>.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of items: the first dimension (e.g. images or labels).</summary>
    public int ItemCount => _shape[0];

    /// <summary>Values per item: the product of every dimension after the first (784 for 28×28 images, 1 for labels).</summary>
    /// <exception cref="OverflowException">The product exceeds <see cref="int.MaxValue"/> (possible only for an array of
    /// zero items, e.g. shape (0, 2³¹−1, 2³¹−1), whose size the file does not bound).</exception>
    public int ItemLength
    {
        get
        {
            long product = 1;
            for (int d = 1; d < _shape.Length; d++)
            {
                product *= _shape[d];
                if (product > int.MaxValue)
                {
                    throw new OverflowException(
                        $"An item of this IDX array has {string.Join(" × ", _shape.Skip(1))} values, more than {int.MaxValue}.");
                }
            }

            return (int)product;
        }
    }

    /// <summary>The number of values.</summary>
    public int Length => _data.Length / ElementSize(ElementType);

    /// <summary>The raw values of an <see cref="IdxElementType.UnsignedByte"/> array, e.g. pixels 0 to 255 or labels.</summary>
    /// <exception cref="InvalidOperationException">The array holds another element type.</exception>
    public ReadOnlySpan<byte> Bytes => ElementType == IdxElementType.UnsignedByte
        ? _data
        : throw new InvalidOperationException($"The array holds {ElementType} values, not unsigned bytes; use ToArray<T>().");

    /// <summary>Every value converted to <typeparamref name="T"/>, row-major (e.g. <c>ToArray&lt;int&gt;()</c> for labels).</summary>
    public T[] ToArray<T>() where T : INumberBase<T> => ToArray(T.One);

    /// <summary>Every value times <paramref name="scale"/>, e.g. <c>images.ToArray(1f / 255)</c> for pixels in [0, 1].</summary>
    public T[] ToArray<T>(T scale) where T : INumberBase<T>
    {
        var result = new T[Length];
        ReadOnlySpan<byte> data = _data;
        for (int i = 0; i < result.Length; i++)
        {
            T value = ElementType switch
            {
                IdxElementType.UnsignedByte => T.CreateChecked(data[i]),
                IdxElementType.SignedByte => T.CreateChecked((sbyte)data[i]),
                IdxElementType.Int16 => T.CreateChecked(BinaryPrimitives.ReadInt16BigEndian(data[(2 * i)..])),
                IdxElementType.Int32 => T.CreateChecked(BinaryPrimitives.ReadInt32BigEndian(data[(4 * i)..])),
                IdxElementType.Single => T.CreateChecked(BinaryPrimitives.ReadSingleBigEndian(data[(4 * i)..])),
                _ => T.CreateChecked(BinaryPrimitives.ReadDoubleBigEndian(data[(8 * i)..])),
            };
            result[i] = scale == T.One ? value : value * scale;
        }

        return result;
    }

    internal static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Single => 4,
        IdxElementType.Double => 8,
        _ => 0,
    };
}
