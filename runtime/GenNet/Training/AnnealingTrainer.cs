using System;
using System.Diagnostics;
using System.Numerics;
using System.Threading;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Numerics;
using GenNet.Training;

namespace GenNet.Training;

/// <summary>
/// Simulated annealing (Kirkpatrick, Gelatt and Vecchi, 1983), the first optimizer of the blog's list, as Heaton applies
/// it to network weights: perturb every weight at random, keep the move if the loss falls, and also, with probability
/// <c>exp(−ΔE / temperature)</c>, if it rises; cool the temperature and shrink the moves step by step.
/// </summary>
/// <remarks>
/// It uses no gradient, only forward passes, so it can climb out of the local minima that trap gradient descent (the
/// blog's "Problem 2"); it is slow to polish a solution, so a common use is a short anneal followed by
/// <see cref="Trainer"/> or <see cref="LbfgsTrainer"/>. The network ends with the best weights seen. Deterministic per seed.
/// </remarks>
public static class AnnealingTrainer
{
    /// <summary>Anneals the network's weights on all the rows, starting from its current parameters.</summary>
    /// <param name="network">A generated network; it ends with the best weights found.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="targets">As many rows of <see cref="INetwork{T}.OutputCount"/> values.</param>
    /// <param name="options">Temperatures, moves and seed; <c>null</c> for the defaults.</param>
    /// <param name="progress">Receives the best error every <see cref="AnnealingOptions{T}.ReportEvery"/> cycles,
    /// with the temperature as <see cref="TrainingProgress{T}.LearningRate"/>.</param>
    /// <param name="observer">Sees every move: its number (from 0), the error of the weights tried and those weights; the
    /// gradient span is empty (annealing computes none).</param>
    /// <param name="cancellationToken">Stops the run between two moves (the best weights are still restored).</param>
    /// <returns>Moves tried (as iterations), cycles done (as epochs), the best reported error and the status.</returns>
    public static TrainingResult<T> Train<T>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        AnnealingOptions<T>? options = null,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new AnnealingOptions<T>();
        Validate(options);
        var objective = new NetworkObjective<T>(network, inputs, targets, T.Zero);
        TrainingLock.Enter(network);
        try
        {
            long start = Stopwatch.GetTimestamp();
            var random = new NumpyRandom(options.Seed);
            Span<T> parameters = network.Parameters;
            T[] current = parameters.ToArray();
            T[] best = parameters.ToArray();
            double energy = double.CreateTruncating(objective.Loss(out T bestError));
            double bestEnergy = energy;

            int moves = 0;
            int cycle = 0;
            var status = TrainingStatus.Completed;
            for (; cycle < options.Cycles && status == TrainingStatus.Completed; cycle++)
            {
                double temperature = Temperature(options, cycle);
                T amplitude = T.CreateTruncating(options.StepSize * temperature / options.StartTemperature);
                for (int move = 0; move < options.MovesPerCycle; move++, moves++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        status = TrainingStatus.Canceled;
                        break;
                    }

                    // w = current + amplitude·u, u uniform in [−1, 1) per weight
                    for (int i = 0; i < parameters.Length; i++)
                    {
                        parameters[i] = current[i] + (amplitude * T.CreateTruncating((2 * random.NextDouble()) - 1));
                    }

                    double candidate = double.CreateTruncating(objective.Loss(out T error));
                    if (candidate <= energy || random.NextDouble() < PortableMath.Exp(-(candidate - energy) / temperature))
                    {
                        parameters.CopyTo(current);
                        energy = candidate;
                    }

                    observer?.OnStep(moves, error, parameters, ReadOnlySpan<T>.Empty);
                    if (candidate < bestEnergy)
                    {
                        parameters.CopyTo(best);
                        bestEnergy = candidate;
                        bestError = error;
                        if (bestError <= options.TargetError)
                        {
                            status = TrainingStatus.Converged;
                            moves++;
                            break;
                        }
                    }
                }

                if (progress is not null && options.ReportEvery > 0 && (cycle + 1) % options.ReportEvery == 0)
                {
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                    double rowsPerSecond = (double)moves * objective.Rows / Math.Max(elapsed.TotalSeconds, 1e-9);
                    progress.Report(new TrainingProgress<T>(moves - 1, bestError, elapsed, rowsPerSecond)
                    {
                        Epoch = cycle,
                        IsEpochEnd = true,
                        LearningRate = T.CreateTruncating(temperature),
                    });
                }
            }

            best.CopyTo(parameters);
            return new TrainingResult<T>(moves, bestError, Stopwatch.GetElapsedTime(start), status == TrainingStatus.Canceled)
            {
                Status = status,
                Epochs = status == TrainingStatus.Completed ? cycle : cycle - 1,
            };
        }
        finally
        {
            TrainingLock.Exit(network);
        }
    }

    /// <summary>Geometric cooling: <c>T_c = T_start · (T_end / T_start)^(c / (cycles − 1))</c>, as exp and log of
    /// <see cref="PortableMath"/> so that the temperatures (and the moves accepted) are the same on every machine.</summary>
    private static double Temperature<T>(AnnealingOptions<T> options, int cycle) where T : unmanaged, IFloatingPointIeee754<T> =>
        options.Cycles == 1
            ? options.StartTemperature
            : options.StartTemperature * PortableMath.Exp(
                (double)cycle / (options.Cycles - 1) * PortableMath.Log(options.EndTemperature / options.StartTemperature));

    private static void Validate<T>(AnnealingOptions<T> options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Cycles, "options.Cycles");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MovesPerCycle, "options.MovesPerCycle");
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportEvery, "options.ReportEvery");
        if (!(options.StartTemperature > 0 && options.EndTemperature > 0 && options.EndTemperature <= options.StartTemperature
            && double.IsFinite(options.StartTemperature)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"Temperatures must satisfy 0 < EndTemperature <= StartTemperature < ∞; they are {options.StartTemperature} and {options.EndTemperature}.");
        }

        if (!(options.StepSize > 0 && double.IsFinite(options.StepSize)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StepSize, $"StepSize must be positive and finite; was {options.StepSize}.");
        }
    }
}
