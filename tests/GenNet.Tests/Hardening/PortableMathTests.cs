using System;
using GenNet.Activations;
using GenNet.Numerics;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// <see cref="PortableMath.Exp"/> (fdlibm's algorithm in plain IEEE arithmetic) is accurate to 1 ulp against the
/// platform's <see cref="Math.Exp"/> over the whole range, handles every special value, and so makes
/// <see cref="PortableSigmoid"/> a sigmoid whose bits do not depend on the machine.
/// </summary>
public sealed class PortableMathTests
{
    [Fact]
    public void Exp_is_within_one_ulp_of_the_platform_exp_across_its_range()
    {
        var random = new Random(8301);
        int exact = 0;
        const int Trials = 200_000;
        for (int trial = 0; trial < Trials; trial++)
        {
            // Mostly where sigmoids live, the rest over the whole finite range including the subnormal results.
            double x = trial % 4 == 0 ? (random.NextDouble() * 1455) - 745 : (random.NextDouble() * 80) - 40;
            double expected = Math.Exp(x), actual = PortableMath.Exp(x);
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
            Assert.True(ulps <= 1, $"exp({x:R}) = {actual:R}, the platform says {expected:R}");
            exact += ulps == 0 ? 1 : 0;
        }

        // fdlibm's error is below 1 ulp, glibc's exp is nearly always correctly rounded: they agree on about 90%.
        Assert.True(exact > Trials * 0.85, $"only {exact} of {Trials} agree to the bit");
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 2.7182818284590455)] // one ulp above e, as Java's StrictMath.exp (also fdlibm) gives
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
}
