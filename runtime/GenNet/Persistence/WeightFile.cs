using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GenNet.CompilerServices;
using GenNet;

namespace GenNet.Persistence;

/// <summary>
/// Saves a network's weights to a file and loads them back, safely: the file records the architecture and two
/// CRC-32 checksums, saving replaces the file atomically, and loading refuses a file for another architecture or
/// precision, or one that is truncated or corrupted, without touching the network.
/// </summary>
/// <remarks>The format (versioned, little-endian) is described in <c>runtime/GenNet/Persistence/WeightFileFormat.md</c>.</remarks>
/// <example>
/// <code>
/// WeightFile.Save(network, "digits.gnw");
/// var copy = new DigitsNet();
/// WeightFile.Load(copy, "digits.gnw");   // throws, and leaves copy unchanged, if the file does not fit
/// </code>
/// </example>
public static class WeightFile
{
    /// <summary>The customary file extension, <c>.gnw</c> (GenNet weights).</summary>
    public const string Extension = ".gnw";

    /// <summary>
    /// Writes <paramref name="network"/>'s architecture and weights to <paramref name="path"/>, replacing any file there
    /// atomically: the data is written to a temporary file in the same folder, flushed to the disk and renamed, so
    /// the path holds either its old contents or the complete new file, even if the process dies mid-way. The folder is
    /// created if missing; temporary files left by earlier saves of the same path that crashed are deleted. The
    /// weights are those after one whole training step (see <see cref="Save{T}(INetwork{T}, Stream)"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The network is batch-normalised but does not implement <see cref="IBatchNormalizedNetwork{T}"/>.</exception>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Save(network, path, wrap: null);

    /// <summary>Save with a hook on the temporary file's stream, for tests that fail a write part-way.</summary>
    internal static void Save<T>(INetwork<T> network, string path, Func<Stream, Stream>? wrap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Save(network, stream), wrap);
    }

    /// <summary>
    /// Replaces <paramref name="network"/>'s weights with those in <paramref name="path"/>. The whole file is checked
    /// first; on any failure the network keeps its weights.
    /// </summary>
    /// <exception cref="WeightFileException">The file is not a weight file, has a newer format version, is truncated,
    /// is corrupted, or has data after its end.</exception>
    /// <exception cref="ArchitectureMismatchException">The file holds weights for another architecture or precision.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    /// <exception cref="NotSupportedException">The network is batch-normalised but does not implement <see cref="IBatchNormalizedNetwork{T}"/>.</exception>
    public static void Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string source = $"'{path}'";
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        T[] values = ReadValues(network, file, source);
        if (file.Position != file.Length)
        {
            throw WeightFileHeader.Corrupted(source, $"{file.Length - file.Position} bytes follow the end of the weights");
        }

        NetworkWeights.Commit<T>(network, values);
    }

    /// <summary>
    /// Writes one weight record (header, weights, checksums) to <paramref name="stream"/> at its position. The weights
    /// are copied under the network's training lock (<see cref="TrainingLock.Snapshot{TResult}(object, Func{TResult})"/>):
    /// while another thread runs <c>TrainStep</c>s the record holds the weights after one whole step, never a mix; during
    /// a <see cref="Training.Trainer"/> run on another thread it waits for the run to end.
    /// </summary>
    public static void Save<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = network.Architecture;
        CheckElementType<T>(architecture);
        Guard.Length<T>(network.Parameters, architecture.ParameterCount);
        // Copied under the training lock: a save while another thread trains holds the weights after one whole step.
        T[] values = NetworkWeights.Capture(network, withStatistics: true);

        stream.Write(WeightFileHeader.Encode(architecture));
        byte[] data = LittleEndianBytes<T>(values);
        stream.Write(data);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32.HashToUInt32(data));
        stream.Write(checksum);
    }

    /// <summary>
    /// Reads one weight record from <paramref name="stream"/> into <paramref name="network"/>, leaving the stream just
    /// after it (so records may follow each other). The record is checked whole before any weight changes.
    /// </summary>
    /// <exception cref="WeightFileException">The data is not a weight record, has a newer format version, ends early or is corrupted.</exception>
    /// <exception cref="ArchitectureMismatchException">The record holds weights for another architecture or precision.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkWeights.Commit<T>(network, ReadValues(network, stream, "The weight data"));
    }

    /// <summary>Reads only the architecture a weight file was saved from, e.g. to choose the network type to load it into.</summary>
    /// <exception cref="WeightFileException">The file is not a weight file, has a newer format version, or its header is truncated or corrupted.</exception>
    public static NetworkArchitecture LoadArchitecture(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        return ReadHeader(file, $"'{path}'");
    }

    private static NetworkArchitecture ReadHeader(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[WeightFileHeader.PrefixLength];
        ReadExactly(stream, prefix, source, "header");
        int length = WeightFileHeader.ReadLength(prefix, source);
        var header = new byte[length];
        prefix.CopyTo(header);
        ReadExactly(stream, header.AsSpan(prefix.Length), source, "header");
        return WeightFileHeader.Decode(header, source);
    }

    // Checks everything (header, architecture, length, checksum) and returns the parameters, then any running
    // statistics, without touching the network.
    private static T[] ReadValues<T>(INetwork<T> network, Stream stream, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkArchitecture expected = network.Architecture;
        CheckElementType<T>(expected);
        NetworkArchitecture actual = ReadHeader(stream, source);
        if (!expected.Equals(actual))
        {
            throw ArchitectureMismatchException.For(expected, actual, source);
        }

        if (expected.BatchNormalization)
        {
            NetworkWeights.Normalized(network);
        }

        var values = new T[expected.ParameterCount + (2 * WeightFileHeader.NormalizedNeurons(expected))];
        Span<byte> data = MemoryMarshal.AsBytes(values.AsSpan());
        ReadExactly(stream, data, source, "weights");
        Span<byte> checksum = stackalloc byte[4];
        ReadExactly(stream, checksum, source, "checksum");
        if (Crc32.HashToUInt32(data) != BinaryPrimitives.ReadUInt32LittleEndian(checksum))
        {
            throw WeightFileHeader.Corrupted(source, "the weights' checksum does not match");
        }

        if (!BitConverter.IsLittleEndian)
        {
            ReverseEndianness(data, Unsafe.SizeOf<T>());
        }

        return values;
    }



    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new WeightFileException(
                WeightFileError.Truncated,
                $"{source} is truncated: it ends {buffer.Length - read} bytes before the end of its {part}.");
        }
    }

    private static byte[] LittleEndianBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEndianness(bytes, Unsafe.SizeOf<T>());
        }

        return bytes;
    }

    private static void ReverseEndianness(Span<byte> data, int elementSize)
    {
        for (int i = 0; i < data.Length; i += elementSize)
        {
            data.Slice(i, elementSize).Reverse();
        }
    }

    private static void CheckElementType<T>(NetworkArchitecture architecture)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() != WeightFileHeader.ElementSize(architecture.Precision))
        {
            throw new ArgumentException(
                $"A {architecture.Precision} network must have {WeightFileHeader.ElementSize(architecture.Precision)}-byte parameters; {typeof(T).Name} has {Unsafe.SizeOf<T>()}.",
                "network");
        }
    }
}
