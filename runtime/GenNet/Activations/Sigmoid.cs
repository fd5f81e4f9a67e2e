using System.Numerics;
using System.Runtime.CompilerServices;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// The logistic sigmoid of the blog: <c>σ(x) = 1 / (1 + e^(−x))</c>, derivative <c>σ·(1 − σ)</c>.
/// </summary>
/// <remarks>
/// Written exactly as numpy evaluates <c>1/(1+np.exp(-x))</c> and <c>output*(1-output)</c>, operation by operation,
/// so that double-precision results match the blog's to the last bits the exponential allows. The lane form is the
/// same formula on a register, with the BCL's vector exponential (which may differ from <c>Math.Exp</c> in the last bit).
/// </remarks>
public readonly struct Sigmoid : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y * (T.One - y);

    /// <inheritdoc />
    public static bool HasLaneForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Activate<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes one = TLanes.Create(T.One);
        return one / (one + TLanes.Exp(-x));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes DerivativeFromOutput<T, TLanes>(TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        y * (TLanes.Create(T.One) - y);
}
