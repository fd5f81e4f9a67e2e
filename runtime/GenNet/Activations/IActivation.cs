using System.Numerics;

namespace GenNet.Activations;

/// <summary>
/// An element-wise activation function. Generated networks call it through a <c>struct</c> type parameter
/// (<c>where TActivation : struct, IActivation</c>), so the JIT specialises the network on it: no virtual call,
/// and the function is usually inlined.
/// </summary>
/// <remarks>
/// The derivative is taken from the activation's <em>output</em>, as the blog does for the sigmoid
/// (<c>σ'(x) = σ(x)·(1 − σ(x))</c>): backpropagation then needs only the values kept from the forward pass.
/// </remarks>
public interface IActivation
{
    /// <summary>f(x).</summary>
    static abstract T Activate<T>(T x) where T : IFloatingPointIeee754<T>;

    /// <summary>f'(x), expressed through the output y = f(x).</summary>
    static abstract T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T>;
}
