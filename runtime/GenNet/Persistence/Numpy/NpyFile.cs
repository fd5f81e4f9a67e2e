using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace GenNet.Persistence;

/// <summary>
/// Reads and writes numpy's <c>.npy</c> files (format versions 1.0 to 3.0) holding float32 or float64 arrays, as
/// <c>np.save</c> writes them and <c>np.load</c> reads them.
/// </summary>
/// <remarks>
/// A file is <c>\x93NUMPY</c>, a major and minor version byte, the header length (2 bytes in version 1, 4 in 2 and 3),
/// a Python dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c> padded with spaces
/// and a newline, then the raw values. Any damage is refused with an <see cref="InvalidDataException"/>.
/// </remarks>
public static class NpyFile
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the array in <paramref name="path"/>; refuses bytes after its end.</summary>
    /// <exception cref="InvalidDataException">Not a .npy file, an unsupported data type, or damaged.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        string source = $"'{path}'";
        NpyArray array = Read(file, source);
        if (file.Position != file.Length)
        {
            throw new InvalidDataException($"{source} is damaged: {file.Length - file.Position} bytes follow the array's data.");
        }

        return array;
    }

    /// <summary>Reads one array from <paramref name="stream"/>, leaving the stream just after it.</summary>
    /// <exception cref="InvalidDataException">Not a .npy array, an unsupported data type, or damaged.</exception>
    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "The .npy data");
    }

    /// <summary>
    /// Writes <paramref name="values"/> (row-major) as an array of <paramref name="shape"/> to <paramref name="path"/>,
    /// as <c>np.save</c> would (format 1.0, little-endian <c>&lt;f4</c> or <c>&lt;f8</c>), replacing the file atomically.
    /// </summary>
    public static void Write<T>(string path, ReadOnlySpan<T> values, ReadOnlySpan<int> shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Encode(values, shape);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="values"/> as an array of <paramref name="shape"/> to <paramref name="stream"/>.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> values, ReadOnlySpan<int> shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(values, shape));
    }

    internal static byte[] Encode<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string descr = typeof(T) == typeof(double) ? "<f8" : typeof(T) == typeof(float) ? "<f4"
            : throw new NotSupportedException($"Only float and double arrays can be written; {typeof(T).Name} was given.");
        long count = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"An array of shape {NpyArray.FormatShape(shape.ToArray())} holds {count} values; {values.Length} were given.", nameof(values));
        }

        // np.save pads the header with spaces so that the data starts at a multiple of 64 bytes, then ends it with '\n'.
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {NpyArray.FormatShape(shape.ToArray())}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int headerLength = dict.Length + 1 + (64 - unpadded % 64) % 64;
        var bytes = new byte[Magic.Length + 4 + headerLength + values.Length * Unsafe.SizeOf<T>()];
        Span<byte> span = bytes;
        Magic.CopyTo(span);
        span[6] = 1;
        span[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)headerLength);
        Span<byte> header = span.Slice(10, headerLength);
        header.Fill((byte)' ');
        Encoding.ASCII.GetBytes(dict, header);
        header[^1] = (byte)'\n';
        Span<byte> data = span[(10 + headerLength)..];
        MemoryMarshal.AsBytes(values).CopyTo(data);
        if (!BitConverter.IsLittleEndian)
        {
            Reverse(data, Unsafe.SizeOf<T>());
        }

        return bytes;
    }

    private static NpyArray Read(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, source, "header");
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source} is not a .npy file: it does not start with \\x93NUMPY.");
        }

        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> length = stackalloc byte[2];
            ReadExactly(stream, length, source, "header");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(length);
        }
        else if (major is 2 or 3)
        {
            Span<byte> length = stackalloc byte[4];
            ReadExactly(stream, length, source, "header");
            uint raw = BinaryPrimitives.ReadUInt32LittleEndian(length);
            if (raw > 1 << 20)
            {
                throw new InvalidDataException($"{source} is damaged: its header claims {raw} bytes.");
            }

            headerLength = (int)raw;
        }
        else
        {
            throw new InvalidDataException($"{source} has .npy format version {major}.{prefix[7]}; versions 1.0 to 3.0 can be read.");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, source, "header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        (string descr, bool fortranOrder, int[] shape) = NpyHeader.Parse(header, source);

        bool bigEndian = descr[0] == '>' || (descr[0] == '=' && !BitConverter.IsLittleEndian);
        int itemSize = descr.AsSpan(1) switch
        {
            "f4" => 4,
            "f8" => 8,
            _ => throw new InvalidDataException(
                $"{source} holds data of type '{FileText.Excerpt(descr, 40)}'; GenNet reads float32 ('<f4') and float64 ('<f8') arrays. Convert it with a.astype(np.float64)."),
        };
        if (descr[0] is not ('<' or '>' or '='))
        {
            throw new InvalidDataException($"{source} has the type descriptor '{FileText.Excerpt(descr, 40)}' with an unknown byte order.");
        }

        long count = 1;
        foreach (int dimension in shape)
        {
            count *= dimension;
            if (count * itemSize > Array.MaxLength)
            {
                throw new InvalidDataException($"{source} declares shape {NpyArray.FormatShape(shape)}, too large to read.");
            }
        }

        byte[] data = ReadDeclared(stream, count * itemSize, source);
        if (bigEndian == BitConverter.IsLittleEndian)
        {
            Reverse(data, itemSize);
        }

        var values = new double[count];
        if (itemSize == 8)
        {
            MemoryMarshal.Cast<byte, double>(data).CopyTo(values);
        }
        else
        {
            ReadOnlySpan<float> floats = MemoryMarshal.Cast<byte, float>(data);
            for (int i = 0; i < floats.Length; i++)
            {
                values[i] = floats[i];
            }
        }

        if (fortranOrder && shape.Length > 1)
        {
            values = FortranToC(values, shape);
        }

        return new NpyArray(shape, values, descr);
    }

    // Fortran order stores the first index fastest; reorder so that the last index is fastest.
    private static double[] FortranToC(double[] values, int[] shape)
    {
        var result = new double[values.Length];
        var index = new int[shape.Length];
        for (int c = 0; c < result.Length; c++)
        {
            int f = 0;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                f = f * shape[d] + index[d];
            }

            result[c] = values[f];
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }

        return result;
    }

    private static void Reverse(Span<byte> data, int itemSize)
    {
        for (int i = 0; i < data.Length; i += itemSize)
        {
            data.Slice(i, itemSize).Reverse();
        }
    }

    // The header may declare any size up to Array.MaxLength: check it against what the stream holds, or read an
    // unseekable stream in bounded chunks, before allocating, so that a 100-byte file cannot allocate gigabytes.
    private static byte[] ReadDeclared(Stream stream, long length, string source)
    {
        const int Chunk = 1 << 20;
        if (stream.CanSeek && stream.Length - stream.Position < length)
        {
            throw Truncated(source, length - (stream.Length - stream.Position), "data");
        }

        if (stream.CanSeek || length <= Chunk)
        {
            var data = new byte[length];
            ReadExactly(stream, data, source, "data");
            return data;
        }

        using var collected = new MemoryStream();
        var buffer = new byte[Chunk];
        while (collected.Length < length)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(0, (int)Math.Min(Chunk, length - collected.Length)), 1, throwOnEndOfStream: false);
            if (read == 0)
            {
                throw Truncated(source, length - collected.Length, "data");
            }

            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }

    private static InvalidDataException Truncated(string source, long missing, string part) =>
        new($"{source} is truncated: it ends {missing} bytes before the end of its {part}.");

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw Truncated(source, buffer.Length - read, part);
        }
    }
}
