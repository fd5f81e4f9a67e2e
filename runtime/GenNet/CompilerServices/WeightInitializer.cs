using System;
using System.ComponentModel;
using System.Numerics;
using GenNet;
using GenNet.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>Fills a network's parameters for a <see cref="WeightInitialization"/> scheme; generated networks call it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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

        foreach (SynapseLayout synapse in architecture.Layout.Synapses)
        {
            int fanIn = synapse.Rows, fanOut = synapse.Columns;
            double limit = scheme == WeightInitialization.Xavier ? Math.Sqrt(6.0 / (fanIn + fanOut)) : Math.Sqrt(6.0 / fanIn);
            Span<T> weights = parameters.Slice(synapse.WeightOffset, synapse.WeightCount);
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            if (synapse.HasBias)
            {
                parameters.Slice(synapse.BiasOffset, fanOut).Clear();
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
        foreach (SynapseLayout synapse in architecture.Layout.Synapses)
        {
            if (synapse.Normalized)
            {
                parameters.Slice(synapse.GammaOffset, synapse.Columns).Fill(T.One);
                parameters.Slice(synapse.BetaOffset, synapse.Columns).Clear();
            }
        }
    }
}
