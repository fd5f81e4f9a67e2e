using System;
using System.Numerics;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// An element-wise activation function. Generated networks call it through a <c>struct</c> type parameter
/// (<c>where TActivation : struct, IActivation</c>), so the JIT specialises the network on it: no virtual call,
/// and the function is usually inlined.
/// </summary>
/// <remarks>
/// The derivative is taken from the activation's <em>output</em>, as the blog does for the sigmoid
/// (<c>σ'(x) = σ(x)·(1 − σ(x))</c>): backpropagation then needs only the values kept from the forward pass.
/// <para>
/// An activation may also implement the lane forms, which compute a whole SIMD register at once (the fast path of
/// generated networks calls them through <c>ActivationLanes</c>). One that does not still works everywhere:
/// its scalar functions are applied lane by lane.
/// </para>
/// </remarks>
public interface IActivation
{
    /// <summary>f(x).</summary>
    static abstract T Activate<T>(T x) where T : IFloatingPointIeee754<T>;

    /// <summary>f'(x), expressed through the output y = f(x).</summary>
    static abstract T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T>;

    /// <summary>Whether this type implements <see cref="Activate{T, TLanes}"/> and <see cref="DerivativeFromOutput{T, TLanes}"/>.</summary>
    static virtual bool HasLaneForm => false;

    /// <summary>f(x) in every lane. Implement it together with <see cref="HasLaneForm"/>.</summary>
    static virtual TLanes Activate<T, TLanes>(TLanes x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        throw new NotSupportedException("This activation has no lane form; call it through ActivationLanes.");

    /// <summary>f'(x) from the output y = f(x) in every lane. Implement it together with <see cref="HasLaneForm"/>.</summary>
    static virtual TLanes DerivativeFromOutput<T, TLanes>(TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        throw new NotSupportedException("This activation has no lane form; call it through ActivationLanes.");
}
