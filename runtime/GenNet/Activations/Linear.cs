using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Activations;

/// <summary>The identity: <c>f(x) = x</c>, derivative 1. For regression outputs.</summary>
public readonly struct Linear : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => x;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => T.One;
}
