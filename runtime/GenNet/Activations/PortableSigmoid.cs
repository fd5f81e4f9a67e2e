using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// The logistic sigmoid <c>σ(x) = 1 / (1 + e^(−x))</c> with <see cref="PortableMath.Exp"/>, which gives the same bits
/// on every machine. With <see cref="NetworkArithmetic.NumpyCompatible"/> (scalar, no fused multiply-add, fixed order)
/// a network of these, <see cref="PortableTanh"/>, <see cref="ReLU"/>, <see cref="LeakyReLU"/> and <see cref="Linear"/> layers trains to the same
/// weights, bit for bit, on any machine. <see cref="Sigmoid"/> uses the platform's <c>exp</c> and reproduces numpy's
/// numbers on the machine at hand instead.
/// </summary>
/// <remarks>In float the exponential is taken in double and rounded once, so float networks are reproducible too.</remarks>
public readonly struct PortableSigmoid : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? T.One / (T.One + T.CreateTruncating(PortableMath.Exp(-double.CreateTruncating(x))))
            : T.CreateTruncating(1.0 / (1.0 + PortableMath.Exp(-double.CreateTruncating(x))));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y * (T.One - y);
}
