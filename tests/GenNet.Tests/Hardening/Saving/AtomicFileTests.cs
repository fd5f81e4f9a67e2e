using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>Folders, temporary files and error messages of <see cref="AtomicFile"/>, through every saver that uses it.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private const string StaleGuid = "0123456789abcdef0123456789abcdef";

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Saving_into_a_folder_that_does_not_exist_creates_it()
    {
        var network = new BlogNet();
        network.InitializeWeights(1);
        string path = Path.Combine(_folder.Path, "new", "deeper", "blog.gnw");
        WeightFile.Save(network, path);

        var copy = new BlogNet();
        WeightFile.Load(copy, path);
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());

        string npy = Path.Combine(_folder.Path, "other", "a.npy");
        NpyFile.Write<double>(npy, [1.0, 2.0], [2]);
        Assert.Equal([1.0, 2.0], NpyFile.Read(npy).Values.ToArray());
    }

    [Fact]
    public void Stale_temporary_files_of_the_same_target_are_removed_by_the_next_save_and_others_are_kept()
    {
        string target = _folder.File("blog.gnw");
        string[] stale = [_folder.File($".blog.gnw.{StaleGuid}.tmp"), _folder.File($".blog.gnw.{StaleGuid.Replace('0', 'f')}.tmp")];
        string[] kept =
        [
            _folder.File($".other.gnw.{StaleGuid}.tmp"),   // another target's
            _folder.File(".blog.gnw.not-a-guid.tmp"),       // not a name a save writes
            _folder.File($".blog.gnw.{StaleGuid.ToUpperInvariant()}.tmp"),
        ];
        foreach (string file in stale.Concat(kept))
        {
            File.WriteAllBytes(file, new byte[1000]);
        }

        var network = new BlogNet();
        network.InitializeWeights(1);
        WeightFile.Save(network, target);

        Assert.All(stale, file => Assert.False(File.Exists(file), file));
        Assert.All(kept, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void A_temporary_file_that_a_live_save_holds_open_is_not_removed()
    {
        string live = _folder.File($".blog.gnw.{StaleGuid}.tmp");
        using (var open = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.Delete))
        {
            open.Write(new byte[10]);
            Assert.Equal(0, AtomicFile.RemoveStaleTemporaries(_folder.Path, name => name == "blog.gnw"));
            Assert.True(File.Exists(live));
        }

        Assert.Equal(1, AtomicFile.RemoveStaleTemporaries(_folder.Path, name => name == "blog.gnw"));
        Assert.False(File.Exists(live));
    }

    [Fact]
    public void A_failed_save_names_the_target_never_the_temporary_file_and_leaves_none()
    {
        string target = _folder.File("blog.gnw");
        var network = new BlogNet();
        network.InitializeWeights(1);
        WeightFile.Save(network, target);
        byte[] before = File.ReadAllBytes(target);

        // The target is a folder: the rename fails, with a message the runtime writes about both paths.
        string folderTarget = _folder.File("folder.gnw");
        Directory.CreateDirectory(folderTarget);
        var error = Assert.ThrowsAny<IOException>(() => WeightFile.Save(network, folderTarget));
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.DoesNotContain(".tmp", error.ToString());

        // A write that fails part-way.
        var failed = Assert.Throws<IOException>(() => WeightFile.Save(network, target, wrap: stream => new FailingStream(stream, 20)));
        Assert.DoesNotContain(".tmp", failed.Message);
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Only_the_names_a_save_writes_parse_as_temporary()
    {
        Assert.True(AtomicFile.TryParseTemporary($".a.b.gnw.{StaleGuid}.tmp", out string? name));
        Assert.Equal("a.b.gnw", name);
        string fresh = AtomicFile.TemporaryName("x.npy");
        Assert.True(AtomicFile.TryParseTemporary(fresh, out name));
        Assert.Equal("x.npy", name);
        Assert.False(AtomicFile.TryParseTemporary($"a.gnw.{StaleGuid}.tmp", out _));
        Assert.False(AtomicFile.TryParseTemporary($".{StaleGuid}.tmp", out _));
        Assert.False(AtomicFile.TryParseTemporary($".a.gnw.{StaleGuid}x.tmp", out _));
    }
}
