using System;
using GenNet;

namespace GenNet.Tests.Convolution;

/// <summary>
/// A temporal convolution network written from its definition with plain loops, sharing no code with the generated
/// network: causal dilated grouped Conv1D layers from a state, strides holding their outputs, then dense layers.
/// </summary>
internal static class ConvolutionReference
{
    public static double Activate(string activation, double x) => activation switch
    {
        "GenNet.Activations.Tanh" => Math.Tanh(x),
        "GenNet.Activations.Sigmoid" => 1 / (1 + Math.Exp(-x)),
        "GenNet.Activations.Linear" => x,
        _ => throw new ArgumentException(activation),
    };

    // The definition: y[t][o] = f(b[o] + Σₖ Σᵢ W[(k·I + i)·O + o] · x[t − (K − 1 − k)·d][i]); the samples before the
    // sequence are those the state holds: its slot S + τ holds time τ < 0 (slot 0, the oldest, is read by no output).
    // A layer of stride s outputs y[τ] at t for the latest τ ≤ t with (phase + τ) mod s = 0 (the state's held outputs
    // while there is none), the phase being the whole part of the state's phase slot.
    /// <summary>Every step's outputs from <paramref name="state"/>; <paramref name="normalize"/>, when given, acts on a layer's
    /// sums (steps × O, before its activation) for the whole sequence.</summary>
    public static double[] Forward(NetworkArchitecture architecture, double[] p, double[] state, double[] inputs, Action<ConvolutionLayerLayout, double[]>? normalize)
    {
        ConvolutionLayout layout = architecture.Convolution!;
        int steps = inputs.Length / architecture.LayerSizes[0];
        double[] x = inputs;
        foreach (ConvolutionLayerLayout l in layout.Layers)
        {
            string f = ConvolutionLayout.ActivationOf(architecture.Activations[l.Index]);
            var y = new double[steps * l.Channels];
            for (int t = 0; t < steps; t++)
            {
                for (int o = 0; o < l.Channels; o++)
                {
                    double sum = p[l.BiasOffset + o];
                    // Output channel o is in group g; it reads that group's I/G input channels, weighed by the group's block
                    // of each tap: W is K × G × (I/G) × (O/G).
                    int groups = l.Groups, groupInputs = l.Inputs / groups, groupChannels = l.Channels / groups, g = o / groupChannels;
                    for (int k = 0; k < l.KernelSize; k++)
                    {
                        int time = t - ((l.KernelSize - 1 - k) * l.Dilation);
                        for (int i = 0; i < groupInputs; i++)
                        {
                            int channel = (g * groupInputs) + i;
                            double sample = time >= 0 ? x[(time * l.Inputs) + channel] : state[l.StateOffset + ((l.History + time) * l.Inputs) + channel];
                            sum += p[l.WeightOffset + (((((k * groups) + g) * groupInputs) + i) * groupChannels) + (o % groupChannels)] * sample;
                        }
                    }

                    y[(t * l.Channels) + o] = sum;
                }
            }

            normalize?.Invoke(l, y);
            for (int k = 0; k < y.Length; k++)
            {
                y[k] = Activate(f, y[k]);
            }

            if (l.Pooling != PoolingKind.None)
            {
                // Windows of P outputs completing where (phase + t) mod P = P − 1; the window that began before the
                // sequence starts from the state's running maximum (or sum); the held outputs until a window completes.
                int size = l.PoolSize, o0 = l.PoolOffset;
                double stored = state[o0];
                int phase = stored >= 1 ? (int)((long)stored % size) : 0;
                double[] window = state.AsSpan(o0 + 1, l.Channels).ToArray(), held = state.AsSpan(o0 + 1 + l.Channels, l.Channels).ToArray();
                var pooled = new double[y.Length];
                for (int t = 0; t < steps; t++)
                {
                    int at = (phase + t) % size;
                    for (int o = 0; o < l.Channels; o++)
                    {
                        double v = y[(t * l.Channels) + o];
                        window[o] = at == 0 ? v : l.Pooling == PoolingKind.Max ? Math.Max(window[o], v) : window[o] + v;
                        if (at == size - 1)
                        {
                            held[o] = l.Pooling == PoolingKind.Max ? window[o] : window[o] / size;
                        }

                        pooled[(t * l.Channels) + o] = held[o];
                    }
                }

                y = pooled;
            }

            if (l.Stride > 1)
            {
                double stored = state[l.HoldOffset];
                int phase = stored >= 1 ? (int)((long)stored % l.Stride) : 0;
                var held = new double[y.Length];
                for (int t = 0; t < steps; t++)
                {
                    int convolved = t;
                    while (convolved >= 0 && (phase + convolved) % l.Stride != 0)
                    {
                        convolved--;
                    }

                    for (int o = 0; o < l.Channels; o++)
                    {
                        held[(t * l.Channels) + o] = convolved >= 0 ? y[(convolved * l.Channels) + o] : state[l.HoldOffset + 1 + o];
                    }
                }

                y = held;
            }

            x = y;
        }

        int first = layout.Layers.Count;
        foreach (SynapseLayout s in architecture.Layout.Synapses)
        {
            string f = architecture.Activations[first + s.Index];
            var y = new double[steps * s.Columns];
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    double sum = p[s.BiasOffset + j];
                    for (int i = 0; i < s.Rows; i++)
                    {
                        sum += x[(t * s.Rows) + i] * p[s.WeightOffset + (i * s.Columns) + j];
                    }

                    y[(t * s.Columns) + j] = Activate(f, sum);
                }
            }

            x = y;
        }

        return x;
    }
}
