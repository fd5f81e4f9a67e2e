using System;

namespace GenNet.Numerics;

public static partial class PortableMath
{
    // ln 2 in two parts: Ln2Hi has trailing zero bits, so k·Ln2Hi is exact for every exponent k.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // log(1 + f) = 2·atanh(s), s = f / (2 + f): the series 2s + s·Σ 2/(2k + 1)·s²ᵏ. With f in [√2/2 − 1, √2 − 1),
    // s² < 0.0295 and twelve terms reach 2⁻⁶⁰ of the result.
    private static readonly double[] LogSeries =
    [
        2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13, 2.0 / 15, 2.0 / 17, 2.0 / 19, 2.0 / 21, 2.0 / 23, 2.0 / 25,
    ];

    /// <summary>
    /// The natural logarithm, the same bits on every IEEE-754 machine (<see cref="Math.Log(double)"/> is the C library's);
    /// within 1 ulp of it. x = 2ᵏ·(1 + f) with 1 + f in [√2/2, √2), then fdlibm's arrangement
    /// <c>log(1 + f) = f − (f²/2 − s·(f²/2 + R))</c>, which keeps the rounding of s out of the leading terms.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return x == 0 ? double.NegativeInfinity : x < 0 ? double.NaN : x; // log(−x) = NaN; NaN, +∞ pass through
        }

        int k = 0;
        if (x < 2.2250738585072014e-308) // the smallest normal double
        {
            x *= 18014398509481984.0; // 2⁵⁴: subnormals become normal
            k = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)((bits >> 52) & 0x7ff) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000f_ffff_ffff_ffffL) | 0x3ff0_0000_0000_0000L);
        if (m >= 1.4142135623730951)
        {
            m *= 0.5; // exact
            k++;
        }

        double f = m - 1; // exact (Sterbenz)
        double s = f / (2 + f);
        double z = s * s;
        double r = z * Polynomial(LogSeries, z);
        double halfSquare = 0.5 * f * f;
        double dk = k;
        return (dk * Ln2Hi) - ((halfSquare - ((s * (halfSquare + r)) + (dk * Ln2Lo))) - f);
    }
}
