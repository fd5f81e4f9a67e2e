#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.Numerics;

/// <summary>
/// The gate nonlinearities of the fused float cells (<see cref="GenNet.CompilerServices.RecurrentCells"/>), as
/// RTNeural's Eigen backend computes them in its GRU and LSTM layers. Tanh is Eigen's <c>generic_fast_tanh_float</c>:
/// a 13/6-degree rational function on x clamped to ±7.99881172 (where, evaluated with fused multiply-adds, it
/// is exactly ±1), and x itself below 0.0004. Within a few ulp of tanh (tested); one division and ten fused
/// multiply-adds against <see cref="VectorTanh"/>'s series, exp and division with a blend of both.
/// </summary>
internal static class GateMath
{
    private const float Clamp = 7.99881172180175781f;
    private const float Tiny = 0.0004f;

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
        Vector512<float> x = Vector512.MinNative(Vector512.MaxNative(a, Vector512.Create(-Clamp)), Vector512.Create(Clamp));
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

        // |a| ≥ 0.0004 is false for tiny a and for NaN: both are returned as they are.
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(a), Vector512.Create(Tiny)), p / q, a);
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)), RTNeural's sigmoid, with <see cref="SingleExp"/> (the runtime's lane sigmoid).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + SingleExp.Exp(-x));
}
#endif
