using System;
using System.Numerics;
using System.Threading;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// Full-batch L-BFGS (Nocedal, 1980) with a strong-Wolfe line search (Nocedal and Wright, algorithms 3.5 and 3.6): a
/// quasi-Newton method that builds a curvature model from the last few steps, and on small problems converges in far
/// fewer iterations than gradient descent. For the blog's XOR network it needs tens of iterations where plain gradient
/// descent needs thousands.
/// </summary>
/// <remarks>
/// Each iteration evaluates the full-batch loss and gradient a few times, so it suits small data sets that fit one
/// batch. The loss must be a deterministic function of the weights: do not use it on networks with dropout. With batch
/// normalisation the loss is the training-mode one (batch statistics), every evaluation moves the running statistics
/// (as PyTorch's L-BFGS does in training mode), and the blog's <see cref="LossFunction.SumSquaredError"/> is refused
/// because its value would come from inference mode. Progress reports carry the chosen step length as
/// <see cref="TrainingProgress{T}.LearningRate"/>.
/// </remarks>
public static class LbfgsTrainer
{
    /// <summary>Minimises the network's loss on all the rows, updating its parameters in place.</summary>
    /// <param name="network">A generated network, starting from its current parameters.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="targets">As many rows of <see cref="INetwork{T}.OutputCount"/> values.</param>
    /// <param name="options">Iteration limit, history size, tolerances; <c>null</c> for the defaults.</param>
    /// <param name="progress">Receives a report every <see cref="LbfgsOptions{T}.ReportEvery"/> iterations.</param>
    /// <param name="observer">Sees every accepted iteration: its number (from 0), the error, the parameters and the
    /// gradient there, as <see cref="Trainer"/>'s observer sees every step.</param>
    /// <param name="cancellationToken">Stops the run between two iterations.</param>
    /// <returns>Iterations done, the final reported error, and why it stopped: <see cref="TrainingStatus.Converged"/>,
    /// <see cref="TrainingStatus.Completed"/> (iteration limit), <see cref="TrainingStatus.LineSearchFailed"/>,
    /// <see cref="TrainingStatus.Diverged"/> (the starting loss is not finite) or <see cref="TrainingStatus.Canceled"/>.
    /// The parameters are always left at the last accepted point.</returns>
    public static TrainingResult<T> Train<T>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        LbfgsOptions<T>? options = null,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new LbfgsOptions<T>();
        Validate(options);
        if (network.Architecture.BatchNormalization && network.Architecture.Loss == LossFunction.SumSquaredError)
        {
            throw new ArgumentException(
                "L-BFGS needs loss values consistent with its gradient; with batch normalisation use a loss other than SumSquaredError (MeanSquaredError or a cross-entropy).",
                nameof(network));
        }

        var objective = new NetworkObjective<T>(network, inputs, targets, options.L2);
        var run = new LbfgsRun<T>(network, objective, options, progress, observer);
        TrainingLock.Enter(network);
        try
        {
            return run.Run(cancellationToken);
        }
        finally
        {
            TrainingLock.Exit(network);
        }
    }

    private static void Validate<T>(LbfgsOptions<T> options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxIterations, "options.MaxIterations");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.History, "options.History");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLineSearchEvaluations, "options.MaxLineSearchEvaluations");
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportEvery, "options.ReportEvery");
        if (!(options.SufficientDecrease > 0 && options.SufficientDecrease < options.Curvature && options.Curvature < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"The line search needs 0 < SufficientDecrease < Curvature < 1; they are {options.SufficientDecrease} and {options.Curvature}.");
        }

        if (!(options.GradientTolerance >= T.Zero) || !(options.LossTolerance >= T.Zero) || !(options.TargetError >= T.Zero) || !(options.L2 >= T.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tolerances, TargetError and L2 must be zero or positive.");
        }
    }
}
