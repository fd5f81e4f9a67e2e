using System;
using System.Numerics;
using GenNet.CompilerServices;

namespace GenNet.Persistence;

/// <summary>
/// The one place every format (.gnw, .npy folders and .npz streams, .onnx) reads a network's weights for a save and
/// writes them back after a load, both under the network's training lock: a save while another thread trains holds
/// one whole step's weights, and a load never lands between the halves of a step.
/// </summary>
internal static class NetworkWeights
{
    /// <summary>
    /// A copy of the parameters, followed, for a batch-normalised network when <paramref name="withStatistics"/>, by its
    /// running means and then its running variances (one per normalised neuron).
    /// </summary>
    public static T[] Capture<T>(INetwork<T> network, bool withStatistics)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IBatchNormalizedNetwork<T>? normalized = withStatistics && network.Architecture.BatchNormalization ? Normalized(network) : null;
        return TrainingLock.Snapshot(network, () => normalized is null
            ? network.Parameters.ToArray()
            : [.. network.Parameters, .. normalized.RunningMean, .. normalized.RunningVariance]);
    }

    /// <summary>
    /// Writes <paramref name="values"/>, laid out as <see cref="Capture{T}"/> returns them, into the network in one
    /// piece. The caller has checked every value first: nothing is written unless all of it is.
    /// </summary>
    public static void Commit<T>(INetwork<T> network, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = network.Architecture.ParameterCount;
        IBatchNormalizedNetwork<T>? normalized = values.Length > count ? Normalized(network) : null;
        TrainingLock.Enter(network); // not while another thread trains it: the weights would mix
        try
        {
            values[..count].CopyTo(network.Parameters);
            if (normalized is not null)
            {
                int neurons = (values.Length - count) / 2;
                values.Slice(count, neurons).CopyTo(normalized.RunningMean);
                values.Slice(count + neurons, neurons).CopyTo(normalized.RunningVariance);
            }
        }
        finally
        {
            TrainingLock.Exit(network);
        }
    }

    /// <summary>The running statistics of a batch-normalised network: without them, Predict after a load would differ.</summary>
    public static IBatchNormalizedNetwork<T> Normalized<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int neurons = WeightFileHeader.NormalizedNeurons(network.Architecture);
        if (network is not IBatchNormalizedNetwork<T> normalized)
        {
            throw new NotSupportedException(
                $"'{network.Architecture.Signature}' is batch-normalised, but {network.GetType().Name} does not expose its running statistics " +
                $"through {nameof(IBatchNormalizedNetwork<T>)}<T>; its saved weights would not reproduce Predict.");
        }

        if (normalized.RunningMean.Length != neurons || normalized.RunningVariance.Length != neurons)
        {
            throw new ArgumentException(
                $"The network must keep {neurons} running means and variances; it has {normalized.RunningMean.Length} and {normalized.RunningVariance.Length}.",
                nameof(network));
        }

        return normalized;
    }
}
