using System;
using System.Numerics;

namespace GenNet.Networks;

/// <summary>
/// What a generated network offers for training with full-batch gradient descent, the blog's algorithm.
/// </summary>
/// <remarks>
/// The loss is the network's <see cref="NetworkArchitecture.Loss"/>; the blog's, <c>E = ½ Σ (output − target)²</c>
/// summed over rows and outputs, has the gradient the blog's <c>layer_1.T.dot(layer_2_delta)</c> computes. The error
/// these methods return is <see cref="Training.NetworkLoss.ReportedError{T}"/> of the same forward pass: the blog's
/// printed <c>mean(|output − target|)</c> for its loss, the loss itself for the others.
/// </remarks>
public interface ITrainableNetwork<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Computes <c>∂E/∂parameters</c> over all rows into <paramref name="gradient"/> (length
    /// <see cref="INetwork{T}.ParameterCount"/>, overwritten) and returns the reported error of this forward pass.
    /// The parameters are not changed.
    /// </summary>
    T ComputeGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient);

    /// <summary>
    /// One full-batch gradient-descent step: <c>parameters −= learningRate · ∂E/∂parameters</c>.
    /// Returns the reported error of the forward pass taken before the update (for the blog's loss, what the blog prints).
    /// </summary>
    T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}
