namespace GenNet.Training;

/// <summary>Why a training run ended.</summary>
public enum TrainingStatus
{
    /// <summary>It ran every iteration or epoch it was given.</summary>
    Completed = 0,

    /// <summary>A cancellation request stopped it between two steps.</summary>
    Canceled = 1,

    /// <summary>Early stopping: the monitored error stopped improving for <see cref="TrainingOptions{T}.Patience"/> epochs.</summary>
    EarlyStopped = 2,

    /// <summary>A step produced a NaN or infinite error, gradient or weight; the weights are those from before that step.</summary>
    Diverged = 3,

    /// <summary>An optimizer with its own stopping test (L-BFGS's gradient and loss tolerances, a target error) met it.</summary>
    Converged = 4,

    /// <summary>L-BFGS found no step that decreases the loss (often: converged as far as the precision allows).</summary>
    LineSearchFailed = 5,
}
