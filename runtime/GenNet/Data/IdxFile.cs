using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace GenNet.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (<c>train-images-idx3-ubyte.gz</c> and friends), raw or
/// gzip-compressed (recognised by content, not by name; one gzip member, as <c>gzip</c> writes).
/// </summary>
/// <remarks>
/// An IDX file is a magic number (two zero bytes, an element-type byte, a dimension-count byte), one big-endian
/// 32-bit size per dimension, then the values, big-endian, row-major. Anything else (a wrong magic number, an
/// unknown type, a file shorter or longer than its sizes say, damaged gzip data) is refused whole with an
/// <see cref="InvalidDataException"/> that says what is wrong.
/// <para>
/// Reading is bounded by what the file declares, never by what a stream would deliver: the header is read first (from
/// the first inflated bytes of a gzip file), its sizes are multiplied with checked arithmetic and refused above the
/// maximum (<see cref="DefaultMaxDataBytes"/> unless given), and for a gzip file also when they disagree with the
/// length its trailer declares or exceed what its compressed size can inflate to; then exactly the declared data is
/// read, into the array that is returned (grown as data arrives, so a file that stops early costs what it holds), and
/// one more byte is refused as extra data. A stream that cannot seek is read under the same bounds, so an endless
/// stream ends in an <see cref="InvalidDataException"/> just after the declared size.
/// </para>
/// </remarks>
public static class IdxFile
{
    private const int MaxDimensions = 16;
    private const int Chunk = 1 << 20;

    // Deflate's densest encoding: 258 bytes from a 2-bit code, about 1,032 to 1; with room for the gzip framing.
    private const long MaxInflationRatio = 1100;

    /// <summary>The most bytes of data (after the header) read unless a smaller maximum is given: the largest array .NET
    /// allocates, about 2 GiB (MNIST's training images are 47 MB).</summary>
    public static long DefaultMaxDataBytes => Array.MaxLength;

    /// <summary>Reads the IDX file at <paramref name="path"/>, raw or gzip-compressed.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file.</exception>
    public static IdxArray Read(string path) => Read(path, DefaultMaxDataBytes);

    /// <summary>Reads the IDX file at <paramref name="path"/>, refusing one that declares more than
    /// <paramref name="maxDataBytes"/> bytes of values before reading them.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file, or declares more data than the maximum.</exception>
    public static IdxArray Read(string path, long maxDataBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDataBytes);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(file, $"'{path}'", Math.Min(maxDataBytes, Array.MaxLength));
    }

    /// <summary>Reads one IDX file from <paramref name="stream"/> (to its end), raw or gzip-compressed.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid IDX file.</exception>
    public static IdxArray Read(Stream stream) => Read(stream, DefaultMaxDataBytes);

    /// <summary>Reads one IDX file from <paramref name="stream"/> (to its end), refusing one that declares more than
    /// <paramref name="maxDataBytes"/> bytes of values before reading them.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid IDX file, or declares more data than the maximum.</exception>
    public static IdxArray Read(Stream stream, long maxDataBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDataBytes);
        return Read(stream, "The IDX data", Math.Min(maxDataBytes, Array.MaxLength));
    }

    private static IdxArray Read(Stream stream, string source, long maxDataBytes)
    {
        Span<byte> signature = stackalloc byte[2];
        int read;
        if (stream.CanSeek)
        {
            long start = stream.Position;
            read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            stream.Position = start;
        }
        else
        {
            read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            stream = new PrefixedStream(signature[..read].ToArray(), stream);
        }

        bool gzip = read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        return gzip ? ReadGzip(stream, source, maxDataBytes) : ReadRaw(stream, source, maxDataBytes, expectedLength: null);
    }

    private static IdxArray ReadGzip(Stream stream, string source, long maxDataBytes)
    {
        // .NET's GZipStream accepts data that stops right after the compressed blocks, without the 8-byte trailer
        // (CRC-32 and length of the contents): the trailer is checked here so that a cut file is refused. A seekable
        // file's trailer is read first: the length it declares must be the one the IDX header declares, and no more
        // than the compressed size can inflate to, before anything but the header is inflated.
        const int MinimumGzipLength = 18; // 10-byte header, an empty block, the 8-byte trailer
        long? declaredLength = null;
        if (stream.CanSeek)
        {
            long start = stream.Position, compressed = stream.Length - start;
            if (compressed < MinimumGzipLength)
            {
                throw new InvalidDataException($"{source} is a truncated gzip file: {compressed} bytes are fewer than any gzip file has.");
            }

            Span<byte> trailer = stackalloc byte[8];
            stream.Position = stream.Length - trailer.Length;
            stream.ReadExactly(trailer);
            stream.Position = start;
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
            if (length > compressed * MaxInflationRatio)
            {
                throw new InvalidDataException(
                    $"{source} is damaged: its gzip trailer declares {length} bytes of contents; {compressed} compressed bytes inflate to at most {compressed * MaxInflationRatio}.");
            }

            declaredLength = length;
        }

        var tail = new TailStream(stream, source);
        try
        {
            using var gzip = new GZipStream(tail, CompressionMode.Decompress, leaveOpen: true);
            var inflated = new Crc32Stream(gzip);
            IdxArray array = ReadRaw(inflated, source + " (gzip)", maxDataBytes, declaredLength, tail);

            // The whole member is inflated (ReadRaw found its end): the trailer is the last 8 bytes it consumed, and nothing may follow.
            Span<byte> extra = stackalloc byte[1];
            if (tail.ReadPastEnd(extra) != 0)
            {
                throw new InvalidDataException($"{source} is damaged: data follows its gzip member.");
            }

            if (!tail.TryGetTrailer(out uint crc, out uint size) || size != (uint)inflated.Count || crc != inflated.Crc)
            {
                throw new InvalidDataException(
                    $"{source} is a damaged or truncated gzip file: its trailer does not match the {inflated.Count} bytes it inflates to.");
            }

            return array;
        }
        catch (InvalidDataException error) when (error.Source != typeof(IdxFile).Assembly.GetName().Name)
        {
            throw new InvalidDataException($"{source} is a damaged gzip file: {error.Message}", error);
        }
    }

    private static IdxArray ReadRaw(Stream stream, string source, long maxDataBytes, long? expectedLength, TailStream? compressed = null)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, source, "magic number");
        var type = (IdxElementType)magic[2];
        int elementSize = IdxArray.ElementSize(type);
        if (magic[0] != 0 || magic[1] != 0 || elementSize == 0)
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
        long needed = elementSize;
        for (int d = 0; d < rank; d++)
        {
            ReadExactly(stream, size, source, $"size of dimension {d}");
            int dimension = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dimension < 0)
            {
                throw new InvalidDataException($"{source} is damaged: dimension {d} has the size {dimension}.");
            }

            shape[d] = dimension;

            // needed ≤ maxDataBytes < 2^31 before each step and dimension < 2^31: the product cannot overflow a long.
            needed = checked(needed * dimension);
            if (needed > maxDataBytes)
            {
                throw new InvalidDataException(
                    $"{source} is damaged or too large: its sizes ({string.Join(" × ", shape[..(d + 1)])}{(d + 1 < rank ? " × …" : "")} {type} values) " +
                    $"exceed {maxDataBytes} bytes, the most it may hold.");
            }
        }

        long headerLength = 4 + (4L * rank);
        if (expectedLength is { } expected && expected != headerLength + needed)
        {
            throw new InvalidDataException(
                $"{source} is damaged: its sizes ({string.Join(" × ", shape)} {type} values) need {headerLength + needed} bytes with the header; " +
                $"its gzip trailer declares {expected}.");
        }

        if (compressed is not null)
        {
            // An honest deflate stream is at most a little longer than its contents; stop a stream of empty blocks.
            compressed.Limit = compressed.Consumed + (2 * (headerLength + needed)) + (1 << 16);
        }

        // Sizes come from the file: a seekable stream must hold them before anything is allocated.
        if (stream.CanSeek && stream.Length - stream.Position < needed)
        {
            throw new InvalidDataException(
                $"{source} is truncated: its sizes ({string.Join(" × ", shape)} {type} values) need {needed} bytes of data; it has {stream.Length - stream.Position}.");
        }

        byte[] data = ReadDeclared(stream, (int)needed, stream.CanSeek, out int got);
        if (got < needed)
        {
            throw new InvalidDataException(
                $"{source} is truncated: its sizes ({string.Join(" × ", shape)} {type} values) need {needed} bytes of data; it has {got}.");
        }

        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
        {
            throw new InvalidDataException($"{source} is damaged: it has more data than its sizes ({string.Join(" × ", shape)}) describe.");
        }

        return new IdxArray(type, shape, data);
    }

    // Reads up to `needed` bytes into the array returned. Where the stream's length is known to hold them, it is
    // allocated whole; otherwise it grows (doubling from 1 MiB) as data arrives, so a stream that ends early costs no
    // more than twice what it delivered.
    private static byte[] ReadDeclared(Stream stream, int needed, bool lengthChecked, out int got)
    {
        byte[] data = new byte[lengthChecked ? needed : Math.Min(needed, Chunk)];
        got = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(data.AsSpan(got), data.Length - got, throwOnEndOfStream: false);
            got += read;
            if (got < data.Length || got == needed)
            {
                return data;
            }

            Array.Resize(ref data, (int)Math.Min(needed, 2L * data.Length));
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException($"{source} is truncated: it ends inside its {part}.");
        }
    }

    /// <summary>The bytes already taken from a stream that cannot seek, then the rest of it.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : ReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                int count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            return inner.Read(buffer);
        }
    }

    /// <summary>Counts what the inflater consumes, keeps the last 8 bytes (the gzip trailer once the member ends), and
    /// refuses to deliver more than <see cref="Limit"/> bytes.</summary>
    private sealed class TailStream(Stream inner, string source) : ReadOnlyStream
    {
        private readonly byte[] _last = new byte[8];
        private int _kept;

        public long Consumed { get; private set; }

        // Until the IDX header is read: an honest gzip file gives its first bytes long before this.
        public long Limit { get; set; } = 1 << 20;

        public override int Read(Span<byte> buffer)
        {
            if (Consumed >= Limit)
            {
                throw new InvalidDataException($"{source} is damaged: its compressed data runs past {Limit} bytes without inflating to the contents it declares.");
            }

            int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, Limit - Consumed)]);
            Keep(buffer[..read]);
            Consumed += read;
            return read;
        }

        // The inflater may have read ahead: ask the source itself whether anything follows.
        public int ReadPastEnd(Span<byte> buffer) => inner.Read(buffer);

        // GZipStream reads ahead in blocks, so the trailer is the last 8 bytes read only if the member ended the data;
        // ReadPastEnd has checked that.
        public bool TryGetTrailer(out uint crc, out uint size)
        {
            crc = size = 0;
            if (_kept < 8)
            {
                return false;
            }

            crc = BinaryPrimitives.ReadUInt32LittleEndian(_last);
            size = BinaryPrimitives.ReadUInt32LittleEndian(_last.AsSpan(4));
            return true;
        }

        private void Keep(ReadOnlySpan<byte> read)
        {
            if (read.Length >= 8)
            {
                read[^8..].CopyTo(_last);
                _kept = 8;
                return;
            }

            int keep = Math.Min(_kept, 8 - read.Length);
            _last.AsSpan(_kept - keep, keep).CopyTo(_last);
            read.CopyTo(_last.AsSpan(keep));
            _kept = keep + read.Length;
        }
    }

    /// <summary>Computes the CRC-32 and length of what is read through it.</summary>
    private sealed class Crc32Stream(Stream inner) : ReadOnlyStream
    {
        private readonly Crc32 _crc = new();

        public long Count { get; private set; }

        public uint Crc => _crc.GetCurrentHashAsUInt32();

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            _crc.Append(buffer[..read]);
            Count += read;
            return read;
        }
    }

    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public abstract override int Read(Span<byte> buffer);

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
