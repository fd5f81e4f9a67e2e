using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// Leaky rectified linear unit: <c>x</c> for positive x, else <c>0.01·x</c>. The output keeps the input's sign, so the
/// derivative (1 or 0.01) is known from the output alone.
/// </summary>
public readonly struct LeakyReLU : IActivation
{
    /// <summary>The slope for negative inputs.</summary>
    public const double NegativeSlope = 0.01;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.CreateTruncating(NegativeSlope) * x;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y > T.Zero ? T.One : T.CreateTruncating(NegativeSlope);

    /// <inheritdoc />
    public static bool HasLaneForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Activate<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.SelectGreaterThan(x, TLanes.Create(T.Zero), x, TLanes.Create(T.CreateTruncating(NegativeSlope)) * x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes DerivativeFromOutput<T, TLanes>(TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TLanes.SelectGreaterThan(y, TLanes.Create(T.Zero), TLanes.Create(T.One), TLanes.Create(T.CreateTruncating(NegativeSlope)));
}
