using System;

namespace GenNet.Numerics;

/// <summary>
/// An exponential that gives the same bits on every machine: fdlibm's <c>__ieee754_exp</c> (Sun Microsystems, 1993;
/// "permission to use, copy, modify, and distribute this software is freely granted") in plain IEEE-754 double
/// arithmetic, with no intrinsic, no fused multiply-add and no call into the C runtime.
/// </summary>
/// <remarks>
/// <see cref="Math.Exp"/> calls the platform's C library (glibc, the Windows UCRT, Apple's libm), which choose their
/// own algorithms, and glibc picks a variant by CPU features: results can differ in the last bit between machines.
/// This one is accurate to within 1 ulp, like fdlibm, and is what <see cref="Activations.PortableSigmoid"/> uses for
/// networks whose training must be bit-reproducible across machines.
/// </remarks>
public static class PortableMath
{
    private const double Huge = 1.0e+300;
    private const double TwoM1000 = 9.33263618503218878990e-302; // 2^-1000
    private const double OverflowThreshold = 7.09782712893383973096e+02;
    private const double UnderflowThreshold = -7.45133219101941108420e+02;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;

    /// <summary>
    /// xⁿ for |x| ≤ 1 and a whole n ≥ 0, the same bits on every machine (<see cref="Math.Pow"/> is the C library's):
    /// repeated squaring in double-double arithmetic (Dekker's exact products, plain IEEE operations, no fused
    /// multiply-add), so the result is within 1 ulp for any n. For decay factors: Adam's bias corrections, the schedules.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not in [−1, 1] or <paramref name="n"/> is negative.</exception>
    public static double Pow(double x, long n)
    {
        if (!(Math.Abs(x) <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"PortableMath.Pow takes x in [-1, 1]; was {x}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n);
        (double Hi, double Lo) result = (1, 0), power = (x, 0);
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                result = Multiply(result, power);
            }

            n >>= 1;
            if (n != 0)
            {
                power = Multiply(power, power);
            }
        }

        return result.Hi;
    }

    // (a.Hi + a.Lo)(b.Hi + b.Lo) to about 2⁻¹⁰⁴ relative: the product of the high parts exactly (Dekker), the cross terms
    // in double, renormalised so that |Lo| ≤ ½ ulp(Hi).
    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        double product = a.Hi * b.Hi;
        (double ah, double al) = Split(a.Hi);
        (double bh, double bl) = Split(b.Hi);
        double error = (((ah * bh) - product) + (ah * bl) + (al * bh)) + (al * bl);
        error += (a.Hi * b.Lo) + (a.Lo * b.Hi);
        double hi = product + error;
        return (hi, error - (hi - product));
    }

    // Veltkamp's split of a double into two 26-bit halves whose products are exact (|a| ≤ 1 here, so no overflow).
    private static (double Hi, double Lo) Split(double a)
    {
        double c = 134217729.0 * a; // 2²⁷ + 1
        double hi = c - (c - a);
        return (hi, a - hi);
    }

    // tanh's Taylor coefficients, 2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)! for n = 2…20 (B the Bernoulli numbers), rounded to double:
    // tanh x = x + x·Σ Cₖ·x²ᵏ. Below |x| = 0.55 each term is at most an eighth of the one before, so 19 reach 2⁻⁵⁶.
    private static readonly double[] TanhSeries =
    [
        -0.3333333333333333, 0.13333333333333333, -0.05396825396825397, 0.021869488536155203,
        -0.008863235529902197, 0.003592128036572481, -0.0014558343870513183, 0.000590027440945586,
        -0.00023912911424355248, 9.691537956929451e-05, -3.927832388331683e-05, 1.5918905069328964e-05,
        -6.451689215655431e-06, 2.6147711512907546e-06, -1.0597268320104654e-06, 4.294911078273806e-07,
        -1.7406618963571648e-07, 7.054636946400968e-08, -2.859136662305254e-08,
    ];

    /// <summary>
    /// tanh x, the same bits on every IEEE-754 machine (<see cref="Math.Tanh"/> is the C library's); within 2 ulps of
    /// it. Near zero a Taylor series (no cancellation); from |x| = 0.55 on <c>1 − 2/(e^(2|x|) + 1)</c> with <see cref="Exp"/>.
    /// </summary>
    public static double Tanh(double x)
    {
        double a = Math.Abs(x);
        double result;
        if (a < 0.55)
        {
            double square = a * a;
            double sum = TanhSeries[^1];
            for (int k = TanhSeries.Length - 2; k >= 0; k--)
            {
                sum = (sum * square) + TanhSeries[k];
            }

            result = a + (a * (square * sum));
        }
        else
        {
            result = 1 - (2 / (Exp(2 * a) + 1)); // e^(2|x|) overflows to ∞ past |x| ≈ 355: exactly 1; NaN stays NaN
        }

        return Math.CopySign(result, x);
    }

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
        double series = LogSeries[^1];
        for (int i = LogSeries.Length - 2; i >= 0; i--)
        {
            series = (series * z) + LogSeries[i];
        }

        double r = z * series;
        double halfSquare = 0.5 * f * f;
        double dk = k;
        return (dk * Ln2Hi) - ((halfSquare - ((s * (halfSquare + r)) + (dk * Ln2Lo))) - f);
    }

    // Taylor coefficients (−1)ᵏ/(2k)! and (−1)ᵏ/(2k + 1)! for k = 1…11: on |y| ≤ π/4 the last term is below 2⁻⁷⁰.
    private static readonly double[] CosSeries =
    [
        -0.5, 0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05, -2.755731922398589e-07,
        2.08767569878681e-09, -1.1470745597729725e-11, 4.779477332387385e-14, -1.5619206968586225e-16,
        4.110317623312165e-19, -8.896791392450574e-22,
    ];

    private static readonly double[] SinSeries =
    [
        -0.16666666666666666, 0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-06,
        -2.505210838544172e-08, 1.6059043836821613e-10, -7.647163731819816e-13, 2.8114572543455206e-15,
        -8.22063524662433e-18, 1.9572941063391263e-20, -3.868170170630684e-23,
    ];

    /// <summary>
    /// cos(πx), the same bits on every IEEE-754 machine (<see cref="Math.Cos"/> is the C library's): x is folded
    /// exactly into [0, ¼] by the symmetries of the cosine, then a Taylor series of cos or sin. Within 1e-16 of
    /// <c>Math.Cos(Math.PI * x)</c>; for the cosine learning-rate schedule.
    /// </summary>
    public static double CosPi(double x)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        // cos(π·x) is even with period 2: fold into [0, 1], then use cos(π(1 − u)) = −cos(πu) to reach [0, ½].
        // Each step is exact: a remainder, and differences of numbers within a factor of two (Sterbenz).
        double u = Math.Abs(x) % 2;
        if (u > 1)
        {
            u = 2 - u;
        }

        double sign = 1;
        if (u > 0.5)
        {
            u = 1 - u;
            sign = -1;
        }

        // On [0, ¼] the cosine series; on (¼, ½] cos(πu) = sin(π(½ − u)).
        bool useSine = u > 0.25;
        double y = Math.PI * (useSine ? 0.5 - u : u);
        double square = y * y;
        double[] series = useSine ? SinSeries : CosSeries;
        double sum = series[^1];
        for (int k = series.Length - 2; k >= 0; k--)
        {
            sum = (sum * square) + series[k];
        }

        double value = useSine ? y + (y * (square * sum)) : 1 + (square * sum);
        return sign * value;
    }

    /// <summary>e^x, the same bits on every IEEE-754 machine; within 1 ulp of the exact value.</summary>
    public static double Exp(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        uint hx = (uint)(bits >> 32);
        int sign = (int)(hx >> 31);
        hx &= 0x7fffffff;

        // Non-finite, overflowing and underflowing arguments.
        if (hx >= 0x40862E42)
        {
            if (hx >= 0x7ff00000)
            {
                return double.IsNaN(x) ? x : sign == 0 ? x : 0.0;
            }

            if (x > OverflowThreshold)
            {
                return Huge * Huge;
            }

            if (x < UnderflowThreshold)
            {
                return TwoM1000 * TwoM1000;
            }
        }

        // Argument reduction: x = k·ln2 + r, |r| ≤ ln2/2, with ln2 split in two so that k·Ln2Hi is exact.
        double hi = 0, lo = 0;
        int k = 0;
        if (hx > 0x3fd62e42)
        {
            if (hx < 0x3FF0A2B2)
            {
                hi = sign == 0 ? x - Ln2Hi : x + Ln2Hi;
                lo = sign == 0 ? Ln2Lo : -Ln2Lo;
                k = 1 - sign - sign;
            }
            else
            {
                k = (int)((InvLn2 * x) + (sign == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - (t * Ln2Hi);
                lo = t * Ln2Lo;
            }

            x = hi - lo;
        }
        else if (hx < 0x3e300000)
        {
            return 1.0 + x; // |x| < 2^-28
        }

        // e^r by a rational approximation on the primary range.
        double tt = x * x;
        double c = x - (tt * (P1 + (tt * (P2 + (tt * (P3 + (tt * (P4 + (tt * P5)))))))));
        if (k == 0)
        {
            return 1.0 - (((x * c) / (c - 2.0)) - x);
        }

        double y = 1.0 - ((lo - ((x * c) / (2.0 - c))) - hi);

        // Scale by 2^k: add k to the exponent field (exact), through 2^-1000 for results that are subnormal.
        if (k >= -1021)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)k << 52));
        }

        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)(k + 1000) << 52)) * TwoM1000;
    }
}
