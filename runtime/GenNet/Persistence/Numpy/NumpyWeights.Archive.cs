using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Numerics;

namespace GenNet.Persistence;

// The stream form of the verb pair: one .npz archive (a zip of .npy files, what np.savez writes and np.load reads),
// since a folder of files does not fit in a stream.
public static partial class NumpyWeights
{
    /// <summary>
    /// Writes the weights to <paramref name="stream"/> as an <c>.npz</c> archive: one stored (uncompressed) entry per
    /// synapse, <c>synapse_0.npy</c>, <c>synapse_1.npy</c>, …, each of shape <c>(below + bias, above)</c>, so that
    /// <c>np.load(f)["synapse_0"]</c> reads them. The weights are one copy taken under the training lock.
    /// </summary>
    /// <exception cref="NotSupportedException">The network is batch-normalised (its statistics have no numpy array here).</exception>
    public static void Save<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        List<byte[]> encoded = Encode(network, architecture);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        for (int s = 0; s < encoded.Count; s++)
        {
            ZipArchiveEntry entry = archive.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"synapse_{s}.npy"), CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero); // the same weights, the same bytes
            using Stream data = entry.Open();
            data.Write(encoded[s]);
        }
    }

    /// <summary>As <see cref="Load{T}(INetwork{T}, Stream, WeightLoadOptions)"/> with the default options.</summary>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(network, stream, WeightLoadOptions.Default);

    /// <summary>
    /// Loads an <c>.npz</c> archive (from <see cref="Save{T}(INetwork{T}, Stream)"/> or numpy's <c>np.savez</c>):
    /// its <c>.npy</c> entries in archive order, as <see cref="LoadArrays{T}(INetwork{T}, string[])"/> takes files.
    /// The archive is untrusted: its entry count and every entry's claimed size are checked against what the network
    /// can take before anything is read, and the network changes only if every array fits.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a zip archive, an entry is not an .npy array, claims more
    /// bytes than the network's arrays can hold, or is damaged.</exception>
    /// <exception cref="ArchitectureMismatchException">The arrays do not fit the network's synapses.</exception>
    public static void Load<T>(INetwork<T> network, Stream stream, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        int synapses = architecture.LayerSizes.Count - 1;
        long largest = checked((8L * architecture.ParameterCount) + (1 << 20)); // every parameter as float64, plus a header
        long archiveLimit = checked(((2L * synapses) + 1) * (largest + 4096));
        // A zip is read from its end, so a stream that cannot seek is copied first: at most archiveLimit bytes, then refused.
        Stream source = stream.CanSeek ? stream : BoundedRead.ToEnd(stream, archiveLimit,
            $"The stream holds more than {archiveLimit} bytes, more than any .npz of this network's weights.");
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"The stream is not an .npz (zip) archive: {error.Message}", error);
        }

        using (archive)
        {
            if (archive.Entries.Count > 2 * synapses)
            {
                throw new ArchitectureMismatchException($"at most {2 * synapses} arrays", $"{archive.Entries.Count} entries",
                    $"The archive has {archive.Entries.Count} entries; '{architecture.Signature}' takes at most {2 * synapses} (a matrix and a bias per synapse).");
            }

            var arrays = new NpyArray[archive.Entries.Count];
            var names = new string[arrays.Length];
            for (int i = 0; i < arrays.Length; i++)
            {
                ZipArchiveEntry entry = archive.Entries[i];
                names[i] = $"'{entry.FullName}'";
                if (entry.Length > largest)
                {
                    throw new InvalidDataException(
                        $"The archive's entry '{entry.FullName}' claims {entry.Length} bytes; no array of '{architecture.Signature}' takes more than {largest}.");
                }

                var bytes = new byte[entry.Length];
                using (Stream data = entry.Open())
                {
                    int read = data.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                    if (read != bytes.Length || data.ReadByte() != -1)
                    {
                        throw new InvalidDataException($"The archive's entry '{entry.FullName}' does not hold the {entry.Length} bytes it claims.");
                    }
                }

                using var array = new MemoryStream(bytes, writable: false);
                arrays[i] = NpyFile.Read(array);
                if (array.Position != array.Length)
                {
                    throw new InvalidDataException($"The archive's entry '{entry.FullName}' is damaged: {array.Length - array.Position} bytes follow the array's data.");
                }
            }

            LoadArrays(network, arrays, names, options);
        }
    }
}
