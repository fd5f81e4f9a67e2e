using System;

namespace GenNet.Tests.Convolution2D;

/// <summary>
/// An independent Conv2D in double, written from the definition on an explicitly zero-padded copy of the input (no
/// bounds tests, no shared code with the runtime): the input gradient is accumulated on the padded copy and cropped.
/// </summary>
public static class Convolution2DReference
{
    public static int OutSize(int size, int kernel, int stride, int pad) => ((size + (2 * pad) - kernel) / stride) + 1;

    public static double[,,] Pad(double[] x, int channels, int height, int width, int padY, int padX)
    {
        var padded = new double[channels, height + (2 * padY), width + (2 * padX)];
        for (int c = 0; c < channels; c++)
        {
            for (int m = 0; m < height; m++)
            {
                for (int n = 0; n < width; n++)
                {
                    padded[c, m + padY, n + padX] = x[(((c * height) + m) * width) + n];
                }
            }
        }

        return padded;
    }

    public static double[] Forward(Case k, double[] x, double[] w, double[] b)
    {
        double[,,] p = Pad(x, k.InChannels, k.Height, k.Width, k.PadY, k.PadX);
        int oh = k.OutHeight, ow = k.OutWidth, cg = k.InChannels / k.Groups, og = k.OutChannels / k.Groups;
        var y = new double[k.OutChannels * oh * ow];
        for (int o = 0; o < k.OutChannels; o++)
        {
            int g = o / og;
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    double sum = b[o];
                    for (int c = 0; c < cg; c++)
                    {
                        for (int u = 0; u < k.KernelHeight; u++)
                        {
                            for (int v = 0; v < k.KernelWidth; v++)
                            {
                                sum += w[(((((o * cg) + c) * k.KernelHeight) + u) * k.KernelWidth) + v] * p[(g * cg) + c, (i * k.StrideY) + u, (j * k.StrideX) + v];
                            }
                        }
                    }

                    y[(((o * oh) + i) * ow) + j] = sum;
                }
            }
        }

        return y;
    }

    /// <summary>(∂L/∂w, ∂L/∂b, ∂L/∂x) for L with ∂L/∂y = dy.</summary>
    public static (double[] Weights, double[] Bias, double[] Input) Backward(Case k, double[] x, double[] w, double[] dy)
    {
        double[,,] p = Pad(x, k.InChannels, k.Height, k.Width, k.PadY, k.PadX);
        var dp = new double[p.GetLength(0), p.GetLength(1), p.GetLength(2)];
        int oh = k.OutHeight, ow = k.OutWidth, cg = k.InChannels / k.Groups, og = k.OutChannels / k.Groups;
        var dw = new double[w.Length];
        var db = new double[k.OutChannels];
        for (int o = 0; o < k.OutChannels; o++)
        {
            int g = o / og;
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    double d = dy[(((o * oh) + i) * ow) + j];
                    db[o] += d;
                    for (int c = 0; c < cg; c++)
                    {
                        for (int u = 0; u < k.KernelHeight; u++)
                        {
                            for (int v = 0; v < k.KernelWidth; v++)
                            {
                                int wi = (((((o * cg) + c) * k.KernelHeight) + u) * k.KernelWidth) + v;
                                dw[wi] += d * p[(g * cg) + c, (i * k.StrideY) + u, (j * k.StrideX) + v];
                                dp[(g * cg) + c, (i * k.StrideY) + u, (j * k.StrideX) + v] += d * w[wi];
                            }
                        }
                    }
                }
            }
        }

        var dx = new double[x.Length];
        for (int c = 0; c < k.InChannels; c++)
        {
            for (int m = 0; m < k.Height; m++)
            {
                for (int n = 0; n < k.Width; n++)
                {
                    dx[(((c * k.Height) + m) * k.Width) + n] = dp[c, m + k.PadY, n + k.PadX];
                }
            }
        }

        return (dw, db, dx);
    }

    /// <summary>One test shape, spelled out so that the reference does not use the runtime's shape type.</summary>
    public sealed record Case(
        int InChannels, int Height, int Width, int OutChannels, int KernelHeight, int KernelWidth, int StrideY, int StrideX, int PadY, int PadX, int Groups)
    {
        public int OutHeight => OutSize(Height, KernelHeight, StrideY, PadY);

        public int OutWidth => OutSize(Width, KernelWidth, StrideX, PadX);

        public int InputLength => InChannels * Height * Width;

        public int OutputLength => OutChannels * OutHeight * OutWidth;

        public int WeightLength => OutChannels * (InChannels / Groups) * KernelHeight * KernelWidth;

        public override string ToString() =>
            $"{InChannels}×{Height}×{Width}→{OutChannels} k{KernelHeight}×{KernelWidth} s{StrideY},{StrideX} p{PadY},{PadX} g{Groups}";
    }

    public static double[] Random(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = scale * ((2 * random.NextDouble()) - 1);
        }

        return values;
    }
}
