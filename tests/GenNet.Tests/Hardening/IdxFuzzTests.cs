using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet.Data;
using GenNet.Tests.Datasets;
using GenNet.Tests.Hardening.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Seeded fuzzing of the IDX reader (MNIST's format), raw and gzip-compressed: damaged files are refused with
/// <see cref="InvalidDataException"/>, the one documented exception, and whatever is read is self-consistent. Sizes
/// taken from a file (dimensions, the gzip trailer's length) never make the reader allocate more than the file can hold.
/// </summary>
public sealed class IdxFuzzTests(ITestOutputHelper output)
{
    private const int TrialsPerFile = 1500;

    [Fact]
    public void Damaged_idx_files_raw_and_gzipped_are_refused_with_InvalidDataException()
    {
        var random = new Random(8201);
        byte[] pixels = new byte[5 * 4 * 3];
        random.NextBytes(pixels);
        byte[] floats = new byte[6 * 4];
        random.NextBytes(floats);
        byte[][] files =
        [
            IdxFileTests.Idx(0x08, [5, 4, 3], pixels),
            IdxFileTests.Idx(0x08, [7], [0, 1, 2, 3, 4, 5, 9]),
            IdxFileTests.Idx(0x0D, [2, 3], floats),
            IdxFileTests.Idx(0x0C, [3, 2], floats),
        ];
        files = [.. files, .. files.Select(IdxFileTests.Gzip)];

        var outcomes = new FuzzOutcomes();
        var mutator = new Mutator(8202);
        int trial = 0;
        foreach (byte[] file in files)
        {
            for (int k = 0; k < TrialsPerFile; k++, trial++)
            {
                byte[] damaged = mutator.Next(file, trial, out Mutator.Damage damage);
                try
                {
                    IdxArray array = IdxFile.Read(new MemoryStream(damaged));
                    Assert.Equal(array.Shape.Aggregate(1L, (a, b) => a * b), array.Length);
                    outcomes.Add("read");
                }
                catch (InvalidDataException)
                {
                    outcomes.Add("refused InvalidData");
                }
                catch (Exception error)
                {
                    Assert.Fail($"seed 8202, trial {trial} ({damage}): undocumented {error.GetType().Name}: {error.Message}");
                }
            }
        }

        output.WriteLine(outcomes.ToString());
        Assert.Equal(files.Length * TrialsPerFile, outcomes.Trials);
        Assert.True(outcomes["refused InvalidData"] > 0, outcomes.ToString());
        Assert.True(outcomes["read"] > 0, outcomes.ToString()); // flipped data bits leave a valid raw file
    }

    [Theory]
    [InlineData(new[] { 60000, 28, 28 })]
    [InlineData(new[] { 1 << 30, 2 })]
    public void Declared_sizes_over_a_few_bytes_are_refused_without_allocating_them(int[] shape)
    {
        byte[] file = IdxFileTests.Idx(0x08, shape, new byte[16]);
        foreach (byte[] data in new[] { file, IdxFileTests.Gzip(file) })
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(data)));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20, $"allocated {GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes");
        }
    }

    [Fact]
    public void A_gzip_bomb_with_a_false_trailer_is_refused_after_inflating_no_more_than_the_trailer_declares()
    {
        // 64 MiB of zeros compress to about 64 KiB; the trailer is edited to declare 100 bytes.
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        byte[] bomb = compressed.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bomb.AsSpan(bomb.Length - 4), 100);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(bomb)));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains("gzip", error.Message);
        Assert.True(allocated < 4 << 20, $"a {bomb.Length:N0}-byte gzip file made the reader allocate {allocated:N0} bytes");
    }
}
