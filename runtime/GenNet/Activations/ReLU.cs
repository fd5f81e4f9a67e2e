using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.Activations;

/// <summary>Rectified linear unit: <c>max(x, 0)</c>, derivative 1 where the output is positive, else 0.</summary>
public readonly struct ReLU : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y > T.Zero ? T.One : T.Zero;
}
