using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Numerics;
using GenNet;
using GenNet.Persistence;
using GenNet.Tests.Hardening.Fuzzing;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Seeded fuzzing of the weight-file reader: thousands of damaged, forged and random records. The only outcomes allowed
/// are the documented refusals (<see cref="WeightFileException"/>, <see cref="ArchitectureMismatchException"/>) with
/// the network's weights untouched, or, for an intact record, every weight loaded. Anything else (another exception,
/// a crash, a hang, a half-loaded network) fails the test and names the trial to replay.
/// </summary>
public sealed class WeightFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int DamagedTrialsPerNetwork = 4000;
    private const int ForgedHeaderTrials = 3000;
    private const int FileTrials = 300;

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Damaged_records_are_refused_whole_with_the_documented_exceptions()
    {
        FuzzOutcomes blog = FuzzDamage<BlogNet, double>(seed: 8001);
        FuzzOutcomes single = FuzzDamage<Net40x30x3Single, float>(seed: 8002);
        output.WriteLine($"3-4-1 double: {blog}");
        output.WriteLine($"40-30-3 float with bias: {single}");

        foreach (FuzzOutcomes outcomes in new[] { blog, single })
        {
            Assert.Equal(DamagedTrialsPerNetwork, outcomes.Trials);
            // Every kind of refusal occurs, so the run reached past the signature, the version and both checksums.
            Assert.True(outcomes["refused NotAWeightFile"] > 0, outcomes.ToString());
            Assert.True(outcomes["refused Truncated"] > 0, outcomes.ToString());
            Assert.True(outcomes["refused Corrupted"] > 0, outcomes.ToString());
            // Appended bytes after an intact record leave it readable from a stream (records may follow each other).
            Assert.True(outcomes["loaded whole"] > 0, outcomes.ToString());
        }
    }

    [Fact]
    public void Headers_with_valid_checksums_but_forged_fields_are_refused()
    {
        // Random fields under a recomputed header checksum: the reader must check every field, not trust the CRC.
        var network = new Net40x30x3Single();
        network.InitializeWeights(5);
        byte[] file = Record(network);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10));
        var random = new Random(8003);
        var outcomes = new FuzzOutcomes();
        for (int trial = 0; trial < ForgedHeaderTrials; trial++)
        {
            byte[] forged = (byte[])file.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int position = 12 + random.Next(headerLength - 16);
                forged[position] = trial % 3 == 0 ? (byte)random.Next(256) : (byte)(forged[position] ^ (1 << random.Next(8)));
            }

            if (trial % 5 == 0)
            {
                // Now and then also a forged header length, so that field and CRC position disagree.
                BinaryPrimitives.WriteUInt16LittleEndian(forged.AsSpan(10), (ushort)random.Next(headerLength - 40, headerLength + 40));
            }

            int length = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(forged.AsSpan(10)), forged.Length);
            if (length >= 16)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(forged.AsSpan(length - 4), Crc32.HashToUInt32(forged.AsSpan(0, length - 4)));
            }

            outcomes.Add(ReadOnce(network, forged, $"forged header, seed 8003, trial {trial}"));
        }

        output.WriteLine(outcomes.ToString());
        Assert.True(outcomes["refused Corrupted"] > 0, outcomes.ToString());
        // A forged activation name or layer size decodes to a real but different network: refused as a mismatch.
        Assert.True(outcomes["refused ArchitectureMismatch"] > 0, outcomes.ToString());
    }

    [Fact]
    public void Intact_records_of_random_architectures_never_load_into_another_network()
    {
        // Well-formed headers for random architectures (up to 64 layers of up to 65,536 neurons, some over 2³¹
        // parameters) with no weights behind them: refused by architecture before a weight is read or allocated.
        var network = new BlogNet();
        network.InitializeWeights(9);
        var random = new Random(8004);
        var outcomes = new FuzzOutcomes();
        string[] activations = ["GenNet.Activations.Sigmoid", "GenNet.Activations.ReLU", "GenNet.Activations.Tanh", "Mine.Ünicode"];
        for (int trial = 0; trial < 1000; trial++)
        {
            int layers = 2 + random.Next(trial % 2 == 0 ? 3 : 63);
            int[] sizes = Enumerable.Range(0, layers).Select(_ => random.Next(3) == 0 ? 1 + random.Next(65536) : 1 + random.Next(8)).ToArray();
            bool bias = random.Next(2) == 0;
            long count = 0;
            for (int s = 0; s + 1 < layers; s++)
            {
                count += (sizes[s] + (bias ? 1L : 0)) * sizes[s + 1];
            }

            byte[] header = count > int.MaxValue
                ? OversizedHeader(sizes, bias, activations[0])
                : EncodeHeader(new NetworkArchitecture(
                    random.Next(2) == 0 ? NetworkPrecision.Double : NetworkPrecision.Single,
                    sizes,
                    sizes.Skip(1).Select(_ => activations[random.Next(activations.Length)]),
                    bias,
                    (LossFunction)random.Next(4)));
            outcomes.Add(ReadOnce(network, header, $"random architecture, seed 8004, trial {trial}"));
        }

        output.WriteLine(outcomes.ToString());
        Assert.True(outcomes["refused ArchitectureMismatch"] > 0, outcomes.ToString());
        Assert.True(outcomes["refused Corrupted"] > 0, outcomes.ToString()); // the ones over 2³¹ − 1 parameters
    }

    [Fact]
    public void Intact_records_with_any_weight_bits_load_every_weight()
    {
        // The positive control: random weight bytes (NaN and infinity patterns included) under a recomputed weight
        // checksum are a valid record, and loading it must deliver exactly those bits, all of them.
        var network = new Net40x30x3Single();
        byte[] file = Record(network);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10));
        int weightBytes = Net40x30x3Single.ParameterCount * sizeof(float);
        var random = new Random(8005);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] forged = (byte[])file.Clone();
            Span<byte> weights = forged.AsSpan(headerLength, weightBytes);
            random.NextBytes(weights);
            BinaryPrimitives.WriteUInt32LittleEndian(forged.AsSpan(headerLength + weightBytes), Crc32.HashToUInt32(weights));
            network.InitializeWeights(trial);

            WeightFile.Load(network, new MemoryStream(forged));

            Assert.True(weights.SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(network.Parameters)), $"trial {trial}");
        }
    }

    [Fact]
    public void Damaged_files_on_disk_are_refused_by_Load_and_ReadArchitecture()
    {
        var network = new Net5x7x3();
        network.InitializeWeights(11);
        string intact = _folder.File("intact.gnw");
        WeightFile.Save(network, intact);
        byte[] file = File.ReadAllBytes(intact);
        double[] before = network.Parameters.ToArray();
        var mutator = new Mutator(8006);
        var outcomes = new FuzzOutcomes();
        string path = _folder.File("damaged.gnw");
        for (int trial = 0; trial < FileTrials; trial++)
        {
            byte[] damaged = mutator.Next(file, trial, out Mutator.Damage damage);
            File.WriteAllBytes(path, damaged);
            string replay = $"file, seed 8006, trial {trial} ({damage})";
            try
            {
                WeightFile.Load(network, path);
                // A file differs from a stream: bytes after the record make it damaged, so only an intact file loads.
                Assert.Fail($"{replay}: a damaged file loaded.");
            }
            catch (WeightFileException error)
            {
                outcomes.Add($"refused {error.Error}");
            }
            catch (ArchitectureMismatchException)
            {
                outcomes.Add("refused ArchitectureMismatch");
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{replay}: {error.GetType().Name}: {error.Message}");
            }

            Assert.Equal(before, network.Parameters.ToArray());
            try
            {
                Assert.Equal(Net5x7x3.Architecture, WeightFile.LoadArchitecture(path)); // the header alone may be intact
            }
            catch (WeightFileException)
            {
            }
        }

        output.WriteLine(outcomes.ToString());
        Assert.Equal(FileTrials, outcomes.Trials);
    }

    [Fact]
    public void A_stream_that_fails_mid_read_leaves_the_weights_untouched()
    {
        var network = new BlogNet();
        network.InitializeWeights(12);
        byte[] file = Record(network);
        network.InitializeWeights(13);
        double[] before = network.Parameters.ToArray();
        for (int limit = 0; limit < file.Length; limit++)
        {
            var stream = new FailingReadStream(file, limit);
            var error = Assert.ThrowsAny<IOException>(() => WeightFile.Load(network, stream));
            Assert.IsNotType<WeightFileException>(error); // the device's error, not a verdict on the data
            Assert.Equal(before, network.Parameters.ToArray());
        }
    }

    // Reads one record into the network; returns the outcome, failing on anything undocumented or a half-done load.
    private static string ReadOnce<T>(INetwork<T> network, byte[] data, string replay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = network.Parameters.ToArray();
        try
        {
            WeightFile.Load(network, new MemoryStream(data));
        }
        catch (WeightFileException error)
        {
            AssertUnchanged(before, network, replay);
            return $"refused {error.Error}";
        }
        catch (ArchitectureMismatchException)
        {
            AssertUnchanged(before, network, replay);
            return "refused ArchitectureMismatch";
        }
        catch (Exception error)
        {
            Assert.Fail($"{replay}: undocumented {error.GetType().Name}: {error.Message}");
        }

        return "loaded whole";
    }

    private FuzzOutcomes FuzzDamage<TNetwork, T>(int seed)
        where TNetwork : INetwork<T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saved = new TNetwork();
        saved.InitializeWeights(1);
        byte[] file = Record(saved);
        var network = new TNetwork();
        network.InitializeWeights(2);
        var mutator = new Mutator(seed);
        var outcomes = new FuzzOutcomes();
        for (int trial = 0; trial < DamagedTrialsPerNetwork; trial++)
        {
            byte[] damaged = mutator.Next(file, trial, out Mutator.Damage damage);
            string outcome = ReadOnce(network, damaged, $"{typeof(TNetwork).Name}, seed {seed}, trial {trial} ({damage})");
            if (outcome == "loaded whole")
            {
                // Only an intact record can load (appended bytes lie after it): every weight is the saved one.
                Assert.True(saved.Parameters.SequenceEqual(network.Parameters), $"seed {seed}, trial {trial} ({damage}): loaded weights differ");
                network.InitializeWeights(2);
            }

            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private static void AssertUnchanged<T>(T[] before, INetwork<T> network, string replay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!before.AsSpan().SequenceEqual(network.Parameters))
        {
            Assert.Fail($"{replay}: a refused record changed the weights.");
        }
    }

    private static byte[] Record<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        WeightFile.Save(network, stream);
        return stream.ToArray();
    }

    private static byte[] EncodeHeader(NetworkArchitecture architecture) => WeightFileHeader.Encode(architecture);

    // A well-formed header whose layers multiply past int.MaxValue parameters: NetworkArchitecture cannot even be
    // built for it, so it is written here field by field (as WeightFileFormat.md lays it out).
    private static byte[] OversizedHeader(int[] sizes, bool bias, string activation)
    {
        byte[] name = System.Text.Encoding.UTF8.GetBytes(activation);
        int length = 20 + 4 * sizes.Length + (sizes.Length - 1) * (2 + name.Length) + 8;
        var header = new byte[length];
        Span<byte> span = header;
        WeightFileHeader.Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], WeightFileHeader.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)length);
        span[12] = 8;
        span[13] = bias ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)sizes.Length);
        int offset = 20;
        foreach (int size in sizes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)size);
            offset += 4;
        }

        for (int i = 1; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)name.Length);
            name.CopyTo(span[(offset + 2)..]);
            offset += 2 + name.Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], Crc32.HashToUInt32(span[..(offset + 4)]));
        return header;
    }

    /// <summary>A readable stream over <c>data</c> that fails with an <see cref="IOException"/> after <c>limit</c> bytes, like a dropped network share.</summary>
    private sealed class FailingReadStream(byte[] data, int limit) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= limit)
            {
                throw new IOException("The network path was lost (simulated).");
            }

            int count = Math.Min(buffer.Length, limit - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
