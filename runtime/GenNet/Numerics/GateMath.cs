#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet.Numerics;

/// <summary>
/// The gate nonlinearities of the fused float cells (<see cref="GenNet.CompilerServices.RecurrentCells"/>), as
/// RTNeural's Eigen backend computes them in its GRU and LSTM layers. Tanh is Eigen's <c>generic_fast_tanh_float</c>:
/// a 13/6-degree rational function on x clamped to ±7.99881172 (where, evaluated with fused multiply-adds, it
/// is exactly ±1), and x itself below 0.0004; σ is 1/(1 + e^(−x)) with <see cref="SingleExp"/>. Both within a few
/// ulp (tested). Their one division each is a 14-bit reciprocal estimate refined by one Newton step where AVX-512F has
/// it (a fifth of a division's throughput cost, within an ulp of it); a cell runs five of them per register of units.
/// </summary>
internal static class GateMath
{
    private const float Clamp = 7.99881172180175781f;
    private const float Tiny = 0.0004f;

    // vrangeps control: imm[1:0] = 10b, the operand of smaller magnitude; imm[3:2] = 00b, with the first operand's sign.
    private const byte MinimumMagnitudeSignOfFirst = 0b0010;

    // The numerator's odd coefficients α₁…α₁₃ and the denominator's even ones β₀…β₆, Eigen's.
    private const float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
    private const float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f;
    private const float A13 = -2.76076847742355e-16f;
    private const float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f;
    private const float B6 = 1.19825839466702e-06f;

    /// <summary>tanh in every lane; NaN stays NaN, ±∞ gives ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> a)
    {
        // The clamp to ±7.99881172: one vrangeps where AVX-512DQ has it (the smaller magnitude of a and the bound, a's
        // sign), one instruction off the critical path of every cell. NaN's clamp is never used (the select below).
        Vector512<float> x = Avx512DQ.IsSupported ? Avx512DQ.Range(a, Vector512.Create(Clamp), MinimumMagnitudeSignOfFirst)
            : Vector512.MinNative(Vector512.MaxNative(a, Vector512.Create(-Clamp)), Vector512.Create(Clamp));
        Vector512<float> x2 = x * x;
        Vector512<float> p = Vector512.FusedMultiplyAdd(x2, Vector512.Create(A13), Vector512.Create(A11));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A9));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A7));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A5));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A3));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A1));
        p *= x;
        Vector512<float> q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(B6), Vector512.Create(B4));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B2));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B0));

        // |a| ≥ 0.0004 is false for tiny a and for NaN: both are returned as they are. q ≥ β₀ > 0 on the clamped range.
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(a), Vector512.Create(Tiny)), Divide(p, q), a);
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)), RTNeural's sigmoid; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        // −x above 87 would make 1 + e^(−x) infinite (and the reciprocal's Newton step NaN): cap it there, where σ is
        // under 2⁻¹²⁵ and flushes to 0 as it would.
        if (Avx512F.IsSupported)
        {
            // The same values in about 20 instructions instead of 36 (σ is most of a many-stream step's work): the cap
            // x ≥ −87 is one vmaxps whose second operand is x, so NaN passes through (vmaxps returns its second operand
            // when either is NaN); SingleExp.ExpOfNegated takes x itself and needs no overflow checks; 1 · r₀ is r₀, so
            // the Newton step is two FMAs.
            Vector512<float> d = Vector512<float>.One + SingleExp.ExpOfNegated(Avx512F.Max(Vector512.Create(-87f), x));
            Vector512<float> r = Avx512F.Reciprocal14(d);
            return Vector512.FusedMultiplyAdd(r, Avx512F.FusedMultiplyAddNegated(d, r, Vector512<float>.One), r);
        }

        // The select keeps NaN (NaN > 87 is false).
        Vector512<float> minus = -x;
        Vector512<float> cap = Vector512.Create(87f);
        minus = Vector512.ConditionalSelect(Vector512.GreaterThan(minus, cap), cap, minus);
        return Divide(Vector512<float>.One, Vector512<float>.One + SingleExp.Exp(minus));
    }

    // n / d for finite, normal d: the reciprocal estimate r₀ (relative error under 2⁻¹⁴), y₀ = n·r₀, then one Newton
    // step on the residual, y = y₀ + r₀·(n − d·y₀), which squares the error (under 2⁻²⁸ before rounding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Divide(Vector512<float> n, Vector512<float> d)
    {
        if (Avx512F.IsSupported)
        {
            Vector512<float> r = Avx512F.Reciprocal14(d);
            Vector512<float> y = n * r;
            return Vector512.FusedMultiplyAdd(r, Avx512F.FusedMultiplyAddNegated(d, y, n), y);   // −(d·y) + n: no negation of d
        }

        return n / d;
    }
}
#endif
