using System;
using System.Numerics;
using GenNet.Networks;

namespace GenNet.Randomness;

/// <summary>Fills a network's parameters for a <see cref="WeightInitialization"/> scheme; generated networks call it.</summary>
public static class WeightInitializer
{
    /// <summary>
    /// Draws <paramref name="parameters"/> (laid out as <paramref name="architecture"/> says: synapse after synapse,
    /// each row-major and followed by its bias when there is one) from MT19937 seeded with <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold the architecture's parameter count.</exception>
    public static void Initialize<T>(Span<T> parameters, NetworkArchitecture architecture, int seed, WeightInitialization scheme)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Guard.Length<T>(parameters, architecture.ParameterCount);
        var random = new NumpyRandom(seed);
        if (scheme == WeightInitialization.Uniform)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = T.CreateTruncating((2 * random.NextDouble()) - 1);
            }

            if (architecture.BatchNormalization)
            {
                ResetNormalization(parameters, architecture);
            }

            return;
        }

        if (scheme is not (WeightInitialization.Xavier or WeightInitialization.He))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialization scheme.");
        }

        int offset = 0;
        for (int s = 0; s + 1 < architecture.LayerSizes.Count; s++)
        {
            int fanIn = architecture.LayerSizes[s], fanOut = architecture.LayerSizes[s + 1];
            double limit = scheme == WeightInitialization.Xavier ? Math.Sqrt(6.0 / (fanIn + fanOut)) : Math.Sqrt(6.0 / fanIn);
            Span<T> weights = parameters.Slice(offset, fanIn * fanOut);
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            offset += weights.Length;
            if (architecture.HasBias)
            {
                parameters.Slice(offset, fanOut).Clear();
                offset += fanOut;
            }

            if (architecture.BatchNormalization && s + 2 < architecture.LayerSizes.Count)
            {
                offset += 2 * fanOut; // γ and β, set below
            }
        }

        if (architecture.BatchNormalization)
        {
            ResetNormalization(parameters, architecture);
        }
    }

    // Batch normalisation starts as the identity: scale γ = 1, shift β = 0.
    private static void ResetNormalization<T>(Span<T> parameters, NetworkArchitecture architecture)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = 0;
        for (int s = 0; s + 1 < architecture.LayerSizes.Count; s++)
        {
            int fanIn = architecture.LayerSizes[s], fanOut = architecture.LayerSizes[s + 1];
            offset += (fanIn + (architecture.HasBias ? 1 : 0)) * fanOut;
            if (s + 2 < architecture.LayerSizes.Count)
            {
                parameters.Slice(offset, fanOut).Fill(T.One);
                parameters.Slice(offset + fanOut, fanOut).Clear();
                offset += 2 * fanOut;
            }
        }
    }
}
