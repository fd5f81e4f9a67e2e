using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// The hyperbolic tangent with <see cref="PortableMath.Tanh"/>, which gives the same bits on every machine; derivative
/// <c>1 − y²</c>. With <see cref="NetworkArithmetic.NumpyCompatible"/> it belongs to the activations whose networks
/// train to the same weights on any machine (see <see cref="PortableSigmoid"/>). <see cref="Tanh"/> uses the
/// platform's <c>tanh</c> instead.
/// </summary>
/// <remarks>In float the tangent is taken in double and rounded once, so float networks are reproducible too.</remarks>
public readonly struct PortableTanh : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(PortableMath.Tanh(double.CreateTruncating(x)));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => T.One - (y * y);
}
