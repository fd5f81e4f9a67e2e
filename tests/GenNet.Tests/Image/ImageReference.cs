using System;
using GenNet;

namespace GenNet.Tests.Image;

/// <summary>
/// An image network's forward pass and loss written from their definitions with plain loops, sharing no code with the
/// generated network or the kernels: PyTorch's Conv2d (cross-correlation, zero padding), MaxPool2d/AvgPool2d (windows of
/// the pool size, stride the pool size, no padding), then dense layers row-major with their biases.
/// </summary>
internal static class ImageReference
{
    public static double Activate(string activation, double x) => activation switch
    {
        "GenNet.Activations.Tanh" => Math.Tanh(x),
        "GenNet.Activations.Sigmoid" => 1 / (1 + Math.Exp(-x)),
        "GenNet.Activations.ReLU" => Math.Max(0, x),
        "GenNet.Activations.Linear" => x,
        _ => throw new ArgumentException(activation),
    };

    /// <summary>One image's outputs.</summary>
    public static double[] Forward(NetworkArchitecture architecture, ReadOnlySpan<double> p, ReadOnlySpan<double> image)
    {
        ImageLayout layout = architecture.Image!;
        double[] x = image.ToArray();
        foreach (ImageLayerLayout l in layout.Layers)
        {
            x = Layer(l, p, x);
            if (l.Kind == ImageLayerKind.Convolution)
            {
                ActivateAll(ImageLayout.ActivationOf(architecture.Activations[l.Index]), x);
            }
        }

        int firstDense = layout.Layers.Count;
        foreach (SynapseLayout s in architecture.Layout.Synapses)
        {
            x = Dense(s, p, x);
            ActivateAll(architecture.Activations[firstDense + s.Index], x);
        }

        return x;
    }

    /// <summary>Image layer l on one map: a Conv2D layer's sums b + W ⋆ x (not activated), or a pooling.</summary>
    public static double[] Layer(ImageLayerLayout l, ReadOnlySpan<double> p, double[] x)
    {
        var y = new double[l.OutChannels * l.OutHeight * l.OutWidth];
        for (int o = 0; o < l.OutChannels; o++)
        {
            for (int i = 0; i < l.OutHeight; i++)
            {
                for (int j = 0; j < l.OutWidth; j++)
                {
                    double value;
                    if (l.Kind == ImageLayerKind.Convolution)
                    {
                        // Output channel o reads the C/G input channels of its group; W is O × C/G × KH × KW.
                        double sum = p[l.BiasOffset + o];
                        int groupIn = l.InChannels / l.Groups, firstChannel = o / (l.OutChannels / l.Groups) * groupIn;
                        for (int g = 0; g < groupIn; g++)
                        {
                            int c = firstChannel + g;
                            for (int u = 0; u < l.KernelHeight; u++)
                            {
                                for (int v = 0; v < l.KernelWidth; v++)
                                {
                                    int row = (i * l.StrideY) - l.PadY + u, column = (j * l.StrideX) - l.PadX + v;
                                    if (row >= 0 && row < l.Height && column >= 0 && column < l.Width)
                                    {
                                        double w = p[l.WeightOffset + (((((o * groupIn) + g) * l.KernelHeight) + u) * l.KernelWidth) + v];
                                        sum += w * x[(((c * l.Height) + row) * l.Width) + column];
                                    }
                                }
                            }
                        }

                        value = sum;
                    }
                    else
                    {
                        bool max = l.Kind == ImageLayerKind.MaxPooling;
                        double pooled = max ? double.NegativeInfinity : 0;
                        for (int u = 0; u < l.KernelHeight; u++)
                        {
                            for (int v = 0; v < l.KernelWidth; v++)
                            {
                                double a = x[(((o * l.Height) + (i * l.StrideY) + u) * l.Width) + (j * l.StrideX) + v];
                                pooled = max ? Math.Max(pooled, a) : pooled + a;
                            }
                        }

                        value = max ? pooled : pooled / (l.KernelHeight * l.KernelWidth);
                    }

                    y[(((o * l.OutHeight) + i) * l.OutWidth) + j] = value;
                }
            }
        }

        return y;
    }

    /// <summary>A dense layer's sums, bias + x·W (not activated).</summary>
    public static double[] Dense(SynapseLayout s, ReadOnlySpan<double> p, double[] x)
    {
        var y = new double[s.Columns];
        for (int j = 0; j < s.Columns; j++)
        {
            double sum = p[s.BiasOffset + j];
            for (int i = 0; i < s.Rows; i++)
            {
                sum += x[i] * p[s.WeightOffset + (i * s.Columns) + j];
            }

            y[j] = sum;
        }

        return y;
    }

    /// <summary>Applies an activation to every value in place (softmax over all of them).</summary>
    public static void ActivateAll(string activation, double[] y)
    {
        if (activation == "GenNet.Activations.Softmax")
        {
            double largest = double.NegativeInfinity, total = 0;
            foreach (double a in y)
            {
                largest = Math.Max(largest, a);
            }

            for (int j = 0; j < y.Length; j++)
            {
                y[j] = Math.Exp(y[j] - largest);
                total += y[j];
            }

            for (int j = 0; j < y.Length; j++)
            {
                y[j] /= total;
            }
        }
        else
        {
            for (int j = 0; j < y.Length; j++)
            {
                y[j] = Activate(activation, y[j]);
            }
        }
    }

    /// <summary>The loss the network minimises, over all rows.</summary>
    public static double Loss(NetworkArchitecture architecture, ReadOnlySpan<double> p, double[] inputs, double[] targets)
    {
        int inputCount = architecture.LayerSizes[0], outputCount = architecture.LayerSizes[^1], rows = inputs.Length / inputCount;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] output = Forward(architecture, p, inputs.AsSpan(r * inputCount, inputCount));
            for (int j = 0; j < outputCount; j++)
            {
                double y = targets[(r * outputCount) + j], e = output[j] - y;
                sum += architecture.Loss switch
                {
                    LossFunction.SumSquaredError => 0.5 * e * e,
                    LossFunction.MeanSquaredError => e * e / (rows * outputCount),
                    LossFunction.CategoricalCrossEntropy => -y * Math.Log(output[j]) / rows,
                    _ => throw new ArgumentException(architecture.Loss.ToString()),
                };
            }
        }

        return sum;
    }
}
