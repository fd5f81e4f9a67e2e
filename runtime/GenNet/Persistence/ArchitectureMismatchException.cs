using System;
using GenNet;

namespace GenNet.Persistence;

/// <summary>
/// Weights that do not fit the network they are loaded into: another precision, other layer sizes, other activations,
/// bias units on one side only, or arrays of another shape. Thrown before anything is written, so the network keeps
/// its weights. The message names what the network expects and what the data holds.
/// </summary>
public sealed class ArchitectureMismatchException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expected">What the network needs, e.g. an architecture signature or an array shape.</param>
    /// <param name="actual">What the data holds, in the same terms.</param>
    /// <param name="message">The full explanation.</param>
    /// <param name="paramName">The argument that does not fit (usually the network).</param>
    public ArchitectureMismatchException(string expected, string actual, string message, string? paramName = "network")
        : base(message, paramName)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>What the network needs.</summary>
    public string Expected { get; }

    /// <summary>What the data holds.</summary>
    public string Actual { get; }

    /// <summary>Refuses <paramref name="actual"/> for a network of architecture <paramref name="expected"/>, naming the first difference.</summary>
    internal static ArchitectureMismatchException For(NetworkArchitecture expected, NetworkArchitecture actual, string source) =>
        new(expected.Signature, actual.Signature,
            $"{source} holds weights for a different network ({Difference(expected, actual)}). " +
            $"The network is '{expected.Signature}'; the data is for '{actual.Signature}'.");

    private static string Difference(NetworkArchitecture expected, NetworkArchitecture actual)
    {
        if (expected.Precision != actual.Precision)
        {
            return $"precision: the network is {Name(expected.Precision)}, the data is {Name(actual.Precision)}";
        }

        string expectedSizes = string.Join("-", expected.LayerSizes);
        string actualSizes = string.Join("-", actual.LayerSizes);
        if (expectedSizes != actualSizes)
        {
            return $"layer sizes: the network is {expectedSizes}, the data is {actualSizes}";
        }

        if (expected.HasBias != actual.HasBias)
        {
            return $"bias units: the network has {(expected.HasBias ? "them" : "none")}, the data {(actual.HasBias ? "has them" : "has none")}";
        }

        if (expected.BatchNormalization != actual.BatchNormalization)
        {
            return $"batch normalisation: the network {(expected.BatchNormalization ? "normalises" : "does not normalise")} its hidden layers, " +
                $"the data was trained {(actual.BatchNormalization ? "with" : "without")} it";
        }

        for (int layer = 0; layer < expected.Activations.Count; layer++)
        {
            if (expected.Activations[layer] != actual.Activations[layer])
            {
                return $"activation of layer_{layer + 1}: the network uses {expected.Activations[layer]}, the data {actual.Activations[layer]}";
            }
        }

        return $"loss: the network minimises {expected.Loss}, the data was trained for {actual.Loss}";
    }

    private static string Name(NetworkPrecision precision) => precision == NetworkPrecision.Single ? "float" : "double";
}
