using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>One progress report: the blog's "Error after N iterations: E" line, with timing.</summary>
/// <param name="Iteration">The step whose forward pass measured <paramref name="Error"/> (0-based: weights after that many updates).</param>
/// <param name="Error">The step's reported error (for the blog's loss, mean absolute error over the batch); at the end
/// of an epoch, the mean over the epoch's rows.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="RowsPerSecond">Training throughput so far, in rows processed per second.</param>
public readonly record struct TrainingProgress<T>(int Iteration, T Error, TimeSpan Elapsed, double RowsPerSecond)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The 0-based epoch the step belongs to (with full batches, the same as <see cref="Iteration"/>).</summary>
    public int Epoch { get; init; }

    /// <summary>True for the report made at the end of an epoch (see <see cref="TrainingOptions{T}.ReportEveryEpochs"/>).</summary>
    public bool IsEpochEnd { get; init; }

    /// <summary>The learning rate of the step, after the schedule (NaN when the trainer has no single rate).</summary>
    public T LearningRate { get; init; } = T.NaN;

    /// <summary>
    /// True when the error has stayed above its starting value for <see cref="TrainingOptions{T}.DivergencePatience"/>
    /// epochs in a row up to this report: the blog's divergence (a learning rate far too large). Training goes on.
    /// </summary>
    public bool Diverging { get; init; }

    /// <summary>The error on the validation rows at the end of the latest finished epoch; NaN before the first one or
    /// when nothing is held out.</summary>
    public T ValidationError { get; init; } = T.NaN;
}
