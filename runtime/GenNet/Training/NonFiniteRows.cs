namespace GenNet.Training;

/// <summary>
/// What <see cref="Trainer"/> does with rows whose inputs or targets hold NaN or infinity (one such value would turn
/// every weight it reaches into NaN): <see cref="TrainingOptions{T}.NonFiniteRows"/>.
/// </summary>
public enum NonFiniteRows
{
    /// <summary>Refuse the data: an <see cref="System.ArgumentException"/> naming the first bad value's row and column,
    /// before the first step. The default, and what every direct training call (<c>TrainStep</c>,
    /// <c>ComputeGradient</c>, L-BFGS, annealing) does.</summary>
    Reject,

    /// <summary>Train on the finite rows only (copied once at the start) and report how many were left out in
    /// <see cref="TrainingResult{T}.SkippedRows"/>. Data with no finite row at all is still refused.</summary>
    Skip,
}
