using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

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

    /// <inheritdoc />
    public static bool HasLaneForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Activate<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.SelectGreaterThan(x, TLanes.Create(T.Zero), x, TLanes.Create(T.Zero));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes DerivativeFromOutput<T, TLanes>(TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.SelectGreaterThan(y, TLanes.Create(T.Zero), TLanes.Create(T.One), TLanes.Create(T.Zero));
}
