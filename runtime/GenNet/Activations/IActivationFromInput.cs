using System.Numerics;

namespace GenNet.Activations;

/// <summary>
/// An activation whose derivative needs its input, because the output alone does not determine it (SiLU, GELU and
/// Mish are not one-to-one). Generated networks keep each such layer's pre-activation <c>x</c> while training and call
/// <see cref="DerivativeFromInput{T}"/> instead of <see cref="IActivation.DerivativeFromOutput{T}"/>.
/// </summary>
/// <remarks>
/// Networks with such a layer train on the scalar path (numpy's order), as dropout and batch normalisation do; they
/// cannot be batch-normalised yet, and they have no ONNX operator. Check a new one with <see cref="ActivationCheck"/>.
/// </remarks>
public interface IActivationFromInput : IActivation
{
    /// <summary>f'(x), given the input x and the output y = f(x) (use whichever is cheaper).</summary>
    static abstract T DerivativeFromInput<T>(T x, T y) where T : IFloatingPointIeee754<T>;
}
