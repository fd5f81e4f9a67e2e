using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet.Data;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Datasets;

public sealed class IdxFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    // Two 2×3 "images": pixel values 0, 1, …, 11, except the last, 255.
    private static readonly byte[] Images = Idx(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);

    [Fact]
    public void Reads_an_image_file_raw_or_gzipped()
    {
        string raw = _folder.File("images-idx3-ubyte");
        string gzipped = _folder.File("images-idx3-ubyte.gz");
        File.WriteAllBytes(raw, Images);
        File.WriteAllBytes(gzipped, Gzip(Images));

        foreach (string path in new[] { raw, gzipped })
        {
            IdxArray images = IdxFile.Read(path);
            Assert.Equal(IdxElementType.UnsignedByte, images.ElementType);
            Assert.Equal(new[] { 2, 2, 3 }, images.Shape);
            Assert.Equal(2, images.ItemCount);
            Assert.Equal(6, images.ItemLength);
            Assert.Equal(Images[^12..], images.Bytes.ToArray());
            Assert.Equal(new[] { 0f, 1f / 255, 2f / 255 }, images.ToArray(1f / 255)[..3]);
            Assert.Equal(1f, images.ToArray(1f / 255)[^1]);
            Assert.Equal(255, images.ToArray<int>()[^1]);
        }
    }

    [Fact]
    public void Reads_every_element_type_big_endian()
    {
        Assert.Equal(new[] { -2, 127 }, IdxFile.Read(new MemoryStream(Idx(0x09, [2], [0xFE, 0x7F]))).ToArray<int>());
        Assert.Equal(new[] { -2, 300 }, IdxFile.Read(new MemoryStream(Idx(0x0B, [2], [0xFF, 0xFE, 0x01, 0x2C]))).ToArray<int>());
        Assert.Equal(new[] { 70000 }, IdxFile.Read(new MemoryStream(Idx(0x0C, [1], [0x00, 0x01, 0x11, 0x70]))).ToArray<int>());
        Assert.Equal(new[] { 1.5f }, IdxFile.Read(new MemoryStream(Idx(0x0D, [1], [0x3F, 0xC0, 0x00, 0x00]))).ToArray<float>());
        Assert.Equal(new[] { -0.25 }, IdxFile.Read(new MemoryStream(Idx(0x0E, [1], [0xBF, 0xD0, 0, 0, 0, 0, 0, 0]))).ToArray<double>());
        Assert.Throws<InvalidOperationException>(() => IdxFile.Read(new MemoryStream(Idx(0x0E, [1], new byte[8]))).Bytes.Length);
    }

    [Fact]
    public void Every_truncation_is_refused_raw_or_gzipped()
    {
        for (int length = 0; length < Images.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Images, 0, length)));
            Assert.Contains("truncated", error.Message);
        }

        byte[] gzipped = Gzip(Images);
        for (int length = 2; length < gzipped.Length; length++)
        {
            Assert.True(Record.Exception(() => IdxFile.Read(new MemoryStream(gzipped, 0, length))) is InvalidDataException, $"gzip cut to {length} of {gzipped.Length} bytes was read");
        }
    }

    [Fact]
    public void Damaged_headers_and_extra_data_are_refused_with_the_reason()
    {
        Assert.Contains("not an IDX file: its magic number is 0x89504E47", Refused([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Contains("not an IDX file", Refused(Idx(0x0A, [1], [0])));
        Assert.Contains("declares 0 dimensions", Refused([0, 0, 0x08, 0]));
        Assert.Contains("dimension 0 has the size -1", Refused([0, 0, 0x08, 1, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Contains("exceed", Refused([0, 0, 0x08, 2, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF]));
        Assert.Contains("more data than its sizes (2 × 2 × 3) describe", Refused([.. Images, 0]));
        Assert.Contains("need 12 bytes of data; it has 11", Refused(Images[..^1]));

        static string Refused(byte[] bytes) => Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(bytes))).Message;
    }

    [Fact]
    public void Damaged_gzip_data_is_refused()
    {
        // A larger file, so that the damage lands in compressed data rather than in the gzip header.
        byte[] large = Idx(0x08, [100, 10], Enumerable.Range(0, 1000).Select(i => (byte)(i * 7 % 251)).ToArray());
        byte[] gzipped = Gzip(large);
        for (int position = 10; position < gzipped.Length; position += 7)
        {
            byte[] damaged = (byte[])gzipped.Clone();
            damaged[position] ^= 0x5A;
            var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(damaged)));
            Assert.True(error.Message.Contains("damaged gzip") || error.Message.Contains("IDX") || error.Message.Contains("truncated") || error.Message.Contains("damaged"), error.Message);
        }
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException() =>
        Assert.Throws<FileNotFoundException>(() => IdxFile.Read(_folder.File("train-images-idx3-ubyte.gz")));

    internal static byte[] Idx(byte type, int[] shape, byte[] data)
    {
        var stream = new MemoryStream();
        stream.Write([0, 0, type, (byte)shape.Length]);
        foreach (int dimension in shape)
        {
            stream.Write([(byte)(dimension >> 24), (byte)(dimension >> 16), (byte)(dimension >> 8), (byte)dimension]);
        }

        stream.Write(data);
        return stream.ToArray();
    }

    internal static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
