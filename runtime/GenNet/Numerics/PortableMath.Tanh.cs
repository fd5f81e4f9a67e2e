using System;

namespace GenNet.Numerics;

public static partial class PortableMath
{
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
            result = a + (a * (square * Polynomial(TanhSeries, square)));
        }
        else
        {
            result = 1 - (2 / (Exp(2 * a) + 1)); // e^(2|x|) overflows to ∞ past |x| ≈ 355: exactly 1; NaN stays NaN
        }

        return Math.CopySign(result, x);
    }
}
