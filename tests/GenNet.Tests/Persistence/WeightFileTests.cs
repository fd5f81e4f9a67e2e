using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using GenNet;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Persistence;

public sealed class WeightFileTests : IDisposable
{
    private const string Sigmoid = "GenNet.Activations.Sigmoid";

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Save_then_load_restores_every_weight_bit_for_bit()
    {
        RoundTrip<BlogNet, double>(new BlogNet(), new BlogNet());
        RoundTrip<BlogNetSingle, float>(new BlogNetSingle(), new BlogNetSingle());
        RoundTrip<Net5x7x3, double>(new Net5x7x3(), new Net5x7x3());
        RoundTrip<Net40x30x3Single, float>(new Net40x30x3Single(), new Net40x30x3Single());

        void RoundTrip<TNetwork, T>(TNetwork saved, TNetwork loaded)
            where TNetwork : INetwork<T>
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            saved.InitializeWeights(1);
            saved.Parameters[0] = T.CreateTruncating(Math.PI); // a value no seed gives
            loaded.InitializeWeights(2);
            string path = _folder.File(typeof(TNetwork).Name + WeightFile.Extension);

            WeightFile.Save(saved, path);
            WeightFile.Load(loaded, path);

            Assert.Equal(Bits(saved.Parameters.ToArray()), Bits(loaded.Parameters.ToArray()));
        }
    }

    [Fact]
    public void Saved_file_follows_the_documented_layout()
    {
        // Built field by field from WeightFileFormat.md, independently of the writer.
        var network = new BlogNet();
        network.InitializeWeights(1);
        NetworkArchitecture architecture = BlogNet.Architecture;
        var header = new List<byte>();
        header.AddRange(new byte[] { 0x89, (byte)'G', (byte)'N', (byte)'W', 0x0D, 0x0A, 0x1A, 0x0A });
        header.AddRange(UInt16(1));
        header.AddRange(UInt16(0)); // header length, patched below
        header.Add(8); // double
        header.Add(0); // no bias
        header.Add((byte)LossFunction.SumSquaredError);
        header.Add(0);
        header.AddRange(UInt32(3));
        header.AddRange(UInt32(3).Concat(UInt32(4)).Concat(UInt32(1)));
        foreach (string activation in architecture.Activations)
        {
            byte[] name = Encoding.UTF8.GetBytes(activation);
            header.AddRange(UInt16((ushort)name.Length));
            header.AddRange(name);
        }

        header.AddRange(UInt32(16));
        int length = header.Count + 4;
        header[10] = (byte)length;
        header[11] = (byte)(length >> 8);
        header.AddRange(UInt32(Crc32.HashToUInt32(header.ToArray())));
        byte[] weights = network.Parameters.ToArray().SelectMany(BitConverter.GetBytes).ToArray();
        byte[] expected = header.Concat(weights).Concat(UInt32(Crc32.HashToUInt32(weights))).ToArray();

        string path = _folder.File("blog.gnw");
        WeightFile.Save(network, path);

        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(0xCBF43926u, Crc32.HashToUInt32("123456789"u8)); // the CRC-32 of zlib and PNG, as documented

        static byte[] UInt16(ushort value) => BitConverter.GetBytes(value);
        static byte[] UInt32(uint value) => BitConverter.GetBytes(value);
    }

    [Fact]
    public void Another_architecture_is_refused_naming_both_and_the_weights_stay()
    {
        string path = _folder.File("wide.gnw");
        WeightFile.Save(new BlogNetWide(), path);
        var network = new BlogNet();
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(network, path));

        Assert.Contains("layer sizes: the network is 3-4-1, the data is 3-5-1", error.Message);
        Assert.Equal(BlogNet.Architecture.Signature, error.Expected);
        Assert.Equal(BlogNetWide.Architecture.Signature, error.Actual);
        Assert.Equal("network", error.ParamName);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Another_precision_is_refused_and_the_weights_stay()
    {
        string path = _folder.File("double.gnw");
        WeightFile.Save(new BlogNet(), path);
        var network = new BlogNetSingle();
        network.InitializeWeights(7);
        float[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(network, path));

        Assert.Contains("precision: the network is float, the data is double", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(true, false, LossFunction.SumSquaredError, "bias units: the network has none, the data has them")]
    [InlineData(false, false, LossFunction.MeanSquaredError, "loss: the network minimises MeanSquaredError, the data was trained for SumSquaredError")]
    [InlineData(false, true, LossFunction.SumSquaredError, "activation of layer_2: the network uses GenNet.Activations.Linear, the data GenNet.Activations.Sigmoid")]
    public void Bias_activations_and_loss_are_part_of_the_architecture(bool savedBias, bool linearOutput, LossFunction loadedLoss, string difference)
    {
        NetworkArchitecture saved = new(NetworkPrecision.Double, [2, 3, 2], [Sigmoid, Sigmoid], savedBias, LossFunction.SumSquaredError);
        NetworkArchitecture loaded = new(NetworkPrecision.Double, [2, 3, 2], [Sigmoid, linearOutput ? "GenNet.Activations.Linear" : Sigmoid], hasBias: false, loadedLoss);
        var source = new ParametersOnlyNetwork<double>(saved);
        source.InitializeWeights(1);
        var stream = new MemoryStream();
        WeightFile.Save(source, stream);
        var target = new ParametersOnlyNetwork<double>(loaded);

        stream.Position = 0;
        var error = Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(target, stream));

        Assert.Contains(difference, error.Message);
        Assert.All(target.Parameters.ToArray(), value => Assert.Equal(0.0, value));

        // And with everything equal, bias units round-trip.
        var copy = new ParametersOnlyNetwork<double>(saved);
        stream.Position = 0;
        WeightFile.Load(copy, stream);
        Assert.Equal(source.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    // 3-4-5-2 with bias and batch normalisation: synapses (3+1)×4 + γ,β (4+4), (4+1)×5 + γ,β (5+5), (5+1)×2; 9 hidden neurons.
    private static readonly NetworkArchitecture Normalized = new(
        NetworkPrecision.Double, [3, 4, 5, 2], [Sigmoid, Sigmoid, Sigmoid], hasBias: true, LossFunction.MeanSquaredError, batchNormalization: true);

    [Fact]
    public void Batch_normalised_networks_keep_their_running_statistics()
    {
        var saved = new NormalizedParametersOnlyNetwork<double>(Normalized, normalizedNeurons: 9);
        saved.InitializeWeights(5);
        var stream = new MemoryStream();
        WeightFile.Save(saved, stream);
        Assert.Equal(71, Normalized.ParameterCount);
        int header = 20 + (4 * 4) + (3 * (2 + Sigmoid.Length)) + 8;
        Assert.Equal(header + ((71 + 9 + 9) * 8) + 4, stream.Length); // parameters, 9 means, 9 variances, checksum

        var loaded = new NormalizedParametersOnlyNetwork<double>(Normalized, normalizedNeurons: 9);
        stream.Position = 0;
        WeightFile.Load(loaded, stream);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(saved.RunningMean.ToArray(), loaded.RunningMean.ToArray());
        Assert.Equal(saved.RunningVariance.ToArray(), loaded.RunningVariance.ToArray());
    }

    [Fact]
    public void Batch_normalisation_is_part_of_the_architecture_and_named_as_the_difference()
    {
        var saved = new NormalizedParametersOnlyNetwork<double>(Normalized, normalizedNeurons: 9);
        saved.InitializeWeights(5);
        var stream = new MemoryStream();
        WeightFile.Save(saved, stream);
        var plain = new ParametersOnlyNetwork<double>(new NetworkArchitecture(
            NetworkPrecision.Double, [3, 4, 5, 2], [Sigmoid, Sigmoid, Sigmoid], hasBias: true, LossFunction.MeanSquaredError));

        stream.Position = 0;
        var error = Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(plain, stream));

        Assert.Contains("batch normalisation: the network does not normalise its hidden layers, the data was trained with it", error.Message);
        Assert.All(plain.Parameters.ToArray(), value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void A_batch_normalised_network_without_access_to_its_statistics_is_refused()
    {
        var opaque = new ParametersOnlyNetwork<double>(Normalized);
        var error = Assert.Throws<NotSupportedException>(() => WeightFile.Save(opaque, new MemoryStream()));
        Assert.Contains("does not expose its running statistics through IBatchNormalizedNetwork<T>", error.Message);

        var saved = new NormalizedParametersOnlyNetwork<double>(Normalized, normalizedNeurons: 9);
        var stream = new MemoryStream();
        WeightFile.Save(saved, stream);
        stream.Position = 0;
        Assert.Throws<NotSupportedException>(() => WeightFile.Load(opaque, stream));
        Assert.All(opaque.Parameters.ToArray(), value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void Every_truncation_is_refused_as_truncated_and_the_weights_stay()
    {
        byte[] file = SavedBytes(seed: 1);
        var network = new BlogNet();
        network.InitializeWeights(3);
        double[] before = network.Parameters.ToArray();

        for (int length = 0; length < file.Length; length++)
        {
            var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(network, new MemoryStream(file, 0, length)));
            Assert.Equal(WeightFileError.Truncated, error.Error);
        }

        // The same through a file on disk, cut inside the weights.
        string path = _folder.File("cut.gnw");
        File.WriteAllBytes(path, file[..^20]);
        var fromFile = Assert.Throws<WeightFileException>(() => WeightFile.Load(network, path));
        Assert.Equal(WeightFileError.Truncated, fromFile.Error);
        Assert.Contains("truncated", fromFile.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Every_flipped_bit_is_refused_and_the_weights_stay()
    {
        byte[] file = SavedBytes(seed: 1);
        var network = new BlogNet();
        network.InitializeWeights(3);
        double[] before = network.Parameters.ToArray();

        for (int position = 0; position < file.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[position] ^= (byte)(1 << bit);

                var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(network, new MemoryStream(damaged)));

                WeightFileError[] expected = position switch
                {
                    < 8 => [WeightFileError.NotAWeightFile],
                    < 10 => [WeightFileError.UnsupportedVersion, WeightFileError.Corrupted],
                    < 12 => [WeightFileError.Truncated, WeightFileError.Corrupted], // the header length
                    _ => [WeightFileError.Corrupted],
                };
                Assert.Contains(error.Error, expected);
            }
        }

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Bytes_after_the_end_are_refused()
    {
        string path = _folder.File("trailing.gnw");
        File.WriteAllBytes(path, [.. SavedBytes(seed: 1), 0]);
        var network = new BlogNet();
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(network, path));

        Assert.Equal(WeightFileError.Corrupted, error.Error);
        Assert.Contains("1 bytes follow the end of the weights", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Other_files_and_newer_versions_are_named_as_such()
    {
        string text = _folder.File("notes.txt");
        File.WriteAllText(text, "synapse_0 = 2*np.random.random((3,4)) - 1\n");
        Assert.Equal(WeightFileError.NotAWeightFile, Assert.Throws<WeightFileException>(() => WeightFile.Load(new BlogNet(), text)).Error);

        byte[] newer = SavedBytes(seed: 1);
        newer[8] = 2;
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(new BlogNet(), new MemoryStream(newer)));
        Assert.Equal(WeightFileError.UnsupportedVersion, error.Error);
        Assert.Contains("version 2", error.Message);
    }

    [Fact]
    public void A_save_that_fails_part_way_leaves_the_old_file_whole_and_no_temporary_file()
    {
        string path = _folder.File("model.gnw");
        var network = new BlogNet();
        network.InitializeWeights(1);
        WeightFile.Save(network, path);
        byte[] original = File.ReadAllBytes(path);

        network.InitializeWeights(2);
        Assert.Throws<IOException>(() => WeightFile.Save(network, path, wrap: stream => new FailingStream(stream, limit: 150)));

        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_nothing_else()
    {
        string path = _folder.File("model.gnw");
        var network = new BlogNet();
        network.InitializeWeights(1);
        WeightFile.Save(network, path);
        network.InitializeWeights(2);
        double[] second = network.Parameters.ToArray();

        WeightFile.Save(network, path);
        var loaded = new BlogNet();
        WeightFile.Load(loaded, path);

        Assert.Equal(second, loaded.Parameters.ToArray());
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void ReadArchitecture_returns_what_was_saved()
    {
        string path = _folder.File("single.gnw");
        WeightFile.Save(new Net40x30x3Single(), path);

        NetworkArchitecture architecture = WeightFile.LoadArchitecture(path);

        Assert.Equal(Net40x30x3Single.Architecture, architecture);
        Assert.Equal(Net40x30x3Single.Architecture.Signature, architecture.Signature);
    }

    [Fact]
    public void Records_follow_each_other_in_one_stream()
    {
        var first = new BlogNet();
        first.InitializeWeights(1);
        var second = new Net2x3x2();
        second.InitializeWeights(2);
        var stream = new MemoryStream();
        WeightFile.Save(first, stream);
        WeightFile.Save(second, stream);

        stream.Position = 0;
        var firstCopy = new BlogNet();
        var secondCopy = new Net2x3x2();
        WeightFile.Load(firstCopy, stream);
        WeightFile.Load(secondCopy, stream);

        Assert.Equal(first.Parameters.ToArray(), firstCopy.Parameters.ToArray());
        Assert.Equal(second.Parameters.ToArray(), secondCopy.Parameters.ToArray());
        Assert.Equal(stream.Length, stream.Position);
    }

    private static byte[] SavedBytes(int seed)
    {
        var network = new BlogNet();
        network.InitializeWeights(seed);
        var stream = new MemoryStream();
        WeightFile.Save(network, stream);
        return stream.ToArray();
    }

    private static ulong[] Bits<T>(T[] values) where T : unmanaged =>
        values.Select(v => v is double d ? BitConverter.DoubleToUInt64Bits(d) : BitConverter.SingleToUInt32Bits((float)(object)v)).ToArray();
}
