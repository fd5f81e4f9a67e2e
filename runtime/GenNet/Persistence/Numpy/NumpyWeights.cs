using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GenNet.CompilerServices;
using GenNet;

namespace GenNet.Persistence;

/// <summary>
/// Moves weights between a generated network and numpy arrays saved with <c>np.save</c>: the blog's
/// <c>synapse_0</c>, <c>synapse_1</c>, … matrices, one per synapse, each of shape <c>(neurons below, neurons above)</c>.
/// </summary>
/// <remarks>
/// For a network with bias units each synapse's bias may be given either as the matrix's last row (shape
/// <c>(below + 1, above)</c>, GenNet's own layout) or as a separate vector of shape <c>(above,)</c> or <c>(1, above)</c>
/// right after its matrix, as frameworks keep <c>W</c> and <c>b</c>. Every array is checked before any weight
/// changes; a shape that does not fit is refused with an <see cref="ArchitectureMismatchException"/> naming the
/// expected and the actual shape. Float64 arrays loaded into a float network are rounded to float. NaN and infinite
/// values are refused (<see cref="InvalidDataException"/>) unless <see cref="WeightLoadOptions.AllowNonFinite"/> is set.
/// <para>
/// <b>Saved folders.</b> <see cref="Save{T}(INetwork{T}, string, string)"/> writes one save as a unit: the arrays under names that carry a
/// generation number (<c>synapse_0.g7.npy</c>, <c>synapse_1.g7.npy</c>, …), flushed to the disk, then the manifest
/// <c>synapse_manifest.txt</c>, replaced atomically, naming each array's file, size and SHA-256. The manifest is the
/// commit: a crash before it leaves the previous save in force, a crash after it the new one, never a mix. Then the
/// files of older generations are deleted. <see cref="Load{T}(INetwork{T}, string, string)"/> requires the
/// manifest and checks every size and hash before the network changes.
/// </para>
/// <para>
/// <b>Which set wins.</b> In a folder that holds both a manifest and arrays in the older layout
/// (<c>synapse_0.npy</c>, <c>synapse_1.npy</c>, … as earlier versions of <see cref="Save{T}(INetwork{T}, string, string)"/> and the blog's
/// <c>np.save</c> wrote them), the manifest wins: <see cref="Load{T}(INetwork{T}, string, string)"/> reads only
/// the files it names, and <see cref="Save{T}(INetwork{T}, string, string)"/> never reads, replaces or deletes the older files. Files in the older
/// layout load as before, by naming them: <c>NumpyWeights.LoadArrays(network, "synapse_0.npy", "synapse_1.npy")</c>.
/// </para>
/// </remarks>
public static partial class NumpyWeights
{
    /// <summary>The manifest's name after the prefix: <c>synapse_manifest.txt</c> for the default prefix.</summary>
    public const string ManifestSuffix = "manifest.txt";

    private const string ManifestMagic = "gennet-npy-manifest 1";
    private const int MaxManifestBytes = 1 << 16;

    // One save at a time per process, so that two saves to one folder cannot delete each other's generation.
    private static readonly object SaveGate = new();

    /// <summary>Loads the arrays in <paramref name="paths"/> (synapse order) into <paramref name="network"/>.</summary>
    /// <example><code>NumpyWeights.LoadArrays(network, "synapse_0.npy", "synapse_1.npy");</code></example>
    /// <exception cref="ArchitectureMismatchException">An array's shape does not fit its synapse, or there are too many or too few arrays.</exception>
    /// <exception cref="InvalidDataException">A file is not a float32/float64 .npy file, is damaged, or holds NaN or infinity.</exception>
    public static void LoadArrays<T>(INetwork<T> network, params string[] paths)
        where T : unmanaged, IFloatingPointIeee754<T>
        => LoadArrays(network, WeightLoadOptions.Default, paths);

    /// <summary>As <see cref="LoadArrays{T}(INetwork{T}, string[])"/>, with <paramref name="options"/>.</summary>
    public static void LoadArrays<T>(INetwork<T> network, WeightLoadOptions options, params string[] paths)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        NpyArray[] arrays = paths.Select(NpyFile.Read).ToArray();
        LoadArrays(network, arrays, paths.Select(path => $"'{Path.GetFileName(path)}'").ToArray(), options);
    }

    /// <summary>Loads <paramref name="arrays"/> (synapse order) into <paramref name="network"/>.</summary>
    /// <param name="network">The network whose weights are replaced; unchanged if anything does not fit.</param>
    /// <param name="arrays">One matrix per synapse, each optionally followed by its bias vector.</param>
    /// <param name="names">Names of the arrays for error messages (e.g. file names); by default <c>array 0</c>, ….</param>
    public static void LoadArrays<T>(INetwork<T> network, IReadOnlyList<NpyArray> arrays, IReadOnlyList<string>? names = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => LoadArrays(network, arrays, names, WeightLoadOptions.Default);

    /// <summary>As <see cref="LoadArrays{T}(INetwork{T}, IReadOnlyList{NpyArray}, IReadOnlyList{string}?)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="InvalidDataException">A value is NaN or infinite (or becomes infinite as a float) and
    /// <paramref name="options"/> does not allow it.</exception>
    public static void LoadArrays<T>(INetwork<T> network, IReadOnlyList<NpyArray> arrays, IReadOnlyList<string>? names, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(options);
        string Name(int index) => names is not null && index < names.Count ? names[index] : $"array {index}";

        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        IReadOnlyList<int> sizes = architecture.LayerSizes;
        int bias = architecture.HasBias ? 1 : 0;
        var parameters = new T[architecture.ParameterCount];
        int next = 0;
        for (int s = 0; s + 1 < sizes.Count; s++)
        {
            SynapseLayout layout = architecture.Layout.Synapses[s];
            int below = layout.Rows, above = layout.Columns;
            string synapse = $"synapse_{s} (layer_{s} → layer_{s + 1})";
            string expected = bias == 0
                ? $"({below}, {above})"
                : $"({below + 1}, {above}) with the bias row last, or ({below}, {above}) followed by a bias of shape ({above},)";
            if (next >= arrays.Count)
            {
                throw new ArchitectureMismatchException(expected, "no array",
                    $"{synapse} needs an array of shape {expected}; only {arrays.Count} arrays were given for the {sizes.Count - 1} synapses of '{architecture.Signature}'.");
            }

            NpyArray weights = arrays[next];
            if (Is(weights, below + bias, above))
            {
                // The bias row last: the layout's bias follows the weights, as one more row.
                Copy(weights, parameters.AsSpan(layout.WeightOffset), Name(next), options);
                next++;
            }
            else if (bias == 1 && Is(weights, below, above))
            {
                NpyArray? vector = next + 1 < arrays.Count ? arrays[next + 1] : null;
                if (vector is null || !(Is(vector, above) || Is(vector, 1, above)))
                {
                    throw new ArchitectureMismatchException($"({above},)", vector?.ShapeText ?? "no array",
                        $"{synapse}: the bias after {Name(next)} must have shape ({above},) or (1, {above}); " +
                        (vector is null ? "no array follows it." : $"{Name(next + 1)} has shape {vector.ShapeText}."));
                }

                Copy(weights, parameters.AsSpan(layout.WeightOffset), Name(next), options);
                Copy(vector, parameters.AsSpan(layout.BiasOffset), Name(next + 1), options);
                next += 2;
            }
            else
            {
                throw new ArchitectureMismatchException(expected, weights.ShapeText,
                    $"{synapse} needs an array of shape {expected}; {Name(next)} has shape {weights.ShapeText}.");
            }
        }

        if (next != arrays.Count)
        {
            throw new ArchitectureMismatchException($"{next} arrays", $"{arrays.Count} arrays",
                $"'{architecture.Signature}' takes {next} arrays; {arrays.Count} were given ({Name(next)} and after are left over).");
        }

        NetworkWeights.Commit<T>(network, parameters);
    }

    /// <summary>
    /// Loads the save in <paramref name="directory"/> that its manifest (<c>{prefix}manifest.txt</c>, by default
    /// <c>synapse_manifest.txt</c>) names, as <see cref="Save{T}(INetwork{T}, string, string)"/> wrote it. Every file's size and SHA-256 are checked,
    /// and every array's shape, before any weight changes: a folder whose set is incomplete or damaged is refused
    /// whole. Files in the folder that the manifest does not name (older generations, the older layout
    /// <c>synapse_0.npy</c>, …) are not read.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder has no manifest (an older save: load its files by name with
    /// <see cref="LoadArrays{T}(INetwork{T}, string[])"/>), or a file it names is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest is damaged, a file's size or hash is not the one the manifest
    /// records, an array is damaged, or a value is NaN or infinite.</exception>
    /// <exception cref="ArchitectureMismatchException">The arrays do not fit the network.</exception>
    public static void Load<T>(INetwork<T> network, string directory, string prefix = "synapse_")
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load(network, directory, prefix, WeightLoadOptions.Default);

    /// <summary>As <see cref="Load{T}(INetwork{T}, string, string)"/>, with <paramref name="options"/>.</summary>
    public static void Load<T>(INetwork<T> network, string directory, string prefix, WeightLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        if (File.Exists(directory))
        {
            throw new ArgumentException(
                $"'{directory}' is a file; NumpyWeights.Load takes the folder a save wrote. Load named .npy files with NumpyWeights.LoadArrays(network, paths).",
                nameof(directory));
        }

        string manifestPath = Path.Combine(directory, prefix + ManifestSuffix);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException(
                $"'{directory}' has no manifest '{prefix + ManifestSuffix}', which NumpyWeights.Save writes last to commit a save. " +
                $"Arrays saved without one ({prefix}0.npy, …) load by name: NumpyWeights.LoadArrays(network, paths).", manifestPath);
        }

        Manifest manifest = ReadManifest(manifestPath);
        int synapses = architecture.LayerSizes.Count - 1;
        if (manifest.Files.Count > 2 * synapses)
        {
            throw new ArchitectureMismatchException($"at most {2 * synapses} arrays", $"{manifest.Files.Count} arrays",
                $"'{manifestPath}' names {manifest.Files.Count} arrays; '{architecture.Signature}' takes at most {2 * synapses} (a matrix and a bias per synapse).");
        }

        // No array this network takes is larger than all its parameters as float64 plus a header.
        long largest = (8L * architecture.ParameterCount) + (1 << 20);
        var arrays = new NpyArray[manifest.Files.Count];
        var names = new string[manifest.Files.Count];
        for (int i = 0; i < arrays.Length; i++)
        {
            (string name, long size, byte[] hash) = manifest.Files[i];
            string path = Path.Combine(directory, name);
            names[i] = $"'{name}'";
            if (size > largest)
            {
                throw new InvalidDataException(
                    $"'{manifestPath}' records {size} bytes for '{name}'; no array of '{architecture.Signature}' takes more than {largest}.");
            }

            byte[] bytes;
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                if (file.Length != size)
                {
                    throw new InvalidDataException(
                        $"'{path}' has {file.Length} bytes; the manifest '{manifestPath}' records {size}. The save is incomplete or the file was changed.");
                }

                bytes = new byte[size];
                file.ReadExactly(bytes);
            }
            catch (FileNotFoundException error)
            {
                throw new FileNotFoundException(
                    $"'{name}', named by the manifest '{manifestPath}', is missing: the save is incomplete or its files were deleted.", path, error);
            }

            byte[] actual = SHA256.HashData(bytes);
            if (!actual.AsSpan().SequenceEqual(hash))
            {
                throw new InvalidDataException(
                    $"'{path}' has the SHA-256 {Hex(actual)}; the manifest '{manifestPath}' records {Hex(hash)}. The file was changed or damaged.");
            }

            using var stream = new MemoryStream(bytes, writable: false);
            arrays[i] = NpyFile.Read(stream);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"'{path}' is damaged: {stream.Length - stream.Position} bytes follow the array's data.");
            }
        }

        LoadArrays(network, arrays, names, options);
    }

    /// <summary>
    /// Saves each synapse of <paramref name="network"/> in <paramref name="directory"/> (created if missing) as one
    /// save: <c>{prefix}{s}.g{generation}.npy</c> per synapse (with bias units, the biases are each matrix's last row),
    /// readable with <c>np.load</c>, then the manifest <c>{prefix}manifest.txt</c>, written atomically, that commits
    /// them; then the files of earlier generations are deleted. The weights are copied under the network's training
    /// lock (<see cref="TrainingLock.Snapshot{TResult}(object, Func{TResult})"/>), so a save during training holds one
    /// whole step. Load the folder with <see cref="Load{T}(INetwork{T}, string, string)"/>.
    /// </summary>
    /// <returns>The paths of the arrays written, in synapse order (what <see cref="LoadArrays{T}(INetwork{T}, string[])"/> takes).</returns>
    public static IReadOnlyList<string> Save<T>(INetwork<T> network, string directory, string prefix = "synapse_")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.IndexOfAny(['/', '\\']) >= 0 || prefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"The prefix '{prefix}' must be part of a file name.", nameof(prefix));
        }

        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        List<byte[]> encoded = Encode(network, architecture);

        string manifestName = prefix + ManifestSuffix;
        lock (SaveGate)
        {
            Directory.CreateDirectory(directory);
            long generation = NextGeneration(directory, prefix);
            var paths = new List<string>();
            var manifest = new StringBuilder();
            manifest.Append("# GenNet NumpyWeights save of '").Append(architecture.Signature.Replace('\n', ' '))
                .Append("'. Written last, this file commits the arrays below; load with NumpyWeights.Load.\n");
            manifest.Append(ManifestMagic).Append('\n');
            manifest.Append("generation ").Append(generation.ToString(CultureInfo.InvariantCulture)).Append('\n');
            for (int s = 0; s < encoded.Count; s++)
            {
                string name = GenerationName(prefix, s, generation);
                string path = Path.Combine(directory, name);
                WriteDurably(path, encoded[s]);
                paths.Add(path);
                manifest.Append("file ").Append(name).Append(' ').Append(encoded[s].Length.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(Hex(SHA256.HashData(encoded[s]))).Append('\n');
            }

            byte[] text = Encoding.UTF8.GetBytes(manifest.ToString());
            AtomicFile.Write(Path.Combine(directory, manifestName), stream => stream.Write(text)); // the commit
            RemoveOlderGenerations(directory, prefix, generation);
            return paths;
        }
    }

    /// <summary>The file a save of generation <paramref name="generation"/> writes synapse <paramref name="synapse"/> to.</summary>
    internal static string GenerationName(string prefix, int synapse, long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{synapse}.g{generation}.npy");

    // The generation names are new, so they need no temporary file; a crash mid-write leaves a file no manifest names,
    // deleted by the next save.
    private static void WriteDurably(string path, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    // One more than any generation in the folder, committed or left by a crash, so that a save never writes over a
    // file that the manifest in force names.
    private static long NextGeneration(string directory, string prefix)
    {
        long highest = 0;
        foreach (string file in Directory.EnumerateFiles(directory, prefix + "*.npy"))
        {
            if (TryParseGenerationName(Path.GetFileName(file), prefix, out long generation))
            {
                highest = Math.Max(highest, generation);
            }
        }

        string manifestPath = Path.Combine(directory, prefix + ManifestSuffix);
        if (File.Exists(manifestPath))
        {
            try
            {
                highest = Math.Max(highest, ReadManifest(manifestPath).Generation);
            }
            catch (InvalidDataException)
            {
                // A damaged manifest is replaced by this save.
            }
        }

        return checked(highest + 1);
    }

    private static void RemoveOlderGenerations(string directory, string prefix, long generation)
    {
        foreach (string file in Directory.EnumerateFiles(directory, prefix + "*.npy"))
        {
            if (TryParseGenerationName(Path.GetFileName(file), prefix, out long older) && older < generation)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Left for the next save: the manifest does not name it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        AtomicFile.RemoveStaleTemporaries(directory, target => TryParseGenerationName(target, prefix, out long older) && older < generation);
    }

    /// <summary>Whether <paramref name="name"/> is <c>{prefix}{synapse}.g{generation}.npy</c>.</summary>
    internal static bool TryParseGenerationName(string name, string prefix, out long generation)
    {
        generation = 0;
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".npy", StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> middle = name.AsSpan(prefix.Length, name.Length - prefix.Length - 4);
        int dot = middle.IndexOf(".g", StringComparison.Ordinal);
        return dot > 0
            && AllDigits(middle[..dot])
            && AllDigits(middle[(dot + 2)..])
            && long.TryParse(middle[(dot + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out generation);
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Manifest(long Generation, List<(string Name, long Size, byte[] Hash)> Files);

    private static Manifest ReadManifest(string path)
    {
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            if (file.Length > MaxManifestBytes)
            {
                throw new InvalidDataException($"'{path}' is not a NumpyWeights manifest: it has {file.Length} bytes; a manifest has at most {MaxManifestBytes}.");
            }

            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"'{path}' is not a NumpyWeights manifest: it is not UTF-8 text.");
        }

        InvalidDataException Damaged(int line, string detail) =>
            new($"'{path}' is a damaged NumpyWeights manifest (line {line}: {detail}).");

        long? generation = null;
        var files = new List<(string, long, byte[])>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool magic = false;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (!magic)
            {
                if (line != ManifestMagic)
                {
                    throw new InvalidDataException(
                        $"'{path}' is not a NumpyWeights manifest: its first line is '{FileText.Excerpt(line, 60)}', not '{ManifestMagic}'.");
                }

                magic = true;
                continue;
            }

            string[] fields = line.Split(' ');
            if (fields is ["generation", var number] && generation is null
                && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                generation = parsed;
            }
            else if (fields is ["file", var name, var size, var hash])
            {
                if (!IsPlainFileName(name))
                {
                    throw Damaged(i + 1, $"'{FileText.Excerpt(name, 60)}' is not the name of a file in the manifest's folder");
                }

                if (!seen.Add(name))
                {
                    throw Damaged(i + 1, $"'{name}' is named twice");
                }

                if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
                {
                    throw Damaged(i + 1, $"'{FileText.Excerpt(size, 30)}' is not a size in bytes");
                }

                if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
                {
                    throw Damaged(i + 1, "a SHA-256 is 64 hexadecimal digits");
                }

                files.Add((name, length, Convert.FromHexString(hash)));
            }
            else
            {
                throw Damaged(i + 1, $"unexpected '{FileText.Excerpt(line, 60)}'");
            }
        }

        if (!magic || generation is null || files.Count == 0)
        {
            throw new InvalidDataException($"'{path}' is an incomplete NumpyWeights manifest: it needs the line '{ManifestMagic}', a generation and at least one file.");
        }

        return new Manifest(generation.Value, files);
    }

    // A name inside the manifest's folder: no folders, no parent, nothing hidden.
    private static bool IsPlainFileName(string name) =>
        name.Length is > 0 and <= 255
        && name[0] != '.'
        && name.IndexOfAny(['/', '\\', ':']) < 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.All(c => c > ' ' && c < 0x7F);

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static NetworkArchitecture RefuseBatchNormalization(NetworkArchitecture architecture) => architecture.BatchNormalization
        ? throw new NotSupportedException(
            $"'{architecture.Signature}' is batch-normalised; its scales, shifts and running statistics have no place among the synapse arrays. Use WeightFile to save and load it.")
        : architecture.Recurrent is not null
        ? throw new NotSupportedException(
            $"'{architecture.Signature}' has recurrent layers; their W, R and B have no place among the synapse arrays. Use WeightFile to save and load it.")
        : architecture;

    private static bool Is(NpyArray array, params int[] shape) => array.Shape.SequenceEqual(shape);

    private static void Copy<T>(NpyArray array, Span<T> destination, string name, WeightLoadOptions options)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<double> source = array.Values;
        for (int i = 0; i < source.Length; i++)
        {
            T value = T.CreateChecked(source[i]);
            if (!options.AllowNonFinite && !T.IsFinite(value))
            {
                throw NonFinite(array, name, i, typeof(T).Name);
            }

            destination[i] = value;
        }
    }

    private static InvalidDataException NonFinite(NpyArray array, string name, int index, string type)
    {
        double value = array.Values[index];
        string where = array.Shape.Count == 2
            ? $"row {index / array.Shape[1]}, column {index % array.Shape[1]}"
            : $"index {index}";
        string what = double.IsFinite(value)
            ? $"{value.ToString("R", CultureInfo.InvariantCulture)}, which is infinite as a {type},"
            : value.ToString(CultureInfo.InvariantCulture);
        return new InvalidDataException(
            $"{name} holds {what} at {where}; NaN and infinite weights are refused (WeightLoadOptions.AllowNonFinite loads them).");
    }

    // One (below + bias, above) array per synapse, from one copy of the weights taken under the training lock: the bias,
    // which follows the weights, is its last row.
    private static List<byte[]> Encode<T>(INetwork<T> network, NetworkArchitecture architecture)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int bias = architecture.HasBias ? 1 : 0;
        T[] parameters = NetworkWeights.Capture(network, withStatistics: false);
        var encoded = new List<byte[]>();
        foreach (SynapseLayout layout in architecture.Layout.Synapses)
        {
            int rows = layout.Rows + bias, columns = layout.Columns;
            encoded.Add(NpyFile.Encode<T>(parameters.AsSpan(layout.WeightOffset, rows * columns), [rows, columns]));
        }

        return encoded;
    }
}
