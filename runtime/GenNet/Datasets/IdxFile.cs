using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace GenNet.Datasets;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (<c>train-images-idx3-ubyte.gz</c> and friends), raw or
/// gzip-compressed (recognised by content, not by name; one gzip member, as <c>gzip</c> writes).
/// </summary>
/// <remarks>
/// An IDX file is a magic number (two zero bytes, an element-type byte, a dimension-count byte), one big-endian
/// 32-bit size per dimension, then the values, big-endian, row-major. Anything else (a wrong magic number, an
/// unknown type, a file shorter or longer than its sizes say, damaged gzip data) is refused whole with an
/// <see cref="InvalidDataException"/> that says what is wrong.
/// </remarks>
public static class IdxFile
{
    private const int MaxDimensions = 16;

    /// <summary>Reads the IDX file at <paramref name="path"/>, raw or gzip-compressed.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(file, $"'{path}'");
    }

    /// <summary>Reads one IDX file from <paramref name="stream"/> (to its end), raw or gzip-compressed.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid IDX file.</exception>
    public static IdxArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "The IDX data");
    }

    private static IdxArray Read(Stream stream, string source)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        long start = stream.Position;
        Span<byte> signature = stackalloc byte[2];
        int read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        stream.Position = start;
        if (read < 2 || signature[0] != 0x1F || signature[1] != 0x8B)
        {
            return ReadRaw(stream, source);
        }

        // .NET's GZipStream accepts data that stops right after the compressed blocks, without the 8-byte trailer
        // (CRC-32 and length of the contents): the trailer is checked here so that a cut file is refused. Its length
        // also bounds the inflation, so that a few kilobytes cannot inflate to gigabytes (a "gzip bomb") before the
        // mismatch is found.
        const int MinimumGzipLength = 18; // 10-byte header, an empty block, the 8-byte trailer
        Span<byte> trailer = stackalloc byte[8];
        if (stream.Length - start < MinimumGzipLength)
        {
            throw new InvalidDataException($"{source} is a truncated gzip file: {stream.Length - start} bytes are fewer than any gzip file has.");
        }

        stream.Position = stream.Length - trailer.Length;
        stream.ReadExactly(trailer);
        stream.Position = start;
        uint declaredLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (declaredLength > Array.MaxLength)
        {
            throw new InvalidDataException($"{source} is damaged or too large: its gzip trailer declares {declaredLength} bytes of contents.");
        }

        // gzip (RFC 1952): inflate at most one byte more than the trailer declares. Damage surfaces here, whole,
        // before any parsing.
        var inflated = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            CopyAtMost(gzip, inflated, declaredLength + 1L);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{source} is a damaged gzip file: {error.Message}", error);
        }

        ReadOnlySpan<byte> contents = inflated.GetBuffer().AsSpan(0, (int)inflated.Length);
        bool trailerMatches = BinaryPrimitives.ReadUInt32LittleEndian(trailer) == Crc32.HashToUInt32(contents)
            && declaredLength == contents.Length;

        if (!trailerMatches)
        {
            throw new InvalidDataException(
                inflated.Length > declaredLength
                    ? $"{source} is a damaged gzip file: it inflates to more than the {declaredLength} bytes its trailer declares."
                    : $"{source} is a damaged or truncated gzip file: its trailer does not match the {inflated.Length} bytes it inflates to.");
        }

        inflated.Position = 0;
        return ReadRaw(inflated, source + " (gzip)");
    }

    private static IdxArray ReadRaw(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, source, "magic number");
        var type = (IdxElementType)magic[2];
        if (magic[0] != 0 || magic[1] != 0 || IdxArray.ElementSize(type) == 0)
        {
            throw new InvalidDataException(
                $"{source} is not an IDX file: its magic number is 0x{magic[0]:X2}{magic[1]:X2}{magic[2]:X2}{magic[3]:X2}; " +
                "IDX files start with 0x0000, a type byte (0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E) and the number of dimensions.");
        }

        int rank = magic[3];
        if (rank is 0 or > MaxDimensions)
        {
            throw new InvalidDataException($"{source} is damaged: it declares {rank} dimensions (1 to {MaxDimensions} are possible).");
        }

        var shape = new int[rank];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            ReadExactly(stream, size, source, $"size of dimension {d}");
            int dimension = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dimension < 0)
            {
                throw new InvalidDataException($"{source} is damaged: dimension {d} has the size {dimension}.");
            }

            shape[d] = dimension;
            count *= dimension;
            if (count * IdxArray.ElementSize(type) > Array.MaxLength)
            {
                throw new InvalidDataException($"{source} is damaged or too large: its sizes ({string.Join(" × ", shape[..(d + 1)])}…) exceed {Array.MaxLength} bytes.");
            }
        }

        // Sizes come from the file: check them against the bytes there are before allocating (the stream is seekable).
        long needed = count * IdxArray.ElementSize(type);
        if (stream.Length - stream.Position < needed)
        {
            throw new InvalidDataException(
                $"{source} is truncated: its sizes ({string.Join(" × ", shape)} {type} values) need {needed} bytes of data; it has {stream.Length - stream.Position}.");
        }

        var data = new byte[needed];
        int got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
        {
            throw new InvalidDataException(
                $"{source} is truncated: its sizes ({string.Join(" × ", shape)} {type} values) need {data.Length} bytes of data; it has {got}.");
        }

        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
        {
            throw new InvalidDataException($"{source} is damaged: it has more data than its sizes ({string.Join(" × ", shape)}) describe.");
        }

        return new IdxArray(type, shape, data);
    }

    private static void CopyAtMost(Stream source, Stream destination, long limit)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied < limit && (read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - copied))) > 0)
        {
            destination.Write(buffer, 0, read);
            copied += read;
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException($"{source} is truncated: it ends inside its {part}.");
        }
    }
}
