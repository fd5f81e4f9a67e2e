using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet.Data;
using GenNet.Tests.Datasets;
using Xunit;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>
/// IDX reading is bounded by what the header declares (issue 14): gzip input is inflated only up to the declared size,
/// after the header is checked against the trailer and the maximum; a stream that cannot seek is read under the same
/// bounds and refused with <see cref="InvalidDataException"/>.
/// </summary>
public sealed class BoundedIdxTests
{
    private static readonly byte[] Images = IdxFileTests.Idx(0x08, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    // An IDX file of the given shape, all zeros, gzipped (honest trailer), without holding it raw in memory.
    private static byte[] ZerosGzipped(int[] shape, int extraDeclared = 0)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            byte[] header = IdxFileTests.Idx(0x08, shape, []);
            gzip.Write(header);
            long remaining = shape.Aggregate(1L, (a, b) => a * b) + extraDeclared;
            byte[] zeros = new byte[1 << 20];
            while (remaining > 0)
            {
                int count = (int)Math.Min(zeros.Length, remaining);
                gzip.Write(zeros, 0, count);
                remaining -= count;
            }
        }

        return compressed.ToArray();
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void An_honest_gzip_file_larger_than_the_maximum_is_refused_before_its_data_is_inflated()
    {
        byte[] file = ZerosGzipped([64, 1024, 1024]); // 64 MiB of contents in about 64 KiB
        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(file), maxDataBytes: 1 << 20)));

        Assert.Contains("exceed 1048576 bytes", error!.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes");

        // Allowed, it reads whole.
        Assert.Equal(64 << 20, IdxFile.Read(new MemoryStream(file), maxDataBytes: 64 << 20).Length);
    }

    [Fact]
    public void A_gzip_file_whose_sizes_exceed_its_contents_is_refused_before_inflating_them()
    {
        // The second bomb: sizes that need far more than the 64 MiB it inflates to.
        byte[] file = ZerosGzipped([64, 1024, 1024]);
        byte[] liar = IdxFileTests.Gzip(IdxFileTests.Idx(0x08, [2000, 1000, 1000], []).Concat(new byte[1000]).ToArray());
        foreach (byte[] data in new[] { liar, Header(file, [1000, 1024, 1024]) })
        {
            InvalidDataException? error = null;
            long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(data))));
            Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes: {error!.Message}");
            Assert.Contains("trailer declares", error.Message);
        }
    }

    [Fact]
    public void A_trailer_declaring_more_than_the_compressed_size_can_hold_is_refused_at_once()
    {
        byte[] gzipped = IdxFileTests.Gzip(Images);
        BinaryPrimitives.WriteUInt32LittleEndian(gzipped.AsSpan(gzipped.Length - 4), 2_000_000_008);
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(gzipped)));
        Assert.Contains("inflate to at most", error.Message);
    }

    [Fact]
    public void An_endless_unseekable_stream_is_refused_just_after_its_declared_size()
    {
        // The header declares 10 items; the stream never ends.
        var endless = new Unseekable(new EndlessStream(IdxFileTests.Idx(0x08, [10], new byte[10])));
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(endless));
        Assert.Contains("more data than its sizes (10) describe", error.Message);
        Assert.True(endless.Delivered < 1 << 16, $"read {endless.Delivered:N0} bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_unseekable_stream_that_declares_a_gigabyte_and_holds_ten_bytes_costs_what_it_holds()
    {
        byte[] file = IdxFileTests.Idx(0x08, [1 << 30], new byte[10]);
        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new Unseekable(new MemoryStream(file)))));
        Assert.Contains("it has 10", error!.Message);
        Assert.True(allocated < 4 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Unseekable_streams_raw_and_gzipped_read_as_files_do_and_damage_is_refused()
    {
        byte[] gzipped = IdxFileTests.Gzip(Images);
        foreach (byte[] data in new[] { Images, gzipped })
        {
            IdxArray array = IdxFile.Read(new Unseekable(new MemoryStream(data)));
            Assert.Equal([2, 2, 3], array.Shape);
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (byte)i), array.Bytes.ToArray());
        }

        byte[] badCrc = (byte[])gzipped.Clone();
        badCrc[^8] ^= 1;
        byte[] badSize = (byte[])gzipped.Clone();
        badSize[^4] ^= 1;
        byte[] trailing = [.. gzipped, 1, 2, 3];
        foreach (byte[] data in new[] { badCrc, badSize, trailing, gzipped[..^4], gzipped[..^8] })
        {
            Assert.Throws<InvalidDataException>(() => IdxFile.Read(new Unseekable(new MemoryStream(data))));
            Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(data)));
        }
    }

    [Fact]
    public void An_unseekable_gzip_bomb_is_refused_within_the_maximum()
    {
        byte[] file = ZerosGzipped([64, 1024, 1024]);
        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(
            () => IdxFile.Read(new Unseekable(new MemoryStream(file)), maxDataBytes: 1 << 20)));
        Assert.Contains("exceed", error!.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes");

        // Declared 1 MiB, inflates to 64 MiB: stops one byte after the declared size.
        byte[] longer = ZerosGzipped([1 << 20], extraDeclared: 63 << 20);
        var watch = Stopwatch.StartNew();
        allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new Unseekable(new MemoryStream(longer)))));
        Assert.Contains("more data than its sizes", error!.Message);
        Assert.True(allocated < 8 << 20, $"allocated {allocated:N0} bytes");
    }

    // The gzipped file with the IDX header's sizes replaced (recompressed so that the trailer stays honest about the
    // contents, which no longer match the sizes).
    private static byte[] Header(byte[] gzipped, int[] shape)
    {
        var contents = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress))
        {
            gzip.CopyTo(contents);
        }

        byte[] bytes = contents.ToArray();
        IdxFileTests.Idx(0x08, shape, []).CopyTo(bytes, 0);
        return IdxFileTests.Gzip(bytes);
    }

    private sealed class Unseekable(Stream inner) : Stream
    {
        public long Delivered { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            Delivered += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary><paramref name="start"/>, then zeros for ever.</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            for (int i = 0; i < buffer.Length; i++, _position++)
            {
                buffer[i] = _position < start.Length ? start[_position] : (byte)0;
            }

            return buffer.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
