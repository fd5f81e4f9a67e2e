using System;
using System.Numerics;

namespace GenNet.Networks;

/// <summary>
/// What a generated network offers for training with full-batch gradient descent, the blog's algorithm.
/// </summary>
/// <remarks>
/// The loss is <c>E = ½ Σ (output − target)²</c> summed over rows and outputs; its gradient with respect to
/// the parameters is what the blog's <c>layer_1.T.dot(layer_2_delta)</c> computes. The error these methods
/// return is the blog's printed one, <c>mean(|output − target|)</c>, from the same forward pass.
/// </remarks>
public interface ITrainableNetwork<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Computes <c>∂E/∂parameters</c> over all rows into <paramref name="gradient"/> (length
    /// <see cref="INetwork{T}.ParameterCount"/>, overwritten) and returns the mean absolute error of this forward pass.
    /// The parameters are not changed.
    /// </summary>
    T ComputeGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient);

    /// <summary>
    /// One full-batch gradient-descent step: <c>parameters −= learningRate · ∂E/∂parameters</c>.
    /// Returns the mean absolute error of the forward pass taken before the update (what the blog prints).
    /// </summary>
    T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}
