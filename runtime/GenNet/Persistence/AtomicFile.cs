using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GenNet.Persistence;

/// <summary>
/// Replaces a file so that a reader, or a crash, sees either the old contents or the complete new ones, never a mix:
/// the data goes to a temporary file in the same folder, is flushed to the disk, and is renamed over the target
/// (a rename within one file system is atomic on Linux, macOS and Windows); on Linux and macOS the folder is then
/// flushed too, so that the rename itself survives a power cut.
/// </summary>
/// <remarks>
/// The folder is created if it does not exist. The temporary file is named <c>.{name}.{guid}.tmp</c>; those left by
/// an earlier save of the same target that crashed are deleted by the next save (a temporary file that another save
/// still has open is locked and left alone). Error messages name the target, never the temporary file.
/// </remarks>
internal static partial class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> writes, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder is created if needed.</param>
    /// <param name="write">Writes the whole contents to the stream it is given. If it throws, the file is left as it was.</param>
    public static void Write(string path, Action<Stream> write) => Write(path, write, wrap: null);

    /// <summary>As <see cref="Write(string, Action{Stream})"/>; <paramref name="wrap"/> wraps the temporary file's
    /// stream, for tests that fail a write part-way.</summary>
    internal static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrap)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string name = Path.GetFileName(fullPath);
        if (name.Length == 0)
        {
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));
        }

        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(directory, candidate => candidate == name);

        // Same folder as the target, so the rename never crosses file systems; hidden and clearly temporary.
        string temporary = Path.Combine(directory, TemporaryName(name));
        try
        {
            // FileShare.Delete: the file may be renamed while open (Windows), and it is locked (shared, on Unix) for as
            // long as it is open, so that RemoveStaleTemporaries in another save never deletes it from under this one.
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, bufferSize: 1 << 16))
            {
                Stream stream = wrap is null ? file : wrap(file);
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);
                File.Move(temporary, fullPath, overwrite: true);
            }

            SyncDirectory(directory);
        }
        catch (Exception error)
        {
            TryDelete(temporary);
            if (Sanitized(error, temporary, fullPath) is { } clean)
            {
                throw clean;
            }

            throw;
        }
    }

    /// <summary>The temporary name a save of <paramref name="name"/> writes to: <c>.{name}.{guid}.tmp</c>.</summary>
    internal static string TemporaryName(string name) => $".{name}.{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// Deletes the temporary files <c>.{name}.{32 hex digits}.tmp</c> in <paramref name="directory"/> whose target
    /// <c>name</c> <paramref name="target"/> accepts, if no save has them open (they are left by a crashed save).
    /// </summary>
    internal static int RemoveStaleTemporaries(string directory, Func<string, bool> target)
    {
        int removed = 0;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        foreach (string candidate in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            string file = Path.GetFileName(candidate);
            if (!TryParseTemporary(file, out string? name) || !target(name))
            {
                continue;
            }

            try
            {
                // An exclusive open fails while a live save holds the file; DeleteOnClose removes it while this holds it.
                using var stale = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                removed++;
            }
            catch (IOException)
            {
                // In use by another save, or already gone.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    /// <summary>Whether <paramref name="file"/> is <c>.{name}.{32 hex digits}.tmp</c>, and its target's name.</summary>
    internal static bool TryParseTemporary(string file, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        const int GuidLength = 32;
        const string Suffix = ".tmp";
        int nameLength = file.Length - 1 - 1 - GuidLength - Suffix.Length;
        if (nameLength < 1 || file[0] != '.' || !file.EndsWith(Suffix, StringComparison.Ordinal) || file[1 + nameLength] != '.')
        {
            return false;
        }

        foreach (char c in file.AsSpan(2 + nameLength, GuidLength))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        name = file.Substring(1, nameLength);
        return true;
    }

    // The runtime's messages name the path they failed on; the caller knows only the target.
    private static Exception? Sanitized(Exception error, string temporary, string target)
    {
        if (!error.Message.Contains(temporary, StringComparison.Ordinal) && !error.Message.Contains(Path.GetFileName(temporary), StringComparison.Ordinal))
        {
            return null;
        }

        string message = error.Message.Replace(temporary, target, StringComparison.Ordinal)
            .Replace(Path.GetFileName(temporary), Path.GetFileName(target), StringComparison.Ordinal);
        Exception clean = error switch
        {
            PathTooLongException => new PathTooLongException(message),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            FileNotFoundException => new FileNotFoundException(message, target),
            IOException => new IOException(message, error.HResult),
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            _ => error,
        };
        return ReferenceEquals(clean, error) ? null : clean;
    }

    // Persists the rename: on Linux and macOS a rename is durable only once its folder is flushed. Windows has no
    // equivalent for folders (NTFS journals the rename). Best effort: a file system that refuses is left as it is.
    /// <returns>Whether the folder was flushed.</returns>
    internal static bool SyncDirectory(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return false;
        }

        try
        {
            int descriptor = Open(directory, 0 /* O_RDONLY */);
            if (descriptor < 0)
            {
                return false;
            }

            bool flushed = Fsync(descriptor) == 0;
            _ = Close(descriptor);
            return flushed;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a stray temporary file is harmless, clearly named, and removed by the next save.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
