#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet.Numerics;

/// <summary>
/// e^x for float registers, computed in float: <c>2ⁿ · e^r</c> with <c>n = round(x · log₂e)</c> and
/// <c>r = x − n · ln 2</c> (ln 2 in two parts, Cody–Waite, so <c>n · ln2Hi</c> is exact), and
/// <c>e^r ≈ 1 + r + r² · P(r)</c> on <c>|r| ≤ ln2/2</c> with Cephes' <c>expf</c> coefficients, P by Estrin's
/// scheme (three independent pairs, then two steps) rather than Horner's five dependent steps: one row is latency-bound.
/// </summary>
/// <remarks>
/// Why not the BCL's <c>Vector512.Exp(Vector512&lt;float&gt;)</c>: it widens to double and costs about 3× as much
/// (measured in <c>tests/GenNet.Benchmarks</c>, see its README), which made float networks slower than double ones.
/// This one is within 1 ulp of <c>MathF.Exp</c> over the normal range (checked by a test), gives +∞ above
/// ln(float.MaxValue), gradual underflow to 0 below, and NaN for NaN. Every width runs the same operations per lane,
/// so a value rounds the same in any lane of any register.
/// </remarks>
internal static class SingleExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float MaxInput = 88.7228394f;   // ln(float.MaxValue): above, +∞
    private const float MinInput = -105f;         // e^-105 is under half the smallest subnormal: rounds to 0
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> clamped = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        Vector128<float> n = Vector128.Round(clamped * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), clamped);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), r);
        Vector128<float> r2 = r * r;
        Vector128<float> a = Vector128.FusedMultiplyAdd(Vector128.Create(P0), r, Vector128.Create(P1));
        Vector128<float> b = Vector128.FusedMultiplyAdd(Vector128.Create(P2), r, Vector128.Create(P3));
        Vector128<float> c = Vector128.FusedMultiplyAdd(Vector128.Create(P4), r, Vector128.Create(P5));
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(a, r2, b), r2, c);
        p = Vector128.FusedMultiplyAdd(r2, p, r) + Vector128<float>.One;

        // 2ⁿ as two exact powers of two, 2^(n>>1) · 2^(n − (n>>1)), so n from −151 to 128 needs no special case. n is a
        // whole number in int range, so the native conversion (one instruction; the checked one saturates in four) is exact.
        Vector128<int> k = Vector128.ConvertToInt32Native(n);
        Vector128<int> half = k >> 1;
        Vector128<float> e = p * ((half + Vector128.Create(127)) << 23).AsSingle() * ((k - half + Vector128.Create(127)) << 23).AsSingle();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128.Create(MaxInput)), e, x * Vector128.Create(float.PositiveInfinity));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> clamped = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        Vector256<float> n = Vector256.Round(clamped * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), r);
        Vector256<float> r2 = r * r;
        Vector256<float> a = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        Vector256<float> b = Vector256.FusedMultiplyAdd(Vector256.Create(P2), r, Vector256.Create(P3));
        Vector256<float> c = Vector256.FusedMultiplyAdd(Vector256.Create(P4), r, Vector256.Create(P5));
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(a, r2, b), r2, c);
        p = Vector256.FusedMultiplyAdd(r2, p, r) + Vector256<float>.One;

        Vector256<int> k = Vector256.ConvertToInt32Native(n);
        Vector256<int> half = k >> 1;
        Vector256<float> e = p * ((half + Vector256.Create(127)) << 23).AsSingle() * ((k - half + Vector256.Create(127)) << 23).AsSingle();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(MaxInput)), e, x * Vector256.Create(float.PositiveInfinity));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> clamped = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        Vector512<float> n = Vector512.Round(clamped * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);
        Vector512<float> r2 = r * r;
        Vector512<float> a = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        Vector512<float> b = Vector512.FusedMultiplyAdd(Vector512.Create(P2), r, Vector512.Create(P3));
        Vector512<float> c = Vector512.FusedMultiplyAdd(Vector512.Create(P4), r, Vector512.Create(P5));
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(a, r2, b), r2, c);
        p = Vector512.FusedMultiplyAdd(r2, p, r) + Vector512<float>.One;

        Vector512<int> k = Vector512.ConvertToInt32Native(n);
        Vector512<int> half = k >> 1;
        Vector512<float> e = p * ((half + Vector512.Create(127)) << 23).AsSingle() * ((k - half + Vector512.Create(127)) << 23).AsSingle();
        // Above the range (x · ∞ = +∞) or NaN (NaN · ∞ = NaN): one compare and one blend, the product off the critical path.
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(MaxInput)), e, x * Vector512.Create(float.PositiveInfinity));
    }

    /// <summary>
    /// e^(−x) for x ≥ −87 (σ's capped argument, <see cref="GateMath.Sigmoid"/>): the values <see cref="Exp(Vector512{float})"/>
    /// gives for −x, in half the instructions. No upper clamp or overflow select (e^87 is finite); the lower one, −x ≥ −105,
    /// as x ≤ 105 with the operands ordered so that NaN passes through (vminps returns its second operand when either is
    /// NaN); the negation folded into the constants (−x · log₂e = x · (−log₂e), exactly) and into an FMA that subtracts x;
    /// and 2ⁿ applied by one vscalefps, whose single rounding of p · 2ⁿ is the one the two exact-power products make (the
    /// first, by 2^(n>>1) with n ≥ −152, is exact). AVX-512F only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpOfNegated(Vector512<float> x)
    {
        Vector512<float> clamped = Avx512F.Min(Vector512.Create(-MinInput), x);
        Vector512<float> n = Vector512.Round(clamped * Vector512.Create(-Log2E));
        Vector512<float> r = Avx512F.FusedMultiplySubtract(n, Vector512.Create(-Ln2Hi), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);
        Vector512<float> r2 = r * r;
        Vector512<float> a = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        Vector512<float> b = Vector512.FusedMultiplyAdd(Vector512.Create(P2), r, Vector512.Create(P3));
        Vector512<float> c = Vector512.FusedMultiplyAdd(Vector512.Create(P4), r, Vector512.Create(P5));
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(a, r2, b), r2, c);
        p = Vector512.FusedMultiplyAdd(r2, p, r) + Vector512<float>.One;
        return Avx512F.Scale(p, n);
    }
}
#endif
