using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Activations;

/// <summary>
/// The logistic sigmoid of the blog: <c>σ(x) = 1 / (1 + e^(−x))</c>, derivative <c>σ·(1 − σ)</c>.
/// </summary>
/// <remarks>
/// Written exactly as numpy evaluates <c>1/(1+np.exp(-x))</c> and <c>output*(1-output)</c>, operation by operation,
/// so that double-precision results match the blog's to the last bits the exponential allows.
/// </remarks>
public readonly struct Sigmoid : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y * (T.One - y);
}
