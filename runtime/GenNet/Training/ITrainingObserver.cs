using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// Sees every gradient-descent step: the gradient computed and the parameters before it is applied.
/// Used for diagnostics such as the blog's "update direction changes"; see <see cref="DirectionChangeCounter{T}"/>.
/// </summary>
/// <remarks>Attaching an observer makes <see cref="Trainer"/> compute the gradient separately from the update,
/// which is slower than the fused step but gives bit-identical weights.</remarks>
public interface ITrainingObserver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Called once per iteration, before the update is applied.</summary>
    /// <param name="iteration">0-based iteration.</param>
    /// <param name="error">The reported error of this iteration's forward pass (mean absolute error for the blog's loss).</param>
    /// <param name="parameters">The parameters before the update.</param>
    /// <param name="gradient"><c>∂E/∂parameters</c> of the step's batch, after L2 regularisation and clipping: what the
    /// optimizer receives. With plain gradient descent the update about to be applied is <c>−learningRate · gradient</c>.</param>
    void OnStep(int iteration, T error, ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradient);
}
