using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Numerics.Lanes;

/// <summary>
/// tanh on a whole register (the BCL has no vector tanh): below |x| = 0.55 its odd Taylor series, which has no
/// cancellation near zero; above, <c>1 − 2/(e^(2|x|) + 1)</c> with the vector exponential; the sign restored last.
/// </summary>
/// <remarks>The arrangement of <see cref="PortableMath.Tanh"/>, computed in lanes; within a few ulps of <c>T.Tanh</c>.</remarks>
internal static class VectorTanh
{
    // 2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)! for n = 2…20: tanh x = x + x·Σ Cₖ·x²ᵏ (below 0.55 each term is under an eighth of the one before).
    private static readonly double[] Series =
    [
        -0.3333333333333333, 0.13333333333333333, -0.05396825396825397, 0.021869488536155203,
        -0.008863235529902197, 0.003592128036572481, -0.0014558343870513183, 0.000590027440945586,
        -0.00023912911424355248, 9.691537956929451e-05, -3.927832388331683e-05, 1.5918905069328964e-05,
        -6.451689215655431e-06, 2.6147711512907546e-06, -1.0597268320104654e-06, 4.294911078273806e-07,
        -1.7406618963571648e-07, 7.054636946400968e-08, -2.859136662305254e-08,
    ];

    // 8⁻⁹ < 2⁻²⁴: nine terms reach float's precision, all nineteen double's.
    private const int SingleTerms = 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Tanh<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes zero = TLanes.Create(T.Zero);
        TLanes one = TLanes.Create(T.One);
        TLanes a = TLanes.Abs(x);

        // Near zero: a + a·(a²·P(a²)), P by Horner from the highest term.
        TLanes square = a * a;
        int terms = typeof(T) == typeof(float) ? SingleTerms : Series.Length;
        TLanes p = TLanes.Create(T.CreateTruncating(Series[terms - 1]));
        for (int k = terms - 2; k >= 0; k--)
        {
            p = TLanes.MultiplyAdd(p, square, TLanes.Create(T.CreateTruncating(Series[k])));
        }

        TLanes small = TLanes.MultiplyAdd(a, square * p, a);

        // Elsewhere: 1 − 2/(e^(2a) + 1); e^(2a) overflows to ∞ past a ≈ 355 (double) or 44 (float), giving exactly 1.
        TLanes two = one + one;
        TLanes large = one - (two / (TLanes.Exp(two * a) + one));

        TLanes magnitude = TLanes.SelectGreaterThan(TLanes.Create(T.CreateTruncating(0.55)), a, small, large);
        return TLanes.SelectGreaterThan(zero, x, -magnitude, magnitude);
    }
}
