using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>Hyperbolic tangent: <c>tanh(x)</c>, derivative <c>1 − y²</c>. Zero-centred, range (−1, 1).</summary>
public readonly struct Tanh : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => T.One - (y * y);

    /// <inheritdoc />
    public static bool HasLaneForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Activate<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        VectorTanh.Tanh<T, TLanes>(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes DerivativeFromOutput<T, TLanes>(TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.Create(T.One) - (y * y);
}
