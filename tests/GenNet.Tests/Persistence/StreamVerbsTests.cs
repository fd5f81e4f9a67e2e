using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;
using static GenNet.Tests.Persistence.NpyFileTests;

namespace GenNet.Tests.Persistence;

/// <summary>
/// One verb pair for every format: <c>Save</c>/<c>Load</c> to a path or a <see cref="Stream"/>. The .gnw and ONNX stream
/// forms are covered with their formats; here the numpy stream form (.npz), which numpy itself must read and write.
/// </summary>
public sealed class StreamVerbsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_npz_written_by_numpy_loads_as_its_npy_files_do()
    {
        var fromFiles = new BlogNet();
        NumpyWeights.LoadArrays(fromFiles, Fixture("blog_initial_synapse_0.npy"), Fixture("blog_initial_synapse_1.npy"));

        foreach (string archive in new[] { "blog_initial.npz", "blog_initial_compressed.npz" })
        {
            var fromArchive = new BlogNet();
            using FileStream stream = File.OpenRead(Fixture(archive));
            NumpyWeights.Load(fromArchive, stream);
            Assert.Equal(fromFiles.Parameters.ToArray(), fromArchive.Parameters.ToArray());
        }
    }

    [Fact]
    public void An_npz_round_trips_bit_for_bit_and_names_its_entries_as_np_savez_does()
    {
        var network = new Net3x4x1();
        network.InitializeWeights(5);
        using var memory = new MemoryStream();
        NumpyWeights.Save(network, memory);

        memory.Position = 0;
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Read, leaveOpen: true))
        {
            Assert.Equal(["synapse_0.npy", "synapse_1.npy"], archive.Entries.Select(entry => entry.FullName));
            using Stream first = archive.Entries[0].Open();
            Assert.Equal([3, 4], NpyFile.Read(first).Shape.ToArray()); // (3 inputs, 4 hidden): this network has no bias units
        }

        var copy = new Net3x4x1();
        memory.Position = 0;
        NumpyWeights.Load(copy, new NonSeekableStream(memory.ToArray()));
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void An_npz_entry_claiming_more_bytes_than_the_network_can_hold_is_refused_before_it_is_read()
    {
        var network = new Net3x4x1();
        network.InitializeWeights(2);
        double[] before = network.Parameters.ToArray();

        // A deflated entry of 64 MiB of zeros: a few kB on disk, far more than 17 parameters' arrays.
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using Stream entry = archive.CreateEntry("synapse_0.npy", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        memory.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(network, memory));
        Assert.Contains("claims 67108864 bytes", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_stream_that_is_not_an_npz_is_refused_whole()
    {
        var network = new Net3x4x1();
        network.InitializeWeights(2);
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(network, new MemoryStream([1, 2, 3, 4, 5])));
        Assert.Contains("not an .npz", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_file_given_where_the_saved_folder_belongs_says_which_call_loads_files()
    {
        var network = new BlogNet();
        var error = Assert.Throws<ArgumentException>(() => NumpyWeights.Load(network, Fixture("blog_initial_synapse_0.npy")));
        Assert.Contains("NumpyWeights.LoadArrays", error.Message);
    }

    [Fact]
    public void A_weight_file_saved_to_a_stream_loads_from_it()
    {
        var network = new Net3x4x1();
        network.InitializeWeights(9);
        using var memory = new MemoryStream();
        WeightFile.Save(network, memory);
        memory.Position = 0;

        var copy = new Net3x4x1();
        WeightFile.Load(copy, memory);
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    /// <summary>A stream that can only be read forwards, as a network stream is.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
