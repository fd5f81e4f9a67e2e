#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.Numerics;

/// <summary>
/// e^x for double registers: <c>2ⁿ · e^r</c> with <c>n = round(x · log₂e)</c>, <c>r = x − n · ln 2</c> (fdlibm's two-part
/// ln 2, so <c>n · ln2Hi</c> is exact), and <c>e^r = 1 + r + r² · P(r)</c> with P the Taylor series to r¹³/13!
/// (its remainder on <c>|r| ≤ ln2/2</c> is under 2⁻⁵⁷), evaluated by Estrin's scheme.
/// </summary>
/// <remarks>
/// Why not the BCL's <c>Vector256.Exp(Vector256&lt;double&gt;)</c>: it is a call the JIT does not inline, on the
/// critical path of every layer of a small network, and its Horner polynomial is a long dependency chain; one row or
/// one small batch is latency-bound. Within 1 ulp of <c>Math.Exp</c> over the normal range (checked by a test); +∞
/// above ln(double.MaxValue), gradual underflow to 0, NaN for NaN. Every width runs the same operations per lane.
/// </remarks>
internal static class DoubleExp
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double MaxInput = 709.782712893384;  // ln(double.MaxValue): above, +∞
    private const double MinInput = -746.0;            // e^-746 is under half the smallest subnormal: rounds to 0
    private const double Shifter = 6755399441055744.0; // 2⁵² + 2⁵¹: adding it leaves an integral n in the low bits (no AVX-512 needed)
    private const double C2 = 0.5; // 1/2!
    private const double C3 = 0.16666666666666666; // 1/3!
    private const double C4 = 0.041666666666666664; // 1/4!
    private const double C5 = 0.008333333333333333; // 1/5!
    private const double C6 = 0.001388888888888889; // 1/6!
    private const double C7 = 0.0001984126984126984; // 1/7!
    private const double C8 = 2.48015873015873e-05; // 1/8!
    private const double C9 = 2.7557319223985893e-06; // 1/9!
    private const double C10 = 2.755731922398589e-07; // 1/10!
    private const double C11 = 2.505210838544172e-08; // 1/11!
    private const double C12 = 2.08767569878681e-09; // 1/12!
    private const double C13 = 1.6059043836821613e-10; // 1/13!

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x)
    {
        Vector128<double> clamped = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        Vector128<double> n = Vector128.Round(clamped * Vector128.Create(Log2E));
        Vector128<double> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), clamped);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), r);

        // e^r − 1 − r = r²·(C2 + C3·r + … + C13·r¹¹), Estrin: pairs, then pairs of pairs.
        Vector128<double> r2 = r * r;
        Vector128<double> r4 = r2 * r2;
        Vector128<double> r8 = r4 * r4;
        Vector128<double> q2 = Vector128.FusedMultiplyAdd(Vector128.Create(C3), r, Vector128.Create(C2));
        Vector128<double> q4 = Vector128.FusedMultiplyAdd(Vector128.Create(C5), r, Vector128.Create(C4));
        Vector128<double> q6 = Vector128.FusedMultiplyAdd(Vector128.Create(C7), r, Vector128.Create(C6));
        Vector128<double> q8 = Vector128.FusedMultiplyAdd(Vector128.Create(C9), r, Vector128.Create(C8));
        Vector128<double> q10 = Vector128.FusedMultiplyAdd(Vector128.Create(C11), r, Vector128.Create(C10));
        Vector128<double> q12 = Vector128.FusedMultiplyAdd(Vector128.Create(C13), r, Vector128.Create(C12));
        Vector128<double> s2 = Vector128.FusedMultiplyAdd(q4, r2, q2);
        Vector128<double> s6 = Vector128.FusedMultiplyAdd(q8, r2, q6);
        Vector128<double> s10 = Vector128.FusedMultiplyAdd(q12, r2, q10);
        Vector128<double> p = Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(s10, r4, s6), r4, s2);
        p = Vector128.FusedMultiplyAdd(r2, p, r) + Vector128<double>.One;

        Vector128<long> k = (n + Vector128.Create(Shifter)).AsInt64() - Vector128.Create(Shifter).AsInt64();
        Vector128<long> half = k >> 1;
        Vector128<double> e = p * ((half + Vector128.Create(1023L)) << 52).AsDouble() * ((k - half + Vector128.Create(1023L)) << 52).AsDouble();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128.Create(MaxInput)), e, x * Vector128.Create(double.PositiveInfinity));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        Vector256<double> n = Vector256.Round(clamped * Vector256.Create(Log2E));
        Vector256<double> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), r);

        // e^r − 1 − r = r²·(C2 + C3·r + … + C13·r¹¹), Estrin: pairs, then pairs of pairs.
        Vector256<double> r2 = r * r;
        Vector256<double> r4 = r2 * r2;
        Vector256<double> r8 = r4 * r4;
        Vector256<double> q2 = Vector256.FusedMultiplyAdd(Vector256.Create(C3), r, Vector256.Create(C2));
        Vector256<double> q4 = Vector256.FusedMultiplyAdd(Vector256.Create(C5), r, Vector256.Create(C4));
        Vector256<double> q6 = Vector256.FusedMultiplyAdd(Vector256.Create(C7), r, Vector256.Create(C6));
        Vector256<double> q8 = Vector256.FusedMultiplyAdd(Vector256.Create(C9), r, Vector256.Create(C8));
        Vector256<double> q10 = Vector256.FusedMultiplyAdd(Vector256.Create(C11), r, Vector256.Create(C10));
        Vector256<double> q12 = Vector256.FusedMultiplyAdd(Vector256.Create(C13), r, Vector256.Create(C12));
        Vector256<double> s2 = Vector256.FusedMultiplyAdd(q4, r2, q2);
        Vector256<double> s6 = Vector256.FusedMultiplyAdd(q8, r2, q6);
        Vector256<double> s10 = Vector256.FusedMultiplyAdd(q12, r2, q10);
        Vector256<double> p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(s10, r4, s6), r4, s2);
        p = Vector256.FusedMultiplyAdd(r2, p, r) + Vector256<double>.One;

        Vector256<long> k = (n + Vector256.Create(Shifter)).AsInt64() - Vector256.Create(Shifter).AsInt64();
        Vector256<long> half = k >> 1;
        Vector256<double> e = p * ((half + Vector256.Create(1023L)) << 52).AsDouble() * ((k - half + Vector256.Create(1023L)) << 52).AsDouble();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(MaxInput)), e, x * Vector256.Create(double.PositiveInfinity));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        Vector512<double> n = Vector512.Round(clamped * Vector512.Create(Log2E));
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);

        // e^r − 1 − r = r²·(C2 + C3·r + … + C13·r¹¹), Estrin: pairs, then pairs of pairs.
        Vector512<double> r2 = r * r;
        Vector512<double> r4 = r2 * r2;
        Vector512<double> r8 = r4 * r4;
        Vector512<double> q2 = Vector512.FusedMultiplyAdd(Vector512.Create(C3), r, Vector512.Create(C2));
        Vector512<double> q4 = Vector512.FusedMultiplyAdd(Vector512.Create(C5), r, Vector512.Create(C4));
        Vector512<double> q6 = Vector512.FusedMultiplyAdd(Vector512.Create(C7), r, Vector512.Create(C6));
        Vector512<double> q8 = Vector512.FusedMultiplyAdd(Vector512.Create(C9), r, Vector512.Create(C8));
        Vector512<double> q10 = Vector512.FusedMultiplyAdd(Vector512.Create(C11), r, Vector512.Create(C10));
        Vector512<double> q12 = Vector512.FusedMultiplyAdd(Vector512.Create(C13), r, Vector512.Create(C12));
        Vector512<double> s2 = Vector512.FusedMultiplyAdd(q4, r2, q2);
        Vector512<double> s6 = Vector512.FusedMultiplyAdd(q8, r2, q6);
        Vector512<double> s10 = Vector512.FusedMultiplyAdd(q12, r2, q10);
        Vector512<double> p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(s10, r4, s6), r4, s2);
        p = Vector512.FusedMultiplyAdd(r2, p, r) + Vector512<double>.One;

        Vector512<long> k = (n + Vector512.Create(Shifter)).AsInt64() - Vector512.Create(Shifter).AsInt64();
        Vector512<long> half = k >> 1;
        Vector512<double> e = p * ((half + Vector512.Create(1023L)) << 52).AsDouble() * ((k - half + Vector512.Create(1023L)) << 52).AsDouble();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(MaxInput)), e, x * Vector512.Create(double.PositiveInfinity));
    }
}
#endif
