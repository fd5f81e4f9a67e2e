using System;
using System.Runtime.Intrinsics;
using GenNet.Numerics;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// The fused float cells' nonlinearities (<see cref="GateMath"/>: Eigen's rational tanh, σ through SingleExp, both with
/// a refined reciprocal) against double-precision Math.Tanh and 1/(1 + Math.Exp(−x)) on a dense sweep.
/// </summary>
public sealed class GateMathTests
{
    [Fact]
    public void Tanh_and_sigmoid_are_within_a_few_ulp_across_the_range()
    {
        double worstTanh = 0, worstSigmoid = 0;
        var values = new float[16];
        for (int start = -1_600_000; start < 1_600_000; start += 16)
        {
            for (int l = 0; l < 16; l++)
            {
                values[l] = (start + l) * 1e-5f;   // −16 … 16, every 1e-5
            }

            Vector512<float> x = Vector512.Create(values);
            Vector512<float> t = GateMath.Tanh(x), s = GateMath.Sigmoid(x);
            for (int l = 0; l < 16; l++)
            {
                worstTanh = Math.Max(worstTanh, Ulps(Math.Tanh(values[l]), t[l]));
                worstSigmoid = Math.Max(worstSigmoid, Ulps(1 / (1 + Math.Exp(-(double)values[l])), s[l]));
            }
        }

        // Eigen documents "a couple of ulps" for its tanh, the refined reciprocal adds up to about one; σ's exp is within
        // 1 ulp, the sum and the reciprocal add about two.
        Assert.True(worstTanh <= 6 && worstSigmoid <= 6, $"tanh: {worstTanh} ulp, sigmoid: {worstSigmoid} ulp");
    }

    [Fact]
    public void Limits_tiny_values_and_NaN_are_kept()
    {
        Vector512<float> x = Vector512.Create(new float[]
        {
            float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, 1e-30f, -3e-4f, 8f,
            -8f, 100f, -100f, 1e30f, -1e30f, 20f, -20f, 0.5f,
        });
        Vector512<float> t = GateMath.Tanh(x), s = GateMath.Sigmoid(x);
        AssertNear(1f, t[0], "t[0]");
        AssertNear(-1f, t[1], "t[1]");
        Assert.True(float.IsNaN(t[2]));
        Assert.True(float.IsNaN(s[2]));
        AssertNear(0f, t[3], "t[3]");
        AssertNear(1e-30f, t[5], "t[5]");
        AssertNear(-3e-4f, t[6], "t[6]");
        AssertNear(1f, t[9], "t[9]");
        AssertNear(-1f, t[10], "t[10]");
        AssertNear(1f, s[0], "s[0]");
        Assert.True(s[1] >= 0 && s[1] < 2e-38f, $"σ(−∞) = {s[1]}");   // σ(−87), where the argument is capped
        AssertNear(1f, s[9], "s[9]");
        Assert.True(s[10] >= 0 && s[10] < 2e-38f, $"σ(−100) = {s[10]}");
        Assert.True(s[12] >= 0 && s[12] < 2e-38f, $"σ(−1e30) = {s[12]}");
        AssertNear(0.5f, s[3], "s[3]");
    }

    // σ's AVX-512 form (one cap, SingleExp.ExpOfNegated with vscalefps, a two-FMA Newton step) gives the bits of the
    // general one: 1 / (1 + SingleExp.Exp(min(−x, 87))) with the refined reciprocal, on a dense sweep and the limits.
    [Fact]
    public void Sigmoid_equals_its_general_form_bit_for_bit()
    {
        var values = new float[16];
        var special = new[] { float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, 1e-30f, -1e-30f, 87f, -87f, 87.5f, -87.5f, 104.9f, 105.1f, -200f, 200f, float.Epsilon };
        for (int start = -2_000_000; start < 2_000_016; start += 16)
        {
            for (int l = 0; l < 16; l++)
            {
                values[l] = start < 2_000_000 ? (start + l) * 6e-5f : special[l];   // −120 … 120, then the specials
            }

            Vector512<float> x = Vector512.Create(values);
            Vector512<float> fast = GateMath.Sigmoid(x), general = GeneralSigmoid(x);
            for (int l = 0; l < 16; l++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(fast[l]) == BitConverter.SingleToInt32Bits(general[l]) || (float.IsNaN(fast[l]) && float.IsNaN(general[l])),
                    $"σ({values[l]:R}): {fast[l]:R} vs {general[l]:R}");
            }
        }

        static Vector512<float> GeneralSigmoid(Vector512<float> x)
        {
            Vector512<float> minus = -x;
            Vector512<float> cap = Vector512.Create(87f);
            minus = Vector512.ConditionalSelect(Vector512.GreaterThan(minus, cap), cap, minus);
            Vector512<float> d = Vector512<float>.One + SingleExp.Exp(minus);
            Vector512<float> r = System.Runtime.Intrinsics.X86.Avx512F.Reciprocal14(d);
            Vector512<float> y = Vector512<float>.One * r;
            return Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-d, y, Vector512<float>.One), y);
        }
    }

    // tanh's AVX-512DQ clamp (vrangeps) gives the bits of the min/max one on a dense sweep and the limits.
    [Fact]
    public void Tanh_equals_its_general_form_bit_for_bit()
    {
        var values = new float[16];
        var special = new[] { float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, 1e-30f, -1e-30f, 7.99881172f, -7.99881172f, 8f, -8f, 3e-4f, -5e-4f, -200f, 200f, float.Epsilon };
        for (int start = -1_000_000; start < 1_000_016; start += 16)
        {
            for (int l = 0; l < 16; l++)
            {
                values[l] = start < 1_000_000 ? (start + l) * 1.2e-5f : special[l];   // −12 … 12, then the specials
            }

            Vector512<float> x = Vector512.Create(values);
            Vector512<float> fast = GateMath.Tanh(x), general = GeneralTanh(x);
            for (int l = 0; l < 16; l++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(fast[l]) == BitConverter.SingleToInt32Bits(general[l]) || (float.IsNaN(fast[l]) && float.IsNaN(general[l])),
                    $"tanh({values[l]:R}): {fast[l]:R} vs {general[l]:R}");
            }
        }

        // Eigen's generic_fast_tanh_float as GateMath writes it, with the min/max clamp.
        static Vector512<float> GeneralTanh(Vector512<float> a)
        {
            Vector512<float> x = Vector512.MinNative(Vector512.MaxNative(a, Vector512.Create(-7.99881172180175781f)), Vector512.Create(7.99881172180175781f));
            Vector512<float> x2 = x * x;
            Vector512<float> p = Vector512.FusedMultiplyAdd(x2, Vector512.Create(-2.76076847742355e-16f), Vector512.Create(2.00018790482477e-13f));
            p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(-8.60467152213735e-11f));
            p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(5.12229709037114e-08f));
            p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(1.48572235717979e-05f));
            p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(6.37261928875436e-04f));
            p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(4.89352455891786e-03f));
            p *= x;
            Vector512<float> q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(1.19825839466702e-06f), Vector512.Create(1.18534705686654e-04f));
            q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(2.26843463243900e-03f));
            q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(4.89352518554385e-03f));
            Vector512<float> r = System.Runtime.Intrinsics.X86.Avx512F.Reciprocal14(q);
            Vector512<float> y = p * r;
            Vector512<float> quotient = Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-q, y, p), y);
            return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(a), Vector512.Create(0.0004f)), quotient, a);
        }
    }

    // Limits within an ulp (the refined reciprocal of Eigen's exactly-1 quotient may land one below), the rest exact.
    private static void AssertNear(float expected, float actual, string what) =>
        Assert.True(expected == actual || Math.Abs(expected - actual) <= 6e-8f * Math.Max(1, Math.Abs(expected)) && expected != 0,
            $"{what}: expected {expected:R}, got {actual:R}");

    // |expected − actual| in units of the float spacing at expected (at least the smallest normal's, so values
    // that flush toward zero count in absolute terms there).
    private static double Ulps(double expected, float actual)
    {
        float e = (float)Math.Abs(expected);
        double ulp = Math.Max(MathF.BitIncrement(e) - e, float.Epsilon * (1 << 23));
        return Math.Abs(expected - actual) / ulp;
    }
}
