using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Activations;

/// <summary>
/// SiLU (swish), <c>x·σ(x)</c>, derivative <c>σ(x)·(1 + x·(1 − σ(x)))</c>. Smooth, unbounded above, with a small
/// negative dip; its derivative needs the input (<see cref="IActivationFromInput"/>).
/// </summary>
public readonly struct SiLU : IActivationFromInput
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => x / (T.One + T.Exp(-x));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromInput<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T sigmoid = T.One / (T.One + T.Exp(-x));
        return sigmoid * (T.One + (x * (T.One - sigmoid)));
    }

    /// <summary>Not defined: SiLU's output does not determine its input. Generated code calls <see cref="DerivativeFromInput{T}"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> =>
        throw new NotSupportedException("SiLU's derivative needs its input: call DerivativeFromInput(x, y).");
}
