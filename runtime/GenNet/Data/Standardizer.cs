using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Numerics;
using GenNet.Persistence;

namespace GenNet.Data;

/// <summary>
/// Feature standardisation: each column becomes (x − mean) / standard deviation, with the mean and the (population)
/// standard deviation measured on the training rows by <see cref="Fit{T}"/> and applied unchanged to any rows by
/// <see cref="Transform{T}(Span{T})"/>. Saved beside the weights (<see cref="Save(string)"/>, <see cref="Load(string)"/>)
/// so that predictions after loading use the same scaling. This is scikit-learn's <c>StandardScaler</c>.
/// </summary>
/// <remarks>
/// <para>Statistics are computed and applied in <see cref="double"/> (then rounded to the element type of the
/// call), in row order, so the same rows always give the same bits.</para>
/// <para>A constant column (standard deviation 0) keeps a scale of 1, as in scikit-learn: it is only centred, so every
/// training value becomes 0 and nothing is divided by zero.</para>
/// <para>The file format (<see cref="Extension"/>, little-endian): the 8-byte signature <c>\x89GNS\r\n\x1A\n</c>, a
/// 2-byte format version (1), 2 reserved zero bytes, the 4-byte column count, the means and then the scales as
/// 8-byte doubles, and a CRC-32 of everything before it. A file that is not one, of a newer version, truncated,
/// corrupted or followed by extra bytes is refused whole with an <see cref="InvalidDataException"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// Standardizer scaler = Standardizer.Fit&lt;float&gt;(trainInputs, 4);   // training rows only
/// scaler.Transform&lt;float&gt;(trainInputs);                              // in place
/// scaler.Transform&lt;float&gt;(testInputs);
/// scaler.Save("iris.gns");
/// Standardizer same = Standardizer.Load("iris.gns");
/// </code>
/// </example>
public sealed class Standardizer
{
    /// <summary>The customary file extension, <c>.gns</c> (GenNet standardizer).</summary>
    public const string Extension = ".gns";

    /// <summary>The most columns a file may declare (2²⁰: 16 MiB of statistics), checked before anything is allocated.</summary>
    public const int MaxColumns = 1 << 20;

    private const ushort Version = 1;
    private const int HeaderLength = 16; // signature, version, reserved, columns

    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'G', (byte)'N', (byte)'S', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly double[] _mean;
    private readonly double[] _scale;

    private Standardizer(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    /// <summary>The number of columns (features per row).</summary>
    public int Columns => _mean.Length;

    /// <summary>Each column's mean over the rows it was fitted on.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Each column's divisor: its population standard deviation, or 1 for a constant column.</summary>
    public ReadOnlySpan<double> Scale => _scale;

    /// <summary>
    /// Measures each column's mean and population standard deviation (divided by the row count, as numpy's
    /// <c>std</c> and scikit-learn) over <paramref name="rows"/>, row-major with <paramref name="columns"/> values per row.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty, is not whole rows of <paramref name="columns"/>
    /// values, or holds a NaN or infinity (the message names its row and column).</exception>
    public static Standardizer Fit<T>(ReadOnlySpan<T> rows, int columns)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxColumns);
        if (rows.IsEmpty || rows.Length % columns != 0)
        {
            throw new ArgumentException(
                $"rows must hold one or more whole rows of {columns} values; it holds {rows.Length}.", nameof(rows));
        }

        int count = rows.Length / columns;
        var mean = new double[columns];
        for (int row = 0; row < count; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                T value = rows[(row * columns) + column];
                if (!T.IsFinite(value))
                {
                    throw new ArgumentException($"rows must be finite; row {row}, column {column} is {value}.", nameof(rows));
                }

                mean[column] += double.CreateChecked(value);
            }
        }

        for (int column = 0; column < columns; column++)
        {
            mean[column] /= count;
        }

        var scale = new double[columns];
        for (int row = 0; row < count; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                double deviation = double.CreateChecked(rows[(row * columns) + column]) - mean[column];
                scale[column] += deviation * deviation;
            }
        }

        for (int column = 0; column < columns; column++)
        {
            double deviation = Math.Sqrt(scale[column] / count);
            scale[column] = deviation > 0 && double.IsFinite(deviation) ? deviation : 1.0;
        }

        return new Standardizer(mean, scale);
    }

    /// <summary>Standardises <paramref name="rows"/> (row-major, <see cref="Columns"/> values per row) in place.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is not whole rows of <see cref="Columns"/> values.</exception>
    public void Transform<T>(Span<T> rows)
        where T : IFloatingPointIeee754<T>
        => Transform<T>(rows, rows);

    /// <summary>Writes <paramref name="source"/>'s rows, standardised, to <paramref name="destination"/> (which may be the same memory).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not whole rows of <see cref="Columns"/> values, or
    /// <paramref name="destination"/> is not the same length.</exception>
    public void Transform<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        CheckRows(source.Length, nameof(source));
        if (destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"destination must hold as many values as source ({source.Length}); it holds {destination.Length}.", nameof(destination));
        }

        int columns = Columns;
        for (int i = 0; i < source.Length; i++)
        {
            int column = i % columns;
            destination[i] = T.CreateChecked((double.CreateChecked(source[i]) - _mean[column]) / _scale[column]);
        }
    }

    /// <summary>Returns a standardised copy of <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is not whole rows of <see cref="Columns"/> values.</exception>
    public T[] Transformed<T>(ReadOnlySpan<T> rows)
        where T : IFloatingPointIeee754<T>
    {
        CheckRows(rows.Length, nameof(rows));
        var result = new T[rows.Length];
        Transform(rows, result);
        return result;
    }

    /// <summary>
    /// Writes the statistics to <paramref name="path"/>, replacing any file there atomically (see <see cref="AtomicFile"/>):
    /// the path holds either its old contents or the complete new file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Writes one standardizer record to <paramref name="stream"/> at its position (records may follow each other).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode());
    }

    /// <summary>Reads the standardizer saved at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a standardizer file, has a newer format version, is
    /// truncated, is corrupted, or has data after its end.</exception>
    public static Standardizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        string source = $"'{path}'";
        Standardizer standardizer = Read(file, source);
        if (file.Position != file.Length)
        {
            throw Corrupted(source, $"{file.Length - file.Position} bytes follow the end of the statistics");
        }

        return standardizer;
    }

    /// <summary>Reads one standardizer record from <paramref name="stream"/>, leaving the stream just after it.</summary>
    /// <exception cref="InvalidDataException">The data is not a standardizer record, has a newer format version, ends
    /// early or is corrupted.</exception>
    public static Standardizer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "The standardizer data");
    }

    private byte[] Encode()
    {
        int length = checked(HeaderLength + (16 * Columns) + 4);
        var bytes = new byte[length];
        Span<byte> span = bytes;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)Columns);
        int offset = HeaderLength;
        foreach (double value in (double[])[.. _mean, .. _scale])
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], value);
            offset += 8;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], Crc32.HashToUInt32(span[..offset]));
        return bytes;
    }

    private static Standardizer Read(Stream stream, string source)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        ReadExactly(stream, header, source, "header");
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source} is not a GenNet standardizer file: it does not start with the standardizer signature.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != Version)
        {
            throw version > Version
                ? new InvalidDataException($"{source} has standardizer format version {version}; this GenNet reads version {Version}. Update GenNet to read it.")
                : Corrupted(source, $"format version {version} does not exist");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(header[10..]) != 0)
        {
            throw Corrupted(source, "reserved header bytes are set");
        }

        uint columns = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (columns == 0 || columns > MaxColumns)
        {
            throw Corrupted(source, $"the column count {columns} is not between 1 and {MaxColumns}");
        }

        // Bounded above, so this cannot overflow; checked all the same, before allocating.
        int length = checked(HeaderLength + (16 * (int)columns) + 4);
        var record = new byte[length];
        header.CopyTo(record);
        ReadExactly(stream, record.AsSpan(HeaderLength), source, "statistics");
        if (Crc32.HashToUInt32(record.AsSpan(0, length - 4)) != BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(length - 4)))
        {
            throw Corrupted(source, "the checksum does not match");
        }

        var mean = new double[columns];
        var scale = new double[columns];
        for (int column = 0; column < mean.Length; column++)
        {
            mean[column] = BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(HeaderLength + (8 * column)));
            scale[column] = BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(HeaderLength + (8 * (mean.Length + column))));
            if (!double.IsFinite(mean[column]) || !double.IsFinite(scale[column]) || !(scale[column] > 0))
            {
                throw Corrupted(source, $"column {column} has mean {mean[column]} and scale {scale[column]}");
            }
        }

        return new Standardizer(mean, scale);
    }

    private void CheckRows(int length, string name)
    {
        if (length % Columns != 0)
        {
            throw new ArgumentException(
                $"{name} must hold whole rows of {Columns} values (the columns this standardizer was fitted on); it holds {length}, which is not a multiple of {Columns}.",
                name);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"{source} is truncated: it ends {buffer.Length - read} bytes before the end of its {part}.");
        }
    }

    private static InvalidDataException Corrupted(string source, string detail) => new($"{source} is corrupted: {detail}.");
}
