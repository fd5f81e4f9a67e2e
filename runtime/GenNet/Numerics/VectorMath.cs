using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if !NET9_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace GenNet.Numerics;

/// <summary>
/// The vector <c>Exp</c> and fused multiply-add at each width, picked by element type: our <c>DoubleExp</c> and
/// <c>SingleExp</c>, inlined and latency-short (the BCL's is a call, and its float exp computes in double at
/// about three times the cost). .NET 9 and later have them; on .NET 8 exp falls back to <c>T.Exp</c> per lane and the fused multiply-add to the
/// x86 FMA instructions where present.
/// </summary>
internal static class VectorMath
{
    /// <summary>e^x with the vector algorithm, so that a lone value rounds as it would in any lane of a register. The other
    /// lanes are zero, not left undefined: garbage there can be subnormal and cost a microcode assist per operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            return Exp(Vector128.CreateScalar(x)).ToScalar();
        }
#endif
        return T.Exp(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return DoubleExp.Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.AsSingle()).As<float, T>();
        }
#endif
        return Lanes128<T>.Map<ExpFunction>(new(x)).Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return DoubleExp.Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.AsSingle()).As<float, T>();
        }
#endif
        return Lanes256<T>.Map<ExpFunction>(new(x)).Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return DoubleExp.Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.AsSingle()).As<float, T>();
        }
#endif
        return Lanes512<T>.Map<ExpFunction>(new(x)).Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#else
        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#endif
        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#else
        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#endif
        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#else
        if (Avx512F.IsSupported && typeof(T) == typeof(double))
        {
            return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (Avx512F.IsSupported && typeof(T) == typeof(float))
        {
            return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
#endif
        return (a * b) + c;
    }

    // e^x as an activation, for the per-lane fallback of the .NET 8 build.
    private readonly struct ExpFunction : IScalarFunction
    {
        public static TValue Invoke<TValue>(TValue x) where TValue : IFloatingPointIeee754<TValue> => TValue.Exp(x);
    }
}
