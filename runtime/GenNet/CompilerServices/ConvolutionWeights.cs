using System;
using System.ComponentModel;
using System.Numerics;
using GenNet;

namespace GenNet.CompilerServices;

/// <summary>Initialises the parameters of a generated temporal convolution network; its <c>InitializeWeights</c> calls this.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionWeights
{
    /// <summary>
    /// Draws every parameter from MT19937 seeded with <paramref name="seed"/>, in parameter order. Conv1D layers of I input
    /// channels and kernel size K: every weight and bias uniform in [−1/√(I·K), 1/√(I·K)), as PyTorch initialises its
    /// Conv1d. The dense layers that follow: <paramref name="scheme"/>, as for a feed-forward network (Uniform: every
    /// weight and bias in [−1, 1); Xavier and He: weights in ±√(6/(fan-in + fan-out)) or ±√(6/fan-in), biases 0).
    /// </summary>
    public static void Initialize<T>(Span<T> parameters, NetworkArchitecture architecture, int seed, WeightInitialization scheme)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Guard.Length<T>(parameters, architecture.ParameterCount);
        ConvolutionLayout convolution = architecture.Convolution
            ?? throw new ArgumentException($"'{architecture.Signature}' has no Conv1D layers.", nameof(architecture));
        var random = new NumpyRandom(seed);
        foreach (ConvolutionLayerLayout layer in convolution.Layers)
        {
            double limit = 1 / Math.Sqrt(layer.Inputs * layer.KernelSize);
            Span<T> values = parameters.Slice(layer.WeightOffset, layer.Count);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }
        }

        foreach (SynapseLayout synapse in architecture.Layout.Synapses)
        {
            double limit = scheme switch
            {
                WeightInitialization.Uniform => 1,
                WeightInitialization.Xavier => Math.Sqrt(6.0 / (synapse.Rows + synapse.Columns)),
                WeightInitialization.He => Math.Sqrt(6.0 / synapse.Rows),
                _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialization scheme."),
            };
            Span<T> values = parameters.Slice(synapse.WeightOffset, scheme == WeightInitialization.Uniform ? synapse.Count : synapse.WeightCount);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            if (scheme != WeightInitialization.Uniform && synapse.HasBias)
            {
                parameters.Slice(synapse.BiasOffset, synapse.Columns).Clear();
            }
        }
    }
}
