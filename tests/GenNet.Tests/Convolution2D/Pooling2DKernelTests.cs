using System;
using System.Linq;
using GenNet.CompilerServices;
using Xunit;
using static GenNet.Tests.Convolution2D.Convolution2DKernelTests;

namespace GenNet.Tests.Convolution2D;

/// <summary>Pooling2DKernels against plain loops written here, and the gradients against central finite differences.</summary>
public sealed class Pooling2DKernelTests
{
    // (channels, H, W, pH, pW, sY, sX): LeNet's 2×2/2 pools, odd sizes that drop an edge, overlapping 3×3/2, non-square.
    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        { 6, 24, 24, 2, 2, 2, 2 },
        { 16, 8, 8, 2, 2, 2, 2 },
        { 3, 7, 9, 2, 2, 2, 2 },
        { 2, 9, 8, 3, 3, 2, 2 },
        { 2, 6, 10, 2, 3, 1, 3 },
        { 1, 5, 5, 5, 5, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Max_and_average_match_the_definition(int channels, int height, int width, int ph, int pw, int sy, int sx)
    {
        var s = Pooling2DShape.Create(channels, height, width, ph, pw, sy, sx);
        int oh = ((height - ph) / sy) + 1, ow = ((width - pw) / sx) + 1;
        Assert.Equal((oh, ow, channels * oh * ow), (s.OutHeight, s.OutWidth, s.OutputLength));
        double[] x = Convolution2DReference.Random(s.InputLength, 21), dy = Convolution2DReference.Random(s.OutputLength, 22);
        var max = new double[s.OutputLength];
        var average = new double[s.OutputLength];
        var dxMax = new double[s.InputLength];
        var dxAverage = new double[s.InputLength];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int o = (((c * oh) + i) * ow) + j;
                    double best = double.NegativeInfinity, sum = 0;
                    int at = -1;
                    for (int u = 0; u < ph; u++)
                    {
                        for (int v = 0; v < pw; v++)
                        {
                            int n = (((c * height) + (i * sy) + u) * width) + (j * sx) + v;
                            sum += x[n];
                            if (x[n] > best)
                            {
                                (best, at) = (x[n], n);
                            }
                        }
                    }

                    (max[o], average[o]) = (best, sum / (ph * pw));
                    dxMax[at] += dy[o];
                    for (int u = 0; u < ph; u++)
                    {
                        for (int v = 0; v < pw; v++)
                        {
                            dxAverage[(((c * height) + (i * sy) + u) * width) + (j * sx) + v] += dy[o] / (ph * pw);
                        }
                    }
                }
            }
        }

        double[] y = Filled(s.OutputLength), dx = Filled(s.InputLength);
        Pooling2DKernels.MaxForward<double>(s, x, y);
        Compare(max, y, 0);
        Pooling2DKernels.MaxBackward<double>(s, x, dy, dx);
        Compare(dxMax, dx, 1e-15);
        Pooling2DKernels.AverageForward<double>(s, x, y);
        Compare(average, y, 1e-15);
        dx = Filled(s.InputLength);
        Pooling2DKernels.AverageBackward<double>(s, dy, dx);
        Compare(dxAverage, dx, 1e-15);

        float[] xf = Single(x), dyf = Single(dy), yf = new float[s.OutputLength], dxf = new float[s.InputLength];
        Pooling2DKernels.MaxForward<float>(s, xf, yf);
        Compare(Double(Single(max)), Double(yf), 0);
        Pooling2DKernels.AverageForward<float>(s, xf, yf);
        Compare(average, Double(yf), 1e-6);
        Pooling2DKernels.MaxBackward<float>(s, xf, dyf, dxf);
        Compare(dxMax, Double(dxf), 1e-6);
        Pooling2DKernels.AverageBackward<float>(s, dyf, dxf);
        Compare(dxAverage, Double(dxf), 1e-6);
    }

    [Fact]
    public void Max_gradient_goes_to_the_first_of_tied_maxima()
    {
        var s = Pooling2DShape.Create(1, 2, 4, 2, 2, 2, 2);
        double[] x = { 1, 5, 7, 7, 5, 5, 7, 7 };
        var dx = new double[8];
        Pooling2DKernels.MaxBackward<double>(s, x, new double[] { 10, 20 }, dx);
        Assert.Equal(new double[] { 0, 10, 20, 0, 0, 0, 0, 0 }, dx);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_match_central_finite_differences(int channels, int height, int width, int ph, int pw, int sy, int sx)
    {
        // Distinct values far apart (a shuffled ramp), so that a small step never changes which value is a window's maximum.
        var s = Pooling2DShape.Create(channels, height, width, ph, pw, sy, sx);
        var random = new Random(23);
        double[] x = Enumerable.Range(0, s.InputLength).Select(i => i * 0.01).OrderBy(_ => random.Next()).ToArray();
        double[] r = Convolution2DReference.Random(s.OutputLength, 24);
        var y = new double[s.OutputLength];
        foreach (bool isMax in new[] { true, false })
        {
            var dx = new double[s.InputLength];
            if (isMax)
            {
                Pooling2DKernels.MaxBackward<double>(s, x, r, dx);
            }
            else
            {
                Pooling2DKernels.AverageBackward<double>(s, r, dx);
            }

            const double h = 1e-4;
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i];
                x[i] = saved + h;
                double plus = Loss();
                x[i] = saved - h;
                double minus = Loss();
                x[i] = saved;
                Assert.Equal((plus - minus) / (2 * h), dx[i], 1e-8);
            }

            double Loss()
            {
                if (isMax)
                {
                    Pooling2DKernels.MaxForward<double>(s, x, y);
                }
                else
                {
                    Pooling2DKernels.AverageForward<double>(s, x, y);
                }

                return y.Zip(r, (a, b) => a * b).Sum();
            }
        }
    }

    [Fact]
    public void Short_spans_and_bad_shapes_throw()
    {
        var s = Pooling2DShape.Create(6, 24, 24, 2, 2, 2, 2);
        var x = new float[s.InputLength];
        var y = new float[s.OutputLength];
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => Pooling2DKernels.MaxForward<float>(s, x, y.AsSpan(1)));
        Assert.Contains("864", e.Message, StringComparison.Ordinal);
        Assert.Contains("863", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Pooling2DKernels.MaxBackward<float>(s, x.AsSpan(5), y, x));
        Assert.Contains("3456", e.Message, StringComparison.Ordinal);
        Assert.Contains("3451", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Pooling2DKernels.AverageBackward<float>(s, y, x.AsSpan(1)));
        Assert.ThrowsAny<ArgumentException>(() => Pooling2DKernels.AverageForward<float>(s, x.AsSpan(1), y));
        Assert.ThrowsAny<ArgumentException>(() => Pooling2DShape.Create(1, 2, 2, 3, 3, 1, 1));
        Assert.ThrowsAny<ArgumentException>(() => Pooling2DShape.Create(1, 2, 2, 2, 2, 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => Pooling2DKernels.MaxForward<float>(default, x, y));
    }

    private static double[] Filled(int count) => Enumerable.Repeat(1e6, count).ToArray();
}
