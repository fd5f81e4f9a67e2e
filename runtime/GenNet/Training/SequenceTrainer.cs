using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using System.Threading;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// Trains a sequence network (<see cref="ISequenceNetwork{T}"/>) on many sequences with backpropagation through time,
/// with the options of <see cref="Trainer"/>: any optimizer, mini-batches of sequences, a learning-rate schedule, L2,
/// gradient clipping (by norm, which recurrent networks need, or by value), a validation split and early stopping.
/// </summary>
/// <remarks>
/// <para>Every sequence starts from a zero state (<see cref="ISequenceNetwork{T}.ResetState"/>); the state is zero again
/// when training ends. A step averages the gradients of <see cref="TrainingOptions{T}.BatchSize"/> sequences (0: every
/// training sequence), adds L2, clips, and hands the result to the optimizer at the scheduled learning rate. An epoch
/// visits every training sequence once, in an order reshuffled from <see cref="TrainingOptions{T}.ShuffleSeed"/> each
/// epoch when <see cref="TrainingOptions{T}.Shuffle"/> is on.</para>
/// <para>The run lasts <see cref="TrainingOptions{T}.Epochs"/> epochs when set, else <see cref="TrainingOptions{T}.Iterations"/>
/// steps. <see cref="TrainingOptions{T}.ValidationSplit"/> holds out round(split × sequences) sequences, the first of a
/// permutation drawn with ShuffleSeed; their reported error is measured after every epoch, and
/// <see cref="TrainingOptions{T}.Patience"/> stops the run after that many epochs without an improvement of more than
/// MinDelta, putting the best epoch's weights back (RestoreBestWeights). A step whose gradient or new weights are NaN or
/// infinite is undone and ends the run as <see cref="TrainingStatus.Diverged"/> (StopOnDivergence).</para>
/// <para>Progress goes to <c>progress</c> as <see cref="Trainer"/> reports it: the step's error at steps 0, K, 2K, …
/// (<see cref="TrainingOptions{T}.ReportEvery"/>) and, every <see cref="TrainingOptions{T}.ReportEveryEpochs"/> epochs,
/// the epoch's mean error with the validation error; <see cref="TrainingProgress{T}.RowsPerSecond"/> counts time steps
/// (rows of the sequences) trained per second.</para>
/// <para>Not used here: parallel gradients (a sequence network carries its state, so sequences of a batch run one after
/// another on the one instance), NonFiniteRows (non-finite values are refused up front) and the blog's divergence
/// watch.</para>
/// <para>Buffers are allocated once per run, each network's BPTT history once per longest sequence: the steps allocate
/// nothing.</para>
/// </remarks>
public static class SequenceTrainer
{
    /// <summary>Trains with plain gradient descent (<see cref="Sgd"/>).</summary>
    /// <inheritdoc cref="Train{T, TOptimizer}(ISequenceNetwork{T}, IReadOnlyList{T[]}, IReadOnlyList{T[]}, TrainingOptions{T}, TOptimizer, int, IProgress{TrainingProgress{T}}, CancellationToken)"/>
    public static TrainingResult<T> Train<T>(
        ISequenceNetwork<T> network,
        IReadOnlyList<T[]> sequences,
        IReadOnlyList<T[]> targets,
        TrainingOptions<T> options,
        int truncateAfter = 0,
        IProgress<TrainingProgress<T>>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Train(network, sequences, targets, options, new Sgd(), truncateAfter, progress, cancellationToken);

    /// <summary>Trains <paramref name="network"/> on <paramref name="sequences"/> (see the remarks).</summary>
    /// <param name="network">The network; its parameters are trained in place.</param>
    /// <param name="sequences">Each a sequence: rows of InputCount values.</param>
    /// <param name="targets">For each sequence, one row of OutputCount targets per step.</param>
    /// <param name="options">Epochs or iterations, learning rate, batch size, schedule, clipping, validation, patience.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="truncateAfter">0 for full BPTT, k for windows of k steps (see <see cref="ISequenceNetwork{T}.ComputeSequenceGradient"/>).</param>
    /// <param name="progress">Receives the reports described in the remarks; null for none.</param>
    /// <param name="cancellationToken">Ends the run after the current step, as <see cref="TrainingStatus.Canceled"/>.</param>
    /// <exception cref="ArgumentException">No sequences, counts that differ, a sequence whose targets do not match its
    /// length, or a NaN or infinite value.</exception>
    public static TrainingResult<T> Train<T, TOptimizer>(
        ISequenceNetwork<T> network,
        IReadOnlyList<T[]> sequences,
        IReadOnlyList<T[]> targets,
        TrainingOptions<T> options,
        TOptimizer optimizer,
        int truncateAfter = 0,
        IProgress<TrainingProgress<T>>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOptimizer : struct, IOptimizer
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(truncateAfter);
        Guard.LearningRate(options.LearningRate);
        if (sequences.Count == 0 || sequences.Count != targets.Count)
        {
            throw new ArgumentException($"Expected as many target sequences as input sequences (at least one); got {sequences.Count} and {targets.Count}.", nameof(targets));
        }

        int longest = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            longest = Math.Max(longest, Guard.TrainingRows<T>(sequences[s], network.InputCount, targets[s], network.OutputCount, $"sequences[{s}]", $"targets[{s}]"));
        }

        // Which sequences train and which validate.
        int[] order = new int[sequences.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new NumpyRandom(options.ShuffleSeed);
        int validation = options.ValidationSplit > 0 ? (int)Math.Round(options.ValidationSplit * sequences.Count) : 0;
        if (validation > 0)
        {
            random.Shuffle<int>(order);
            if (validation >= sequences.Count)
            {
                throw new ArgumentException($"ValidationSplit {options.ValidationSplit} holds out all {sequences.Count} sequences; none would train.", nameof(options));
            }
        }

        int[] validationSet = order[..validation];
        int[] training = order[validation..];
        int batchSize = options.BatchSize <= 0 ? training.Length : Math.Min(options.BatchSize, training.Length);
        int stepsPerEpoch = (training.Length + batchSize - 1) / batchSize;

        var state = new OptimizerState<T, TOptimizer>(optimizer, network.ParameterCount);
        var gradient = new T[network.ParameterCount];
        var part = new T[network.ParameterCount];
        var before = new T[network.ParameterCount];
        T[]? best = validation > 0 && options.Patience > 0 ? new T[network.ParameterCount] : null;
        var outputs = new T[longest * network.OutputCount];
        network.ReserveSequence(longest);

        var clock = Stopwatch.StartNew();
        long iteration = 0, steps = 0;
        int epoch = 0, bestEpoch = -1, sinceBest = 0;
        T error = T.NaN, validationError = T.NaN, bestError = T.NaN;
        TrainingStatus status = TrainingStatus.Completed;
        while (status == TrainingStatus.Completed && (options.Epochs is int epochs ? epoch < epochs : iteration < options.Iterations))
        {
            if (options.Shuffle && epoch > 0)
            {
                random.Shuffle<int>(training);
            }

            T epochError = T.Zero;
            for (int first = 0; first < training.Length; first += batchSize)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    status = TrainingStatus.Canceled;
                    break;
                }

                if (options.Epochs is null && iteration >= options.Iterations)
                {
                    break;
                }

                // The batch's mean gradient and reported error, each sequence from a zero state.
                int count = Math.Min(batchSize, training.Length - first);
                Array.Clear(gradient);
                T batchError = T.Zero;
                for (int k = 0; k < count; k++)
                {
                    int s = training[first + k];
                    steps += sequences[s].Length / network.InputCount;
                    network.ResetState();
                    batchError += network.ComputeSequenceGradient(sequences[s], targets[s], part, truncateAfter);
                    for (int i = 0; i < gradient.Length; i++)
                    {
                        gradient[i] += part[i];
                    }
                }

                T mean = T.One / T.CreateChecked(count);
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] *= mean;
                }

                error = batchError * mean;
                epochError += error;
                if (options.L2 != T.Zero)
                {
                    Regularization.AddL2<T>(gradient, network.Parameters, options.L2);
                }

                if (options.ClipValue is T limit)
                {
                    GradientClipping.ByValue<T>(gradient, limit);
                }

                if (options.ClipNorm is T norm)
                {
                    GradientClipping.ByNorm<T>(gradient, norm);
                }

                network.Parameters.CopyTo(before);
                double factor = options.Schedule?.Factor(iteration, epoch) ?? 1;
                T learningRate = options.LearningRate * T.CreateChecked(factor);
                bool finite = T.IsFinite(error) && Finite(gradient);
                if (progress is not null && options.ReportEvery > 0 && iteration % options.ReportEvery == 0)
                {
                    progress.Report(Progress(iteration, epoch, error, learningRate, isEpochEnd: false, validationError, clock.Elapsed, steps));
                }

                state.Update(network.Parameters, gradient, learningRate);
                iteration++;
                if (options.StopOnDivergence && !(finite && Finite(network.Parameters)))
                {
                    before.CopyTo(network.Parameters);
                    status = TrainingStatus.Diverged;
                    break;
                }
            }

            if (status != TrainingStatus.Completed)
            {
                break;
            }

            epoch++;
            error = epochError / T.CreateChecked(stepsPerEpoch);
            if (validation > 0)
            {
                validationError = ValidationError(network, sequences, targets, validationSet, outputs);
            }

            if (progress is not null && options.ReportEveryEpochs > 0 && epoch % options.ReportEveryEpochs == 0)
            {
                T learningRate = options.LearningRate * T.CreateChecked(options.Schedule?.Factor(Math.Max(iteration - 1, 0), epoch - 1) ?? 1);
                progress.Report(Progress(iteration - 1, epoch - 1, error, learningRate, isEpochEnd: true, validationError, clock.Elapsed, steps));
            }

            if (validation == 0)
            {
                continue;
            }

            if (bestEpoch < 0 || validationError < bestError - options.MinDelta)
            {
                bestError = validationError;
                bestEpoch = epoch;
                sinceBest = 0;
                if (best is not null)
                {
                    network.Parameters.CopyTo(best);
                }
            }
            else if (options.Patience > 0 && ++sinceBest >= options.Patience)
            {
                status = TrainingStatus.EarlyStopped;
                if (best is not null && options.RestoreBestWeights)
                {
                    best.CopyTo(network.Parameters);
                }
            }
        }

        network.ResetState();
        return new TrainingResult<T>((int)Math.Min(iteration, int.MaxValue), error, clock.Elapsed, status == TrainingStatus.Canceled)
        {
            Status = status,
            Epochs = epoch,
            ValidationError = validationError,
            BestError = bestError,
            BestEpoch = bestEpoch,
        };
    }

    /// <summary>The validation sequences' mean reported error, each from a zero state.</summary>
    private static T ValidationError<T>(ISequenceNetwork<T> network, IReadOnlyList<T[]> sequences, IReadOnlyList<T[]> targets, int[] validationSet, T[] outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (int s in validationSet)
        {
            network.ResetState();
            Span<T> predicted = outputs.AsSpan(0, targets[s].Length);
            network.PredictSequence(sequences[s], predicted);
            sum += NetworkLoss.ReportedError<T>(network.Architecture.Loss, predicted, targets[s], network.OutputCount);
        }

        return sum / T.CreateChecked(validationSet.Length);
    }

    private static TrainingProgress<T> Progress<T>(long iteration, int epoch, T error, T learningRate, bool isEpochEnd, T validationError, TimeSpan elapsed, long steps)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new((int)Math.Min(iteration, int.MaxValue), error, elapsed, steps / Math.Max(elapsed.TotalSeconds, 1e-9))
        {
            Epoch = epoch,
            IsEpochEnd = isEpochEnd,
            LearningRate = learningRate,
            ValidationError = validationError,
        };

    private static bool Finite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (T value in values)
        {
            if (!T.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
