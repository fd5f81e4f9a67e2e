using System;
using System.IO;
using System.Linq;
using System.Text;
using GenNet.Persistence;
using GenNet.Tests.Hardening.Fuzzing;
using GenNet.Tests.Networks;
using GenNet.Tests.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Seeded fuzzing of the .npy reader and of <see cref="NumpyWeights"/>: damaged numpy files are refused with
/// <see cref="InvalidDataException"/> (the documented exception), arrays of the wrong shape with
/// <see cref="ArchitectureMismatchException"/>, and a refused load leaves every weight as it was.
/// </summary>
public sealed class NpyFuzzTests(ITestOutputHelper output)
{
    private const int TrialsPerFixture = 700;

    private static readonly string[] Fixtures =
    [
        "blog_trained_synapse_0.npy", "blog_trained_synapse_1.npy", "float32_3x2.npy", "fortran_3x2.npy",
        "bigendian_2x3.npy", "version2_2x2.npy", "vector_4.npy", "scalar.npy", "int64_2x2.npy",
    ];

    [Fact]
    public void Damaged_npy_files_are_refused_with_InvalidDataException_and_never_half_load_a_network()
    {
        NpyArray synapse0 = NpyFile.Read(NpyFileTests.Fixture("blog_trained_synapse_0.npy"));
        NpyArray synapse1 = NpyFile.Read(NpyFileTests.Fixture("blog_trained_synapse_1.npy"));
        var network = new BlogNet();
        var outcomes = new FuzzOutcomes();
        var mutator = new Mutator(8101);
        int trial = 0;
        foreach (string fixture in Fixtures)
        {
            byte[] file = File.ReadAllBytes(NpyFileTests.Fixture(fixture));
            for (int k = 0; k < TrialsPerFixture; k++, trial++)
            {
                byte[] damaged = mutator.Next(file, trial, out Mutator.Damage damage);
                string replay = $"{fixture}, seed 8101, trial {trial} ({damage})";
                NpyArray array;
                try
                {
                    array = NpyFile.Read(new MemoryStream(damaged));
                }
                catch (InvalidDataException)
                {
                    outcomes.Add("refused InvalidData");
                    continue;
                }
                catch (Exception error)
                {
                    Assert.Fail($"{replay}: undocumented {error.GetType().Name}: {error.Message}");
                    throw;
                }

                // Read: the array is self-consistent. Load it as either synapse of the blog's network.
                Assert.Equal(array.Shape.Aggregate(1L, (a, b) => a * b), array.Values.Length);
                network.InitializeWeights(1);
                double[] before = network.Parameters.ToArray();
                NpyArray[] arrays = trial % 2 == 0 ? [array, synapse1] : [synapse0, array];
                try
                {
                    NumpyWeights.LoadArrays(network, arrays);
                    outcomes.Add("read and loaded");
                    double[] expected = [.. arrays[0].Values, .. arrays[1].Values];
                    Assert.Equal(expected, network.Parameters.ToArray());
                }
                catch (ArchitectureMismatchException)
                {
                    outcomes.Add("read, refused by shape");
                    Assert.Equal(before, network.Parameters.ToArray());
                }
                catch (InvalidDataException error) when (error.Message.Contains("NaN and infinite weights are refused", StringComparison.Ordinal))
                {
                    // Damage that made a value NaN or infinite: refused by default (WeightLoadOptions.AllowNonFinite).
                    outcomes.Add("read, refused as non-finite");
                    Assert.Equal(before, network.Parameters.ToArray());
                }
            }
        }

        output.WriteLine(outcomes.ToString());
        Assert.Equal(Fixtures.Length * TrialsPerFixture, outcomes.Trials);
        Assert.True(outcomes["refused InvalidData"] > 0, outcomes.ToString());
        Assert.True(outcomes["read, refused by shape"] > 0, outcomes.ToString());
        Assert.True(outcomes["read and loaded"] > 0, outcomes.ToString());
    }

    [Theory]
    [InlineData(1, "(100000000,)")]
    [InlineData(1, "(65536, 65536)")]
    [InlineData(2, "(268435455,)")]
    public void A_header_that_declares_a_huge_array_over_a_few_bytes_is_refused_without_allocating_it(byte major, string shape)
    {
        // 100 bytes of file must not make the reader allocate gigabytes before finding that the data is missing.
        string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}".PadRight(63) + "\n";
        byte[] header = Encoding.ASCII.GetBytes(dict);
        byte[] lengthField = major == 1 ? BitConverter.GetBytes((ushort)header.Length) : BitConverter.GetBytes(header.Length);
        byte[] file = [0x93, .. "NUMPY"u8, major, 0, .. lengthField, .. header, .. new byte[16]];

        foreach (Stream stream in new Stream[] { new MemoryStream(file), new UnseekableStream(file) })
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(stream));
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            // Refused as truncated, or (past Array.MaxLength bytes) as too large, before the data is allocated.
            Assert.True(error.Message.Contains("truncated") || error.Message.Contains("too large to read"), error.Message);
            Assert.True(allocated < 2 << 20, $"reading a {file.Length}-byte file allocated {allocated:N0} bytes");
        }
    }

    /// <summary>A forward-only view of bytes, as a network or a pipe gives them: no Length, no Seek.</summary>
    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => _inner.Read(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
