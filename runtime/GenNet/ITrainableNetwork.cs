using System;
using System.ComponentModel;
using System.Numerics;

namespace GenNet;

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

    /// <summary>
    /// <see cref="TrainStep"/> for a trainer that has checked the data and the learning rate once for a whole run and
    /// holds the network's training lock (<c>TrainingLock</c>): the same step, bit for bit, without scanning
    /// <paramref name="inputs"/> and <paramref name="targets"/> for NaN or infinity, without checking
    /// <paramref name="learningRate"/>, and without taking the lock again. <see cref="Training.Trainer"/> calls it in
    /// its loop; user code should call <see cref="TrainStep"/>.
    /// </summary>
    /// <remarks>
    /// Sizes are still checked, so the step never reads or writes outside the spans; and the calling thread must hold
    /// the training lock (<c>TrainingLock.Enter</c>), so two threads still cannot train the network at once.
    /// What it skips is the caller's promise: a NaN or infinite value, or a learning rate that is not positive and
    /// finite, is not refused and makes the weights NaN or infinite. Generated networks implement it explicitly; this
    /// default, for other implementations, is <see cref="TrainStep"/> itself.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans do not hold the same number (at least one) of whole rows.</exception>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the network's training lock.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    T TrainStepUnchecked(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        // The training lock is the network's monitor (CompilerServices.TrainingLock, which this contract does not use).
        if (!System.Threading.Monitor.IsEntered(this))
        {
            throw new InvalidOperationException(
                $"This step of {GetType().Name} skips the checks that TrainStep makes and must run inside TrainingLock.Enter/Exit " +
                "on the calling thread, as Trainer does; call TrainStep instead.");
        }

        return TrainStep(inputs, targets, learningRate);
    }
}
