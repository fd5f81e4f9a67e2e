using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Numerics;

/// <summary>
/// tanh on a whole register (the BCL has no vector tanh): below |x| = 0.55 its odd Taylor series, which has no
/// cancellation near zero; above, <c>1 − 2/(e^(2|x|) + 1)</c> with the vector exponential; the sign restored last.
/// </summary>
/// <remarks>The arrangement of <see cref="PortableMath.Tanh"/>, computed in lanes; within a few ulps of <c>T.Tanh</c>.</remarks>
internal static class VectorTanh
{
    // tanh x = x + x·Σ Cₖ·x²ᵏ with Cₖ = 2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)!, n = k + 1; below 0.55 each term is under an eighth of the one
    // before, so 8⁻⁹ < 2⁻²⁴: nine terms reach float's precision, nineteen double's. Written out rather than looped over
    // an array, so the JIT sees constants (a loop over a static array loads and converts each coefficient every call).
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
        TLanes p = typeof(T) == typeof(float) ? SingleSeries<T, TLanes>(square) : DoubleSeries<T, TLanes>(square);
        TLanes small = TLanes.MultiplyAdd(a, square * p, a);

        // Elsewhere: 1 − 2/(e^(2a) + 1); e^(2a) overflows to ∞ past a ≈ 355 (double) or 44 (float), giving exactly 1.
        TLanes two = one + one;
        TLanes large = one - (two / (TLanes.Exp(two * a) + one));

        TLanes magnitude = TLanes.SelectGreaterThan(TLanes.Create(T.CreateTruncating(0.55)), a, small, large);
        return TLanes.SelectGreaterThan(zero, x, -magnitude, magnitude);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes SingleSeries<T, TLanes>(TLanes square)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes p = C<T, TLanes>(-0.00023912911424355248);
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.000590027440945586));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.0014558343870513183));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.003592128036572481));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.008863235529902197));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.021869488536155203));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.05396825396825397));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.13333333333333333));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.3333333333333333));
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes DoubleSeries<T, TLanes>(TLanes square)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes p = C<T, TLanes>(-2.859136662305254e-08);
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(7.054636946400968e-08));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-1.7406618963571648e-07));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(4.294911078273806e-07));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-1.0597268320104654e-06));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(2.6147711512907546e-06));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-6.451689215655431e-06));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(1.5918905069328964e-05));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-3.927832388331683e-05));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(9.691537956929451e-05));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.00023912911424355248));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.000590027440945586));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.0014558343870513183));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.003592128036572481));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.008863235529902197));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.021869488536155203));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.05396825396825397));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(0.13333333333333333));
        p = TLanes.MultiplyAdd(p, square, C<T, TLanes>(-0.3333333333333333));
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes C<T, TLanes>(double value)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.Create(T.CreateTruncating(value));
}
