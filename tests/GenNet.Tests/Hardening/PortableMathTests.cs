using System;
using System.Linq;
using GenNet.Activations;
using GenNet.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening;

/// <summary>
/// <see cref="PortableMath"/>'s functions against the platform's (the C library's) over their whole ranges, against
/// exact values where they are known (Python's decimal and fractions), at their special values, and the portable
/// activations built on them against the platform activations.
/// </summary>
public sealed class PortableMathTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.9, 7, 0.4782969000000001)]                // the reference values are Python's float(Fraction(x) ** n):
    [InlineData(0.9, 10, 0.3486784401000001)]               // the exact power of the double x, rounded once
    [InlineData(0.999, 1000, 0.36769542477096373)]
    [InlineData(0.999, 54321, 2.493939556168613e-24)]
    [InlineData(0.99, 10000, 2.2487748498162805e-44)]
    [InlineData(0.95, 12345, 9.951929500758138e-276)]
    [InlineData(0.3, 600, 1.873927704e-314)]                // a subnormal result
    [InlineData(-0.7, 31, -1.577753820348455e-05)]
    [InlineData(0.5, 1074, 4.9406564584124654E-324)]        // 2⁻¹⁰⁷⁴, the smallest double, exactly
    [InlineData(0.5, 1075, 0.0)]                            // half of it rounds to even: zero
    [InlineData(0.999, long.MaxValue, 0.0)]
    [InlineData(1.0, long.MaxValue, 1.0)]
    [InlineData(-1.0, long.MaxValue, -1.0)]
    [InlineData(0.0, 0, 1.0)]
    [InlineData(0.0, 3, 0.0)]
    public void Pow_is_the_correctly_rounded_power(double x, long n, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(PortableMath.Pow(x, n)));

    [Fact]
    public void Pow_is_within_one_ulp_of_the_platform_pow_for_decay_factors()
    {
        // Adam's β₁ = 0.9 and β₂ = 0.999 over millions of steps, and random factors in (0, 1] with random exponents: the
        // exponent amplifies a rounding error in x's powers n times, which double-double squaring keeps below 2⁻¹⁰⁰.
        var random = new Random(8302);
        int exact = 0;
        const int Trials = 100_000;
        for (int trial = 0; trial < Trials; trial++)
        {
            double x = trial % 3 == 0 ? 0.9 : trial % 3 == 1 ? 0.999 : 1 - random.NextDouble();
            long n = trial % 2 == 0 ? random.Next(1, 10_000_000) : random.Next(1, 200);
            double expected = Math.Pow(x, n), actual = PortableMath.Pow(x, n);
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
            Assert.True(ulps <= 1, $"{x:R}^{n} = {actual:R}, the platform says {expected:R}");
            exact += ulps == 0 ? 1 : 0;
        }

        Assert.True(exact > Trials * 99 / 100, $"{exact} of {Trials} bit-identical to Math.Pow");
    }

    [Fact]
    public void Pow_refuses_what_it_does_not_cover()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Pow(1.0001, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Pow(double.NaN, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Pow(0.5, -1));
    }

    [Fact]
    public void Exp_is_within_one_ulp_of_the_platform_exp_across_its_range()
    {
        var random = new Random(8301);
        int exact = 0;
        const int Trials = 200_000;
        for (int trial = 0; trial < Trials; trial++)
        {
            // Mostly where sigmoids live, the rest over the whole finite range and where the results are subnormal.
            double x = (trial % 8) switch
            {
                0 or 1 => (random.NextDouble() * 1455) - 745,
                2 => (random.NextDouble() * 40) - 748,
                _ => (random.NextDouble() * 80) - 40,
            };
            double expected = Math.Exp(x), actual = PortableMath.Exp(x);
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
            Assert.True(ulps <= 1, $"exp({x:R}) = {actual:R}, the platform says {expected:R}");
            exact += ulps == 0 ? 1 : 0;
        }

        // Both are nearly always correctly rounded (the table's low parts keep this one's error near half an ulp): on
        // glibc they agree on over 99.8% of these arguments.
        output.WriteLine($"exp: {exact} of {Trials} bit-identical to Math.Exp");
        Assert.True(exact > Trials * 0.98, $"only {exact} of {Trials} agree to the bit");
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 2.718281828459045)]  // e correctly rounded (Python's decimal at 50 digits)
    [InlineData(-1.0, 0.36787944117144233)]
    [InlineData(709.782712893384, 1.7976931348622732E+308)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(-745.2, 0.0)]
    [InlineData(-745.0, 4.9406564584124654E-324)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(1e-300, 1.0)]
    public void Exp_of_special_values(double x, double expected) =>
        Assert.Equal(expected, PortableMath.Exp(x));

    [Fact]
    public void Exp_of_NaN_is_NaN() => Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));

    [Fact]
    public void PortableSigmoid_agrees_with_the_sigmoid_to_the_last_bits()
    {
        var random = new Random(8302);
        for (int trial = 0; trial < 10_000; trial++)
        {
            double x = (random.NextDouble() * 80) - 40;
            Assert.Equal(Sigmoid.Activate(x), PortableSigmoid.Activate(x), 1e-15);
            Assert.Equal(Sigmoid.Activate((float)x), PortableSigmoid.Activate((float)x), 1e-6f);
        }
    }

    [Fact]
    public void Tanh_is_within_two_ulps_of_the_platform_tanh()
    {
        // Half the points around the switch from the series to the exponential form (|x| = 0.55), half over the range
        // where tanh is not yet ±1.
        var random = new Random(8303);
        const int Trials = 400_000;
        int exact = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            double x = trial % 2 == 0 ? (random.NextDouble() * 1.4) - 0.7 : (random.NextDouble() * 50) - 25;
            double expected = Math.Tanh(x), actual = PortableMath.Tanh(x);
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
            Assert.True(ulps <= 2, $"tanh({x:R}) = {actual:R}, the platform says {expected:R}");
            exact += ulps == 0 ? 1 : 0;
        }

        Assert.True(exact > Trials * 2 / 3, $"{exact} of {Trials} bit-identical to Math.Tanh");
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-300, 1e-300)]
    [InlineData(-1e-10, -1e-10)]
    [InlineData(20.0, 1.0)]
    [InlineData(-400.0, -1.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NegativeInfinity, -1.0)]
    public void Tanh_of_special_values(double x, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(PortableMath.Tanh(x)));

    [Fact]
    public void PortableTanh_is_the_tangent_with_its_derivative_from_the_output()
    {
        Assert.True(double.IsNaN(PortableMath.Tanh(double.NaN)));
        Assert.True(double.IsNegative(PortableMath.Tanh(-0.0)));
        var random = new Random(8304);
        for (int trial = 0; trial < 1_000; trial++)
        {
            double x = (random.NextDouble() * 8) - 4;
            double y = PortableTanh.Activate(x);
            Assert.Equal(Math.Tanh(x), y, 1e-15);
            Assert.Equal(Math.Tanh((float)x), PortableTanh.Activate((float)x), 1e-6f);

            // The derivative against a central difference of the activation itself.
            const double H = 1e-6;
            double slope = (PortableTanh.Activate(x + H) - PortableTanh.Activate(x - H)) / (2 * H);
            Assert.Equal(slope, PortableTanh.DerivativeFromOutput(y), 1e-8);
        }
    }

    [Fact]
    public void Log_is_within_one_ulp_of_the_platform_log_across_its_range()
    {
        // Uniform in (0, 2), close to 1 (where log is small and cancellation would show), log-uniform over the whole
        // exponent range, and random bit patterns (subnormals included).
        var random = new Random(8305);
        const int Trials = 400_000;
        int exact = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            double x = (trial % 4) switch
            {
                0 => random.NextDouble() * 2,
                1 => 1 + ((random.NextDouble() - 0.5) * 1e-3),
                2 => Math.Exp((random.NextDouble() - 0.5) * 1400),
                _ => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7fefffffffffffff)),
            };
            double expected = Math.Log(x), actual = PortableMath.Log(x);
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
            Assert.True(ulps <= 1, $"log({x:R}) = {actual:R}, the platform says {expected:R}");
            exact += ulps == 0 ? 1 : 0;
        }

        output.WriteLine($"log: {exact} of {Trials} bit-identical to Math.Log");
        Assert.True(exact > Trials * 9 / 10, $"{exact} of {Trials} bit-identical to Math.Log");
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.6931471805599453)]
    [InlineData(0.5, -0.6931471805599453)]
    [InlineData(4.9406564584124654E-324, -744.4400719213812)]   // the smallest subnormal
    [InlineData(1.7976931348623157E+308, 709.782712893384)]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    public void Log_of_special_values(double x, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(PortableMath.Log(x)));

    [Fact]
    public void Log_of_negative_numbers_and_NaN_is_NaN()
    {
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(-0.0));
    }

    [Fact]
    public void CosPi_is_within_1e_16_of_the_platform_cosine_and_exact_where_the_cosine_is()
    {
        // On [0, 1], where π·x loses at most half an ulp of π: against the platform. Beyond, by the symmetries, which hold
        // exactly because the folds are exact.
        var random = new Random(8306);
        for (int trial = 0; trial < 200_000; trial++)
        {
            double x = random.NextDouble();
            Assert.True(Math.Abs(PortableMath.CosPi(x) - Math.Cos(Math.PI * x)) <= 3.4e-16, $"cos(π·{x:R}) = {PortableMath.CosPi(x):R}, the platform says {Math.Cos(Math.PI * x):R}");

            double grid = random.Next(1 << 30) / (double)(1 << 30); // few bits, so that 2 − x and 4 + x are exact too
            Assert.Equal(PortableMath.CosPi(grid), PortableMath.CosPi(-grid));
            Assert.Equal(PortableMath.CosPi(grid), PortableMath.CosPi(2 - grid));
            Assert.Equal(PortableMath.CosPi(grid), PortableMath.CosPi(4 + grid));
            Assert.Equal(-PortableMath.CosPi(grid), PortableMath.CosPi(1 + grid));
        }

        // The folds are exact, so the values the schedule starts, turns and ends at are too.
        Assert.Equal(1.0, PortableMath.CosPi(0));
        Assert.Equal(-1.0, PortableMath.CosPi(1));
        Assert.Equal(1.0, PortableMath.CosPi(-2));
        Assert.Equal(0.0, PortableMath.CosPi(0.5));
        Assert.Equal(0.5, PortableMath.CosPi(1.0 / 3), 1e-16);
        Assert.True(double.IsNaN(PortableMath.CosPi(double.PositiveInfinity)));
    }

    [Fact]
    public void PortableSoftmax_gives_the_softmax_without_overflow()
    {
        var random = new Random(8307);
        for (int trial = 0; trial < 2_000; trial++)
        {
            int length = 1 + random.Next(40);
            double[] z = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * (trial % 10 == 0 ? 2_000 : 20)).ToArray();
            double[] portable = (double[])z.Clone(), platform = (double[])z.Clone();
            PortableSoftmax.Apply<double>(portable);
            Softmax.Apply<double>(platform);

            for (int k = 0; k < length; k++)
            {
                Assert.Equal(platform[k], portable[k], 1e-15);
            }

            Assert.Equal(1.0, portable.Sum(), 1e-14);
            Assert.All(portable, p => Assert.True(p >= 0 && p <= 1));
        }
    }
}
