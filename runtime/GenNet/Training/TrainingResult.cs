using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>What a training run did.</summary>
/// <param name="Iterations">Steps completed (updates applied).</param>
/// <param name="FinalError">The reported error of the last step's forward pass (NaN or infinite when the run diverged on it).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Canceled">True when a cancellation request stopped the run early (<see cref="Status"/> is then
/// <see cref="TrainingStatus.Canceled"/>).</param>
public readonly record struct TrainingResult<T>(int Iterations, T FinalError, TimeSpan Elapsed, bool Canceled)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Why the run ended.</summary>
    public TrainingStatus Status { get; init; }

    /// <summary>
    /// True when, at the end of the run, the error had stayed above its starting value for at least
    /// <see cref="TrainingOptions{T}.DivergencePatience"/> epochs in a row: the blog's divergence (its α = 1000 run,
    /// "hardlining at 0.5"). Unlike <see cref="TrainingStatus.Diverged"/> nothing became NaN and the run was not stopped.
    /// </summary>
    public bool Diverging { get; init; }

    /// <summary>With <see cref="Diverging"/>: the step (0-based iteration) at which the error rose above its start for
    /// good; −1 otherwise.</summary>
    public int DivergingSince { get; init; } = -1;

    /// <summary>Rows (training and validation) left out for holding NaN or infinity, with
    /// <see cref="TrainingOptions{T}.NonFiniteRows"/> = <see cref="NonFiniteRows.Skip"/>; 0 otherwise.</summary>
    public int SkippedRows { get; init; }

    /// <summary>Epochs completed.</summary>
    public int Epochs { get; init; }

    /// <summary>The validation error after the last finished epoch; NaN when nothing was held out.</summary>
    public T ValidationError { get; init; } = T.NaN;

    /// <summary>With early stopping: the best monitored error and the 0-based epoch that reached it (−1 without early stopping).</summary>
    public T BestError { get; init; } = T.NaN;

    /// <inheritdoc cref="BestError"/>
    public int BestEpoch { get; init; } = -1;
}
