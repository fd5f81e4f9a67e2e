using System;
using System.Diagnostics;
using System.Numerics;
using System.Threading;
using GenNet.Networks;
using GenNet.Numerics;

namespace GenNet.Training;

/// <summary>
/// Runs full-batch gradient descent on a generated network: the blog's training loop, with progress reports,
/// an optional per-step observer, and cancellation.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> on the rows of <paramref name="inputs"/> and <paramref name="targets"/>
    /// (row-major) for <see cref="TrainingOptions{T}.Iterations"/> steps.
    /// </summary>
    /// <param name="network">A generated network; its parameters are updated in place.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="targets">As many rows of <see cref="INetwork{T}.OutputCount"/> values.</param>
    /// <param name="options">Iterations, learning rate and report interval.</param>
    /// <param name="progress">Receives a report at every <see cref="TrainingOptions{T}.ReportEvery"/>-th iteration.</param>
    /// <param name="observer">Sees every step's gradient before it is applied.</param>
    /// <param name="cancellationToken">Stops the run between two steps.</param>
    public static TrainingResult<T> Train<T>(
        ITrainableNetwork<T> network,
        ReadOnlySpan<T> inputs,
        ReadOnlySpan<T> targets,
        TrainingOptions<T> options,
        IProgress<TrainingProgress<T>>? progress = null,
        ITrainingObserver<T>? observer = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReportEvery);
        Guard.LearningRate(options.LearningRate);
        int rows = Guard.NonEmptyRows(inputs, network.InputCount, targets, network.OutputCount);

        // Only the observed path needs a gradient buffer; the fused step keeps its own.
        T[]? gradient = observer is null ? null : new T[network.ParameterCount];
        long start = Stopwatch.GetTimestamp();
        T error = T.NaN;
        int iteration = 0;
        for (; iteration < options.Iterations; iteration++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new TrainingResult<T>(iteration, error, Stopwatch.GetElapsedTime(start), Canceled: true);
            }

            if (gradient is null)
            {
                error = network.TrainStep(inputs, targets, options.LearningRate);
            }
            else
            {
                error = network.ComputeGradient(inputs, targets, gradient);
                observer!.OnStep(iteration, error, network.Parameters, gradient);
                GradientDescent.Apply(network.Parameters, gradient, options.LearningRate);
            }

            if (progress is not null && options.ReportEvery > 0 && iteration % options.ReportEvery == 0)
            {
                TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                double rowsPerSecond = (iteration + 1.0) * rows / Math.Max(elapsed.TotalSeconds, 1e-9);
                progress.Report(new TrainingProgress<T>(iteration, error, elapsed, rowsPerSecond));
            }
        }

        return new TrainingResult<T>(iteration, error, Stopwatch.GetElapsedTime(start), Canceled: false);
    }
}
