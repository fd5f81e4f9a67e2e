using System;
using System.Numerics;
using System.Threading;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// Trains a generated network: the blog's full-batch gradient descent by default, or any <see cref="IOptimizer"/> with
/// mini-batches, a validation split, early stopping, L2 regularisation, gradient clipping, learning-rate schedules,
/// divergence detection, progress reports and cancellation (see <see cref="TrainingOptions{T}"/>).
/// </summary>
/// <remarks>
/// All buffers (gradient, optimizer state, batch copies, weight snapshots) are allocated once at the start; the steps
/// themselves allocate nothing (with <see cref="TrainingOptions{T}.MaxDegreeOfParallelism"/> above 1 each step's chunks
/// run on a team of dedicated threads that stay awake between steps; see <see cref="ParallelGradient"/>). With the default options every step is the network's fused
/// <see cref="ITrainableNetwork{T}.TrainStep"/>, so the blog's numbers come out bit for bit; the run checks the data's
/// values, the options and the training lock once, and calls the step's unchecked form
/// (<see cref="ITrainableNetwork{T}.TrainStepUnchecked"/>), which does not repeat those checks on every step.
/// </remarks>
public static class Trainer
{
    /// <summary>Trains with plain gradient descent (<see cref="Sgd"/>), the blog's optimizer.</summary>
    /// <inheritdoc cref="Train{T, TOptimizer}(ITrainableNetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, TrainingOptions{T}, TOptimizer, IProgress{TrainingProgress{T}}?, ITrainingObserver{T}?, CancellationToken)"/>
    public static TrainingResult<T> Train<T>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        TrainingOptions<T> options,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Train(network, inputs, targets, options, new Sgd(), progress, observer, cancellationToken);

    /// <summary>
    /// Trains <paramref name="network"/> on the rows of <paramref name="inputs"/> and <paramref name="targets"/>
    /// (row-major), holding out <see cref="TrainingOptions{T}.ValidationSplit"/> of them for validation: a seeded random
    /// subset, stratified by class for class targets, or the last rows (<see cref="TrainingOptions{T}.ValidationSplitMode"/>).
    /// </summary>
    /// <param name="network">A generated network; its parameters are updated in place.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="targets">As many rows of <see cref="INetwork{T}.OutputCount"/> values.</param>
    /// <param name="options">Steps or epochs, learning rate, batches and the rest.</param>
    /// <param name="optimizer">The update rule, e.g. <c>new Adam()</c>. A struct, so each rule gets its own compiled loop.</param>
    /// <param name="progress">Receives reports every <see cref="TrainingOptions{T}.ReportEvery"/> steps and every
    /// <see cref="TrainingOptions{T}.ReportEveryEpochs"/> epochs, synchronously on the training thread when it is a
    /// <see cref="ProgressCallback{T}"/>.</param>
    /// <param name="observer">Sees every step's gradient (after regularisation and clipping) before the update.</param>
    /// <param name="cancellationToken">Stops the run between two steps.</param>
    /// <returns>Steps done, final error, time, and why the run ended (<see cref="TrainingResult{T}.Status"/>).</returns>
    /// <exception cref="ArgumentException">Sizes or options are inconsistent (the message names the expected values), or a value
    /// of the data is NaN or infinite (the message names its row and column); nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training this network.</exception>
    public static TrainingResult<T> Train<T, TOptimizer>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        TrainingOptions<T> options,
        TOptimizer optimizer,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOptimizer : struct, IOptimizer
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        int skipped = CheckRows(network, options.NonFiniteRows, ref inputs, ref targets, nameof(inputs), nameof(targets));
        int rows = inputs.Length / network.InputCount;
        int validationRows = ValidationRows(rows, options.ValidationSplit, options.ValidationSplitMode);
        int trainingRows = rows - validationRows;
        ReadOnlySpan<T> trainingInputs = inputs[..(trainingRows * network.InputCount)];
        ReadOnlySpan<T> trainingTargets = targets[..(trainingRows * network.OutputCount)];
        ReadOnlySpan<T> validationInputs = inputs[(trainingRows * network.InputCount)..];
        ReadOnlySpan<T> validationTargets = targets[(trainingRows * network.OutputCount)..];
        if (validationRows > 0 && options.ValidationSplitMode == ValidationSplitMode.Shuffled)
        {
            bool[] held = ValidationSplitter.HeldOut(targets, network.OutputCount, rows, validationRows, options.ShuffleSeed);
            (T[] x, T[] y, T[] validationX, T[] validationY) =
                ValidationSplitter.Split(inputs, network.InputCount, targets, network.OutputCount, held, validationRows);
            trainingInputs = x;
            trainingTargets = y;
            validationInputs = validationX;
            validationTargets = validationY;
        }

        var run = new TrainingRun<T, TOptimizer>(
            network,
            trainingInputs,
            trainingTargets,
            validationInputs,
            validationTargets,
            options,
            optimizer,
            progress,
            observer);
        return Locked(network, ref run, cancellationToken) with { SkippedRows = skipped };
    }

    /// <summary>
    /// Trains on <paramref name="inputs"/>/<paramref name="targets"/> and measures the given validation rows after every
    /// epoch (for early stopping and progress). <see cref="TrainingOptions{T}.ValidationSplit"/> must be 0.
    /// </summary>
    /// <param name="network">A generated network; its parameters are updated in place.</param>
    /// <param name="inputs">Training rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="targets">As many rows of <see cref="INetwork{T}.OutputCount"/> values.</param>
    /// <param name="validationInputs">Held-out rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="validationTargets">Their targets.</param>
    /// <param name="options">Steps or epochs, learning rate, batches and the rest.</param>
    /// <param name="optimizer">The update rule, e.g. <c>new Adam()</c>.</param>
    /// <param name="progress">Receives the progress reports.</param>
    /// <param name="observer">Sees every step's gradient before the update.</param>
    /// <param name="cancellationToken">Stops the run between two steps.</param>
    /// <returns>Steps done, final error, time, and why the run ended.</returns>
    public static TrainingResult<T> Train<T, TOptimizer>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        ReadOnlySpan<T> validationInputs,
        ReadOnlySpan<T> validationTargets,
        TrainingOptions<T> options,
        TOptimizer optimizer,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOptimizer : struct, IOptimizer
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        int skipped = CheckRows(network, options.NonFiniteRows, ref inputs, ref targets, nameof(inputs), nameof(targets))
            + CheckRows(network, options.NonFiniteRows, ref validationInputs, ref validationTargets, nameof(validationInputs), nameof(validationTargets));
        if (options.ValidationSplit != 0)
        {
            throw new ArgumentException(
                $"Pass either validation rows or a ValidationSplit, not both; ValidationSplit is {options.ValidationSplit}.",
                nameof(options));
        }

        var run = new TrainingRun<T, TOptimizer>(network, inputs, targets, validationInputs, validationTargets, options, optimizer, progress, observer);
        return Locked(network, ref run, cancellationToken) with { SkippedRows = skipped };
    }

    // Sizes first (expected and actual named), then the values: NaN or infinity refuses the data, or with
    // NonFiniteRows.Skip narrows the spans to a copy of the finite rows; then the targets against the loss, once per run
    // (the unchecked steps do not repeat it). Returns how many rows were left out.
    private static int CheckRows<T>(
        ITrainableNetwork<T> network,
        NonFiniteRows policy,
        ref ReadOnlySpan<T> inputs,
        ref ReadOnlySpan<T> targets,
        string inputsName,
        string targetsName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (policy != NonFiniteRows.Skip)
        {
            Guard.TrainingRows(inputs, network.InputCount, targets, network.OutputCount, inputsName, targetsName);
            Guard.Targets(targets, network.OutputCount, network.Architecture.Loss, targetsName);
            return 0;
        }

        int rows = Guard.NonEmptyRows(inputs, network.InputCount, targets, network.OutputCount, inputsName, targetsName);
        int skipped = FiniteRowFilter.Filter(inputs, network.InputCount, targets, network.OutputCount, out inputs, out targets);
        if (skipped == rows)
        {
            throw new ArgumentException(
                $"Every one of the {rows} rows of {inputsName} and {targetsName} holds NaN or infinity; there is nothing left to train on.",
                inputsName);
        }

        Guard.Targets(targets, network.OutputCount, network.Architecture.Loss, targetsName);
        return skipped;
    }

    // The whole run holds the network's training lock: a second run, or a TrainStep, on another thread is refused
    // rather than corrupting this one. The fused steps inside (TrainStepUnchecked) only check that this thread holds it;
    // the other calls that take it (ComputeGradient of dropout and batch-normalised networks) nest on this thread.
    private static TrainingResult<T> Locked<T, TOptimizer>(ITrainableNetwork<T> network, ref TrainingRun<T, TOptimizer> run, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOptimizer : struct, IOptimizer
    {
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

    /// <summary>round(split × rows) rows; at least one when the split is positive, and at least one left to train on.</summary>
    private static int ValidationRows(int rows, double split, ValidationSplitMode mode)
    {
        if (mode is not (ValidationSplitMode.Shuffled or ValidationSplitMode.Last))
        {
            throw new ArgumentOutOfRangeException("options", mode, $"ValidationSplitMode must be Shuffled or Last; was {mode}.");
        }

        if (!(split >= 0 && split < 1))
        {
            throw new ArgumentOutOfRangeException("options", split, $"ValidationSplit must be in [0, 1); was {split}.");
        }

        if (split == 0)
        {
            return 0;
        }

        int validation = (int)Math.Round(rows * split, MidpointRounding.AwayFromZero);
        if (validation < 1 || validation >= rows)
        {
            throw new ArgumentException(
                $"ValidationSplit {split} of {rows} rows holds out {validation}; it must leave at least one row for validation and one for training.",
                "options");
        }

        return validation;
    }
}
