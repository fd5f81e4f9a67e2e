using System;
using System.Collections.Generic;
using GenNet;

namespace GenNet.Tests.Image;

/// <summary>
/// A batch-normalised image network written from its definition with plain loops (PyTorch's BatchNorm2d after each
/// Conv2D layer, BatchNorm1d after each dense hidden layer, ε = 1e-5), sharing no code with the generated network or
/// <c>BatchNormKernels</c>: training mode normalises with the batch's statistics, inference with given running ones.
/// </summary>
internal static class BatchNormReference
{
    private const double Epsilon = 1e-5;

    /// <summary>Every row's outputs in training mode, and each normalised channel's (then neuron's) batch mean and unbiased variance.</summary>
    public static (double[][] Outputs, double[] Means, double[] Variances) TrainingForward(NetworkArchitecture architecture, ReadOnlySpan<double> p, double[] inputs)
    {
        var means = new List<double>();
        var variances = new List<double>();
        double[][] outputs = Run(architecture, p, inputs, (x, channels, positions, gamma, beta) =>
        {
            int n = x.Length * positions;
            for (int c = 0; c < channels; c++)
            {
                double sum = 0, squares = 0;
                foreach (double[] row in x)
                {
                    for (int k = 0; k < positions; k++)
                    {
                        sum += row[(c * positions) + k];
                    }
                }

                double mean = sum / n;
                foreach (double[] row in x)
                {
                    for (int k = 0; k < positions; k++)
                    {
                        double d = row[(c * positions) + k] - mean;
                        squares += d * d;
                    }
                }

                double variance = squares / n;
                Scale(x, c, positions, mean, variance, gamma[c], beta[c]);
                means.Add(mean);
                variances.Add(variance * n / (n - 1));
            }
        });
        return (outputs, means.ToArray(), variances.ToArray());
    }

    /// <summary>One image's outputs in inference mode, normalised with <paramref name="mean"/> and <paramref name="variance"/>.</summary>
    public static double[] Predict(NetworkArchitecture architecture, ReadOnlySpan<double> p, double[] mean, double[] variance, double[] image)
    {
        int next = 0;
        return Run(architecture, p, image, (x, channels, positions, gamma, beta) =>
        {
            for (int c = 0; c < channels; c++, next++)
            {
                Scale(x, c, positions, mean[next], variance[next], gamma[c], beta[c]);
            }
        })[0];
    }

    /// <summary>The training loss over the batch, as the network minimises it.</summary>
    public static double Loss(NetworkArchitecture architecture, ReadOnlySpan<double> p, double[] inputs, double[] targets)
    {
        double[][] outputs = TrainingForward(architecture, p, inputs).Outputs;
        int rows = outputs.Length, outputCount = architecture.LayerSizes[^1];
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < outputCount; j++)
            {
                double y = targets[(r * outputCount) + j], e = outputs[r][j] - y;
                sum += architecture.Loss switch
                {
                    LossFunction.MeanSquaredError => e * e / (rows * outputCount),
                    LossFunction.CategoricalCrossEntropy => -y * Math.Log(outputs[r][j]) / rows,
                    _ => throw new ArgumentException(architecture.Loss.ToString()),
                };
            }
        }

        return sum;
    }

    private delegate void Normalizer(double[][] x, int channels, int positions, double[] gamma, double[] beta);

    // Every row through the layers; `normalize` acts on a normalised layer's sums for the whole batch before its activation.
    private static double[][] Run(NetworkArchitecture architecture, ReadOnlySpan<double> p, double[] inputs, Normalizer normalize)
    {
        int inputCount = architecture.LayerSizes[0], rows = inputs.Length / inputCount;
        var x = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            x[r] = inputs.AsSpan(r * inputCount, inputCount).ToArray();
        }

        foreach (ImageLayerLayout l in architecture.Image!.Layers)
        {
            for (int r = 0; r < rows; r++)
            {
                x[r] = ImageReference.Layer(l, p, x[r]);
            }

            if (l.Kind == ImageLayerKind.Convolution)
            {
                normalize(x, l.OutChannels, l.OutHeight * l.OutWidth, p.Slice(l.GammaOffset, l.OutChannels).ToArray(), p.Slice(l.BetaOffset, l.OutChannels).ToArray());
                foreach (double[] row in x)
                {
                    ImageReference.ActivateAll(ImageLayout.ActivationOf(architecture.Activations[l.Index]), row);
                }
            }
        }

        int firstDense = architecture.Image.Layers.Count;
        foreach (SynapseLayout s in architecture.Layout.Synapses)
        {
            for (int r = 0; r < rows; r++)
            {
                x[r] = ImageReference.Dense(s, p, x[r]);
            }

            if (s.Normalized)
            {
                normalize(x, s.Columns, 1, p.Slice(s.GammaOffset, s.Columns).ToArray(), p.Slice(s.BetaOffset, s.Columns).ToArray());
            }

            foreach (double[] row in x)
            {
                ImageReference.ActivateAll(architecture.Activations[firstDense + s.Index], row);
            }
        }

        return x;
    }

    private static void Scale(double[][] x, int c, int positions, double mean, double variance, double gamma, double beta)
    {
        foreach (double[] row in x)
        {
            for (int k = 0; k < positions; k++)
            {
                int at = (c * positions) + k;
                row[at] = (gamma * (row[at] - mean) / Math.Sqrt(variance + Epsilon)) + beta;
            }
        }
    }
}
