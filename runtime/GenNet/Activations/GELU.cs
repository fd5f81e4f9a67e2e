using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Activations;

/// <summary>
/// GELU in its tanh approximation (as in BERT and GPT-2, PyTorch's <c>approximate='tanh'</c>):
/// <c>½x·(1 + tanh(u))</c> with <c>u = √(2/π)·(x + 0.044715·x³)</c>; derivative
/// <c>½(1 + tanh u) + ½x·(1 − tanh²u)·√(2/π)·(1 + 3·0.044715·x²)</c>, from the input (<see cref="IActivationFromInput"/>).
/// </summary>
public readonly struct GELU : IActivationFromInput
{
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double Cubic = 0.044715;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        return half * x * (T.One + T.Tanh(Inner(x)));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromInput<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        T tanh = T.Tanh(Inner(x));
        T slope = T.CreateTruncating(SqrtTwoOverPi) * (T.One + (T.CreateTruncating(3 * Cubic) * x * x));
        return (half * (T.One + tanh)) + (half * x * (T.One - (tanh * tanh)) * slope);
    }

    /// <summary>Not defined: GELU's output does not determine its input. Generated code calls <see cref="DerivativeFromInput{T}"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> =>
        throw new NotSupportedException("GELU's derivative needs its input: call DerivativeFromInput(x, y).");

    private static T Inner<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(SqrtTwoOverPi) * (x + (T.CreateTruncating(Cubic) * x * x * x));
}
