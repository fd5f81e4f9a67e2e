using System;
using System.ComponentModel;
using System.Numerics;
using GenNet;

namespace GenNet.CompilerServices;

/// <summary>Initialises the parameters of a generated temporal convolution or image network; its <c>InitializeWeights</c> calls this.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionWeights
{
    /// <summary>
    /// Draws every parameter from MT19937 seeded with <paramref name="seed"/>, in parameter order. Conv1D layers of I input
    /// channels and kernel size K: every weight and bias uniform in [−1/√(I·K), 1/√(I·K)), as PyTorch initialises its
    /// Conv1d. Conv2D layers of C input and O output channels and a KH × KW kernel: weights with <paramref name="scheme"/> for
    /// fan-in C·KH·KW and fan-out O·KH·KW, biases 0 (Uniform: weights and biases in ±1/√(C·KH·KW), PyTorch's Conv2d
    /// default). The dense layers that follow: <paramref name="scheme"/>, as for a feed-forward network (Uniform: every
    /// weight and bias in [−1, 1); Xavier and He: weights in ±√(6/(fan-in + fan-out)) or ±√(6/fan-in), biases 0).
    /// </summary>
    public static void Initialize<T>(Span<T> parameters, NetworkArchitecture architecture, int seed, WeightInitialization scheme)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Guard.Length<T>(parameters, architecture.ParameterCount);
        if (architecture.Convolution is null && architecture.Image is null)
        {
            throw new ArgumentException($"'{architecture.Signature}' has no Conv1D or Conv2D layers.", nameof(architecture));
        }

        var random = new NumpyRandom(seed);
        foreach (ImageLayerLayout layer in architecture.Image?.Layers ?? Array.Empty<ImageLayerLayout>())
        {
            if (layer.Kind != ImageLayerKind.Convolution)
            {
                continue;
            }

            // Conv2D: fan-in (C/G)·KH·KW and fan-out O·KH·KW in the scheme's formula (PyTorch's, from the weight's
            // [O, C/G, KH, KW] shape); Uniform is PyTorch's Conv2d default.
            int fanIn = layer.GroupInChannels * layer.KernelHeight * layer.KernelWidth, fanOut = layer.OutChannels * layer.KernelHeight * layer.KernelWidth;
            double limit = scheme switch
            {
                WeightInitialization.Uniform => 1 / Math.Sqrt(fanIn),
                WeightInitialization.Xavier => Math.Sqrt(6.0 / (fanIn + fanOut)),
                WeightInitialization.He => Math.Sqrt(6.0 / fanIn),
                _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialization scheme."),
            };
            Span<T> values = parameters.Slice(layer.WeightOffset, layer.WeightCount + (scheme == WeightInitialization.Uniform ? layer.OutChannels : 0));
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            if (scheme != WeightInitialization.Uniform)
            {
                parameters.Slice(layer.BiasOffset, layer.OutChannels).Clear();
            }

            if (layer.Normalized)
            {
                // Batch normalisation starts as the identity, as PyTorch's BatchNorm2d: γ = 1, β = 0 (nothing drawn).
                parameters.Slice(layer.GammaOffset, layer.OutChannels).Fill(T.One);
                parameters.Slice(layer.BetaOffset, layer.OutChannels).Clear();
            }
        }

        foreach (ConvolutionLayerLayout layer in architecture.Convolution?.Layers ?? Array.Empty<ConvolutionLayerLayout>())
        {
            double limit = 1 / Math.Sqrt(layer.GroupInputs * layer.KernelSize);   // fan-in of one output: (I/G)·K
            Span<T> values = parameters.Slice(layer.WeightOffset, layer.WeightCount + layer.Channels);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            if (layer.Normalized)
            {
                parameters.Slice(layer.GammaOffset, layer.Channels).Fill(T.One);   // BatchNorm1d starts as the identity
                parameters.Slice(layer.BetaOffset, layer.Channels).Clear();
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
            int biases = scheme == WeightInitialization.Uniform && synapse.HasBias ? synapse.Columns : 0;
            Span<T> values = parameters.Slice(synapse.WeightOffset, synapse.WeightCount + biases);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(limit * ((2 * random.NextDouble()) - 1));
            }

            if (scheme != WeightInitialization.Uniform && synapse.HasBias)
            {
                parameters.Slice(synapse.BiasOffset, synapse.Columns).Clear();
            }

            if (synapse.Normalized)
            {
                parameters.Slice(synapse.GammaOffset, synapse.Columns).Fill(T.One);
                parameters.Slice(synapse.BetaOffset, synapse.Columns).Clear();
            }
        }
    }
}
