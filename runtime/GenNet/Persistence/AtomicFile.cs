using System;
using System.IO;

namespace GenNet.Persistence;

/// <summary>
/// Replaces a file so that a reader, or a crash, sees either the old contents or the complete new ones, never a mix:
/// the data goes to a temporary file in the same folder, is flushed to the disk, and is renamed over the target
/// (a rename within one file system is atomic on Linux, macOS and Windows).
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> writes, atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
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
        // Same folder as the target, so the rename never crosses file systems; hidden and clearly temporary.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream stream = wrap is null ? file : wrap(file);
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a stray temporary file is harmless and clearly named.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
