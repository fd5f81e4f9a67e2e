using System;
using System.Globalization;
using System.Linq;
using System.Numerics.Tensors;
using GenNet.CompilerServices;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// <see cref="OrderedSums"/> against sums computed in decimal (28 digits, from every digit of the same doubles), for every
/// length around its block size; their machine independence is what the determinism probe checks.
/// </summary>
public sealed class OrderedSumsTests
{
    [Fact]
    public void Sums_agree_with_exact_decimal_sums_at_every_length_around_the_blocks()
    {
        var random = new Random(8401);
        foreach (int length in Enumerable.Range(0, 40).Concat([63, 64, 65, 1000, 4099]))
        {
            double[] x = Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            double[] y = Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();

            // The reference rounds only in the 28th digit: far below the double sums' errors being measured.
            decimal dot = x.Zip(y).Sum(p => D(p.First) * D(p.Second));
            decimal squares = x.Sum(v => D(v) * D(v));
            decimal magnitudes = x.Sum(v => Math.Abs(D(v)));
            // n additions, each off by at most 2⁻⁵³ of a partial sum no larger than Σ|xᵢ| (every |term| ≤ |xᵢ| here).
            double tolerance = 1.2e-16 * Math.Max(1, length) * Math.Max(1, (double)magnitudes);

            Assert.Equal((double)dot, OrderedSums.Dot<double>(x, y), tolerance);
            Assert.Equal((double)squares, OrderedSums.SumOfSquares<double>(x), tolerance);
            Assert.Equal(Math.Sqrt((double)squares), OrderedSums.Norm<double>(x), tolerance);
            Assert.Equal((double)magnitudes, OrderedSums.SumOfMagnitudes<double>(x), tolerance);

            float[] xf = x.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
            decimal dotF = xf.Zip(yf).Sum(p => D(p.First) * D(p.Second));
            Assert.Equal((double)dotF, OrderedSums.Dot<float>(xf, yf), 1e-6 * Math.Max(1, length));
            Assert.Equal((double)TensorPrimitives.SumOfMagnitudes<float>(xf), OrderedSums.SumOfMagnitudes<float>(xf), 1e-6 * Math.Max(1, length));
        }
    }

    [Fact]
    public void A_NaN_or_an_infinity_anywhere_reaches_the_sum()
    {
        foreach (int position in new[] { 0, 5, 16, 17 })
        {
            double[] x = Enumerable.Repeat(0.5, 18).ToArray();
            x[position] = double.NaN;
            Assert.True(double.IsNaN(OrderedSums.SumOfSquares<double>(x)), $"NaN at {position}");
            x[position] = double.NegativeInfinity;
            Assert.Equal(double.PositiveInfinity, OrderedSums.Norm<double>(x));
            Assert.Equal(double.PositiveInfinity, OrderedSums.SumOfMagnitudes<double>(x));
        }
    }

    [Fact]
    public void Dot_refuses_spans_of_different_lengths_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => OrderedSums.Dot<double>(new double[5], new double[4]));
        Assert.Contains("must hold exactly 5 values; it holds 4", error.Message);
    }

    // Every digit of the double ((decimal)v would keep only 15 significant digits).
    private static decimal D(double v) =>
        decimal.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
