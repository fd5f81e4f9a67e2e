using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using GenNet.Networks;

namespace GenNet.Persistence.Numpy;

/// <summary>
/// Moves weights between a generated network and numpy arrays saved with <c>np.save</c>: the blog's
/// <c>synapse_0</c>, <c>synapse_1</c>, … matrices, one per synapse, each of shape <c>(neurons below, neurons above)</c>.
/// </summary>
/// <remarks>
/// For a network with bias units each synapse's bias may be given either as the matrix's last row (shape
/// <c>(below + 1, above)</c>, GenNet's own layout) or as a separate vector of shape <c>(above,)</c> or <c>(1, above)</c>
/// right after its matrix, as frameworks keep <c>W</c> and <c>b</c>. Every array is checked before any weight
/// changes; a shape that does not fit is refused with an <see cref="ArchitectureMismatchException"/> naming the
/// expected and the actual shape. Float64 arrays loaded into a float network are rounded to float.
/// </remarks>
public static class NumpyWeights
{
    /// <summary>Loads the arrays in <paramref name="paths"/> (synapse order) into <paramref name="network"/>.</summary>
    /// <example><code>NumpyWeights.Load(network, "synapse_0.npy", "synapse_1.npy");</code></example>
    /// <exception cref="ArchitectureMismatchException">An array's shape does not fit its synapse, or there are too many or too few arrays.</exception>
    /// <exception cref="InvalidDataException">A file is not a float32/float64 .npy file or is damaged.</exception>
    public static void Load<T>(INetwork<T> network, params string[] paths)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(paths);
        NpyArray[] arrays = paths.Select(NpyFile.Read).ToArray();
        Load(network, arrays, paths.Select(path => $"'{Path.GetFileName(path)}'").ToArray());
    }

    /// <summary>Loads <paramref name="arrays"/> (synapse order) into <paramref name="network"/>.</summary>
    /// <param name="network">The network whose weights are replaced; unchanged if anything does not fit.</param>
    /// <param name="arrays">One matrix per synapse, each optionally followed by its bias vector.</param>
    /// <param name="names">Names of the arrays for error messages (e.g. file names); by default <c>array 0</c>, ….</param>
    public static void Load<T>(INetwork<T> network, IReadOnlyList<NpyArray> arrays, IReadOnlyList<string>? names = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(arrays);
        string Name(int index) => names is not null && index < names.Count ? names[index] : $"array {index}";

        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        IReadOnlyList<int> sizes = architecture.LayerSizes;
        int bias = architecture.HasBias ? 1 : 0;
        var parameters = new T[architecture.ParameterCount];
        int offset = 0;
        int next = 0;
        for (int s = 0; s + 1 < sizes.Count; s++)
        {
            int below = sizes[s], above = sizes[s + 1];
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
                Copy(weights.Values, parameters.AsSpan(offset));
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

                Copy(weights.Values, parameters.AsSpan(offset));
                Copy(vector.Values, parameters.AsSpan(offset + below * above));
                next += 2;
            }
            else
            {
                throw new ArchitectureMismatchException(expected, weights.ShapeText,
                    $"{synapse} needs an array of shape {expected}; {Name(next)} has shape {weights.ShapeText}.");
            }

            offset += (below + bias) * above;
        }

        if (next != arrays.Count)
        {
            throw new ArchitectureMismatchException($"{next} arrays", $"{arrays.Count} arrays",
                $"'{architecture.Signature}' takes {next} arrays; {arrays.Count} were given ({Name(next)} and after are left over).");
        }

        TrainingLock.Enter(network); // not while another thread trains it: the weights would mix
        try
        {
            parameters.CopyTo(network.Parameters);
        }
        finally
        {
            TrainingLock.Exit(network);
        }
    }

    /// <summary>
    /// Saves each synapse of <paramref name="network"/> as <c>{prefix}{s}.npy</c> in <paramref name="directory"/>
    /// (with bias units, the biases are each matrix's last row), readable with <c>np.load</c>.
    /// </summary>
    /// <returns>The paths written, in synapse order.</returns>
    public static IReadOnlyList<string> Save<T>(INetwork<T> network, string directory, string prefix = "synapse_")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(prefix);
        NetworkArchitecture architecture = RefuseBatchNormalization(network.Architecture);
        IReadOnlyList<int> sizes = architecture.LayerSizes;
        int bias = architecture.HasBias ? 1 : 0;
        var paths = new List<string>();
        int offset = 0;
        for (int s = 0; s + 1 < sizes.Count; s++)
        {
            int rows = sizes[s] + bias, columns = sizes[s + 1];
            string path = Path.Combine(directory, $"{prefix}{s}.npy");
            NpyFile.Write<T>(path, network.Parameters.Slice(offset, rows * columns), [rows, columns]);
            paths.Add(path);
            offset += rows * columns;
        }

        return paths;
    }

    private static NetworkArchitecture RefuseBatchNormalization(NetworkArchitecture architecture) => architecture.BatchNormalization
        ? throw new NotSupportedException(
            $"'{architecture.Signature}' is batch-normalised; its scales, shifts and running statistics have no place among the synapse arrays. Use WeightFile to save and load it.")
        : architecture;

    private static bool Is(NpyArray array, params int[] shape) => array.Shape.SequenceEqual(shape);

    private static void Copy<T>(ReadOnlySpan<double> source, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateChecked(source[i]);
        }
    }
}
