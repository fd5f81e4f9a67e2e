using System;
using GenNet;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// The recurrent cells written out from their textbook (ONNX) equations, scalar, reading the parameters with the
/// layout the runtime documents (<see cref="RecurrentLayout"/>): W[i, g·U + u] input-major, gates in ONNX's order. It
/// shares no code with the generator, so it checks the generated forward pass, the gate order and the layout.
/// </summary>
internal static class SequenceReference
{
    /// <summary>Runs a whole sequence from <paramref name="initialState"/> and returns every step's outputs.</summary>
    public static double[] Predict(NetworkArchitecture architecture, double[] parameters, double[] initialState, double[] inputs)
    {
        RecurrentLayout stack = architecture.Recurrent!;
        int inputCount = architecture.LayerSizes[0];
        int outputCount = architecture.LayerSizes[^1];
        int steps = inputs.Length / inputCount;
        double[] state = (double[])initialState.Clone();
        var outputs = new double[steps * outputCount];
        for (int t = 0; t < steps; t++)
        {
            double[] x = inputs.AsSpan(t * inputCount, inputCount).ToArray();
            foreach (RecurrentLayerLayout layer in stack.Layers)
            {
                x = Cell(stack.Cell, layer, parameters, state, x);
            }

            // The dense layers: a = b + x·W, then the activation.
            for (int s = 0; s < architecture.Layout.Synapses.Count; s++)
            {
                SynapseLayout synapse = architecture.Layout.Synapses[s];
                var a = new double[synapse.Columns];
                for (int j = 0; j < synapse.Columns; j++)
                {
                    a[j] = synapse.HasBias ? parameters[synapse.BiasOffset + j] : 0;
                    for (int i = 0; i < synapse.Rows; i++)
                    {
                        a[j] += x[i] * parameters[synapse.WeightOffset + (i * synapse.Columns) + j];
                    }
                }

                x = Activate(architecture.Activations[stack.Layers.Count + s], a);
            }

            x.CopyTo(outputs, t * outputCount);
        }

        return outputs;
    }

    private static double[] Cell(RecurrentCell cell, RecurrentLayerLayout layer, double[] p, double[] state, double[] x)
    {
        int units = layer.Units, width = layer.Width;
        double[] h = state.AsSpan(layer.StateOffset, units).ToArray();

        // Gate g of unit u, input side (W·x + Wb) and recurrent side (R·h + Rb), apart.
        double InputSide(int g, int u)
        {
            double sum = p[layer.InputBiasOffset + (g * units) + u];
            for (int i = 0; i < layer.Inputs; i++)
            {
                sum += x[i] * p[layer.InputWeightOffset + (i * width) + (g * units) + u];
            }

            return sum;
        }

        double RecurrentSide(int g, int u)
        {
            double sum = p[layer.RecurrentBiasOffset + (g * units) + u];
            for (int k = 0; k < units; k++)
            {
                sum += h[k] * p[layer.RecurrentWeightOffset + (k * width) + (g * units) + u];
            }

            return sum;
        }

        var next = new double[units];
        for (int u = 0; u < units; u++)
        {
            switch (cell)
            {
                case RecurrentCell.Rnn:
                    next[u] = Math.Tanh(InputSide(0, u) + RecurrentSide(0, u));
                    break;
                case RecurrentCell.Gru:
                {
                    // ONNX GRU, gates z, r, h, linear_before_reset = 1.
                    double z = Sigmoid(InputSide(0, u) + RecurrentSide(0, u));
                    double r = Sigmoid(InputSide(1, u) + RecurrentSide(1, u));
                    double candidate = Math.Tanh(InputSide(2, u) + (r * RecurrentSide(2, u)));
                    next[u] = ((1 - z) * candidate) + (z * h[u]);
                    break;
                }

                default:
                {
                    // ONNX LSTM, gates i, o, f, c.
                    double i = Sigmoid(InputSide(0, u) + RecurrentSide(0, u));
                    double o = Sigmoid(InputSide(1, u) + RecurrentSide(1, u));
                    double f = Sigmoid(InputSide(2, u) + RecurrentSide(2, u));
                    double candidate = Math.Tanh(InputSide(3, u) + RecurrentSide(3, u));
                    double c = (f * state[layer.StateOffset + units + u]) + (i * candidate);
                    state[layer.StateOffset + units + u] = c;
                    next[u] = o * Math.Tanh(c);
                    break;
                }
            }
        }

        next.CopyTo(state, layer.StateOffset);
        return next;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double[] Activate(string activation, double[] a)
    {
        var y = new double[a.Length];
        switch (activation)
        {
            case "GenNet.Activations.Linear":
                a.CopyTo(y, 0);
                break;
            case "GenNet.Activations.Tanh":
                for (int j = 0; j < a.Length; j++) { y[j] = Math.Tanh(a[j]); }
                break;
            case "GenNet.Activations.Sigmoid":
                for (int j = 0; j < a.Length; j++) { y[j] = Sigmoid(a[j]); }
                break;
            case "GenNet.Activations.Softmax":
                double max = double.NegativeInfinity, sum = 0;
                foreach (double v in a) { max = Math.Max(max, v); }
                for (int j = 0; j < a.Length; j++) { y[j] = Math.Exp(a[j] - max); sum += y[j]; }
                for (int j = 0; j < a.Length; j++) { y[j] /= sum; }
                break;
            default:
                throw new NotSupportedException(activation);
        }

        return y;
    }

    /// <summary>The loss from its textbook definition over rows of <paramref name="outputCount"/>, each step a row.</summary>
    public static double Loss(LossFunction loss, double[] outputs, double[] targets, int outputCount)
    {
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double p = outputs[i], y = targets[i];
            sum += loss switch
            {
                LossFunction.SumSquaredError or LossFunction.MeanSquaredError => (p - y) * (p - y),
                LossFunction.BinaryCrossEntropy => -((y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p))),
                _ => -(y * Math.Log(p)),
            };
        }

        return loss switch
        {
            LossFunction.SumSquaredError => sum / 2,
            LossFunction.CategoricalCrossEntropy => sum / (outputs.Length / outputCount),
            _ => sum / outputs.Length,
        };
    }
}
