using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>
/// <see cref="NumpyWeights.Save{T}"/> commits a folder of arrays as a unit through a manifest written last, and
/// <see cref="NumpyWeights.Load{T}(INetwork{T}, string, string)"/> refuses anything but a whole, intact set.
/// </summary>
public sealed class NumpyManifestTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Net5x7x3 Seeded(int seed)
    {
        var network = new Net5x7x3();
        network.InitializeWeights(seed);
        return network;
    }

    private string Manifest => _folder.File("synapse_manifest.txt");

    [Fact]
    public void A_save_writes_generation_named_arrays_and_a_manifest_with_sizes_and_hashes_and_loads_back()
    {
        Net5x7x3 network = Seeded(1);
        var paths = NumpyWeights.Save(network, _folder.Path);

        Assert.Equal(["synapse_0.g1.npy", "synapse_1.g1.npy"], paths.Select(Path.GetFileName));
        string[] lines = File.ReadAllLines(Manifest);
        Assert.Contains("gennet-npy-manifest 1", lines);
        Assert.Contains("generation 1", lines);
        foreach (string path in paths)
        {
            byte[] bytes = File.ReadAllBytes(path);
            string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
            Assert.Contains($"file {Path.GetFileName(path)} {bytes.Length} {hash}", lines);
        }

        var copy = new Net5x7x3();
        NumpyWeights.Load(copy, _folder.Path);
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());

        // Each array is still what np.save writes, and loads by name.
        var byName = new Net5x7x3();
        NumpyWeights.LoadArrays(byName, [.. paths]);
        Assert.Equal(network.Parameters.ToArray(), byName.Parameters.ToArray());
    }

    [Fact]
    public void The_next_save_is_a_new_generation_and_the_older_files_are_deleted_after_the_commit()
    {
        NumpyWeights.Save(Seeded(1), _folder.Path);
        Net5x7x3 second = Seeded(2);
        var paths = NumpyWeights.Save(second, _folder.Path);

        Assert.Equal(["synapse_0.g2.npy", "synapse_1.g2.npy", "synapse_manifest.txt"],
            Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var copy = new Net5x7x3();
        NumpyWeights.Load(copy, _folder.Path);
        Assert.Equal(second.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void A_crash_before_the_manifest_leaves_the_previous_save_in_force_and_the_next_save_cleans_up()
    {
        Net5x7x3 committed = Seeded(1);
        NumpyWeights.Save(committed, _folder.Path);

        // What a save killed after writing its first array (and part of its second) leaves behind.
        File.WriteAllBytes(_folder.File("synapse_0.g2.npy"), File.ReadAllBytes(_folder.File("synapse_0.g1.npy")).Reverse().ToArray());
        File.WriteAllBytes(_folder.File("synapse_1.g2.npy"), [0x93, (byte)'N']);
        File.WriteAllBytes(_folder.File(".synapse_manifest.txt.0123456789abcdef0123456789abcdef.tmp"), [1, 2, 3]);

        var loaded = Seeded(9);
        NumpyWeights.Load(loaded, _folder.Path);
        Assert.Equal(committed.Parameters.ToArray(), loaded.Parameters.ToArray());

        Net5x7x3 next = Seeded(3);
        NumpyWeights.Save(next, _folder.Path);
        Assert.Equal(["synapse_0.g3.npy", "synapse_1.g3.npy", "synapse_manifest.txt"],
            Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        NumpyWeights.Load(loaded, _folder.Path);
        Assert.Equal(next.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void A_changed_array_is_refused_whole_by_its_hash_and_the_network_keeps_its_weights()
    {
        NumpyWeights.Save(Seeded(1), _folder.Path);
        string path = _folder.File("synapse_1.g1.npy");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01; // a valid array still: only the hash can tell
        File.WriteAllBytes(path, bytes);

        Net5x7x3 network = Seeded(7);
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(network, _folder.Path));
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("synapse_1.g1.npy", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_file_of_another_size_is_refused_naming_both_sizes()
    {
        NumpyWeights.Save(Seeded(1), _folder.Path);
        string path = _folder.File("synapse_0.g1.npy");
        long size = new FileInfo(path).Length;
        File.WriteAllBytes(path, File.ReadAllBytes(path).Concat(new byte[8]).ToArray());

        Net5x7x3 network = Seeded(7);
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(network, _folder.Path));
        Assert.Contains($"has {size + 8} bytes", error.Message);
        Assert.Contains($"records {size}", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_missing_array_or_manifest_is_refused_and_the_network_keeps_its_weights()
    {
        Net5x7x3 network = Seeded(7);
        double[] before = network.Parameters.ToArray();
        var none = Assert.Throws<FileNotFoundException>(() => NumpyWeights.Load(network, _folder.Path));
        Assert.Contains("NumpyWeights.LoadArrays(network, paths)", none.Message);

        NumpyWeights.Save(Seeded(1), _folder.Path);
        File.Delete(_folder.File("synapse_1.g1.npy"));
        var missing = Assert.Throws<FileNotFoundException>(() => NumpyWeights.Load(network, _folder.Path));
        Assert.Contains("synapse_1.g1.npy", missing.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("file ../outside.npy 10 0000000000000000000000000000000000000000000000000000000000000000", "is not the name of a file")]
    [InlineData("file /etc/passwd 10 0000000000000000000000000000000000000000000000000000000000000000", "is not the name of a file")]
    [InlineData("file a.npy ten 0000000000000000000000000000000000000000000000000000000000000000", "is not a size")]
    [InlineData("file a.npy 10 00", "64 hexadecimal digits")]
    [InlineData("rm -rf /", "unexpected")]
    public void A_damaged_manifest_is_refused_before_any_file_is_opened(string line, string expected)
    {
        File.WriteAllText(Manifest, $"gennet-npy-manifest 1\ngeneration 1\n{line}\n");
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(Seeded(1), _folder.Path));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_huge_or_foreign_manifest_is_refused_in_bounded_memory()
    {
        File.WriteAllBytes(Manifest, new byte[1 << 20]);
        Assert.Contains("at most", Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(Seeded(1), _folder.Path)).Message);

        File.WriteAllText(Manifest, "\u001b[31mnot a manifest\n");
        var error = Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(Seeded(1), _folder.Path));
        Assert.DoesNotContain('\u001b', error.Message);

        // A manifest that records a size no array of this network can have is refused before reading the file.
        File.WriteAllText(Manifest, "gennet-npy-manifest 1\ngeneration 1\nfile a.npy 99999999999 " + new string('0', 64) + "\n");
        Assert.Contains("takes more than", Assert.Throws<InvalidDataException>(() => NumpyWeights.Load(Seeded(1), _folder.Path)).Message);
    }

    [Fact]
    public void The_manifest_wins_over_arrays_in_the_older_layout_which_still_load_by_name_and_are_left_alone()
    {
        Net5x7x3 old = Seeded(1);
        // The older layout: synapse_0.npy, synapse_1.npy, as earlier saves and np.save wrote them.
        int split = (Net5x7x3.InputCount + 1) * 7;
        NpyFile.Write<double>(_folder.File("synapse_0.npy"), old.Parameters[..split], [Net5x7x3.InputCount + 1, 7]);
        NpyFile.Write<double>(_folder.File("synapse_1.npy"), old.Parameters[split..], [8, Net5x7x3.OutputCount]);

        Net5x7x3 saved = Seeded(2);
        NumpyWeights.Save(saved, _folder.Path);
        Assert.True(File.Exists(_folder.File("synapse_0.npy")) && File.Exists(_folder.File("synapse_1.npy")));

        var fromManifest = new Net5x7x3();
        NumpyWeights.Load(fromManifest, _folder.Path);
        Assert.Equal(saved.Parameters.ToArray(), fromManifest.Parameters.ToArray());

        var byName = new Net5x7x3();
        NumpyWeights.LoadArrays(byName, _folder.File("synapse_0.npy"), _folder.File("synapse_1.npy"));
        Assert.Equal(old.Parameters.ToArray(), byName.Parameters.ToArray());
    }

    [Fact]
    public void A_save_to_a_folder_that_does_not_exist_creates_it()
    {
        string nested = Path.Combine(_folder.Path, "a", "b");
        NumpyWeights.Save(Seeded(1), nested);
        var copy = new Net5x7x3();
        NumpyWeights.Load(copy, nested);
        Assert.Equal(Seeded(1).Parameters.ToArray(), copy.Parameters.ToArray());
    }
}
