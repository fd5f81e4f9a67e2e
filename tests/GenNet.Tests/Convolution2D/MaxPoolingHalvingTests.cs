using System;
using GenNet.CompilerServices;
using Xunit;

namespace GenNet.Tests.Convolution2D;

/// <summary>
/// The vectorised 2×2, stride-2 max pooling (four windows at a time, the rest one by one) against the definition written
/// here: ties, NaN, signed zeros and ReLU-like zeros, odd sizes whose last row or column no window covers, and a gradient
/// buffer holding garbage beforehand.
/// </summary>
public sealed class MaxPoolingHalvingTests
{
    // (channels, H, W): LeNet's two pools, widths that leave 0–3 windows after the vector blocks, odd heights and widths.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 6, 24, 24 },
        { 16, 8, 8 },
        { 2, 6, 13 },
        { 3, 7, 9 },
        { 1, 5, 22 },
        { 2, 4, 6 },
        { 1, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_matches_the_first_maximum_rule_on_ties_nan_and_signed_zeros(int channels, int height, int width)
    {
        var s = Pooling2DShape.Create(channels, height, width, 2, 2, 2, 2);
        int oh = height / 2, ow = width / 2;
        var random = new Random((channels * 1000) + (height * 31) + width);
        // Few distinct values, so most windows hold ties; zeros of both signs as ReLU makes them; a NaN now and then.
        float[] values = { -1f, -0f, 0f, 0f, 0.5f, 2f, 2f, float.NaN };
        var x = new float[s.InputLength];
        for (int n = 0; n < x.Length; n++)
        {
            x[n] = values[random.Next(values.Length)];
        }

        var dy = new float[s.OutputLength];
        for (int o = 0; o < dy.Length; o++)
        {
            dy[o] = (float)(random.NextDouble() + 0.25);
        }

        var expectedY = new float[s.OutputLength];
        var expectedDx = new float[s.InputLength];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int o = (((c * oh) + i) * ow) + j, at = -1;
                    float best = 0;
                    foreach (int n in new[] { At(0, 0), At(0, 1), At(1, 0), At(1, 1) })
                    {
                        // The first value, then any strictly greater one (a NaN never is, so it wins only when first).
                        if (at < 0 || x[n] > best)
                        {
                            (best, at) = (x[n], n);
                        }
                    }

                    expectedY[o] = best;
                    expectedDx[at] = dy[o];

                    int At(int u, int v) => (((c * height) + (2 * i) + u) * width) + (2 * j) + v;
                }
            }
        }

        var y = new float[s.OutputLength];
        Array.Fill(y, 7f);
        Pooling2DKernels.MaxForward<float>(s, x, y);
        for (int o = 0; o < y.Length; o++)
        {
            // Bit for bit: the same NaN, and −0 where the window's first zero is −0.
            Assert.True(BitConverter.SingleToInt32Bits(expectedY[o]) == BitConverter.SingleToInt32Bits(y[o]), $"output {o}: expected {expectedY[o]}, got {y[o]}");
        }

        var dx = new float[s.InputLength];
        Array.Fill(dx, 1e6f);
        Pooling2DKernels.MaxBackward<float>(s, x, dy, dx);
        Assert.Equal(expectedDx, dx);
    }

    [Fact]
    public void Float_gradient_goes_to_the_first_of_tied_maxima_in_every_lane()
    {
        // Eight windows (two vector blocks), each of a, b, c and d chosen somewhere, ties resolved to the first.
        var s = Pooling2DShape.Create(1, 2, 16, 2, 2, 2, 2);
        float[] x =
        {
            5, 5, 1, 5, 1, 1, 5, 1, 1, 5, 3, 3, 3, 1, 9, 9,
            5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 3, 3, 1, 4, 9, 9,
        };
        float[] dy = { 1, 2, 3, 4, 5, 6, 7, 8 };
        var dx = new float[32];
        Array.Fill(dx, -1f);
        Pooling2DKernels.MaxBackward<float>(s, x, dy, dx);
        float[] expected =
        {
            1, 0, 0, 2, 0, 0, 4, 0, 0, 5, 6, 0, 0, 0, 8, 0,
            0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0,
        };
        Assert.Equal(expected, dx);
    }
}
