using System;
using System.Collections.Generic;
using GenNet.Training;
using GenNet;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary><see cref="SequenceTrainer"/>: the mini-batch step it takes, and that its options act.</summary>
public sealed class SequenceTrainerTests
{
    // Sequences of the memory task: output the previous input.
    private static (List<double[]> Inputs, List<double[]> Targets) EchoTask(int count, int steps, int seed)
    {
        var random = new NumpyRandom(seed);
        var inputs = new List<double[]>();
        var targets = new List<double[]>();
        for (int s = 0; s < count; s++)
        {
            var x = new double[steps * 3];
            random.FillSymmetricUniform(x);
            var y = new double[steps * 2];
            for (int t = 1; t < steps; t++)
            {
                y[2 * t] = x[3 * (t - 1)];
                y[(2 * t) + 1] = x[(3 * (t - 1)) + 1];
            }

            inputs.Add(x);
            targets.Add(y);
        }

        return (inputs, targets);
    }

    [Fact]
    public void One_full_batch_step_is_the_mean_of_the_sequences_gradients_from_zero_states()
    {
        (List<double[]> x, List<double[]> y) = EchoTask(count: 3, steps: 6, seed: 1);
        var trained = new GruNet();
        var reference = new GruNet();
        trained.State.Fill(0.3);   // ignored: every sequence starts from zero

        TrainingResult<double> result = SequenceTrainer.Train(trained, x, y, new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1 });

        var mean = new double[GruNet.ParameterCount];
        var part = new double[GruNet.ParameterCount];
        double error = 0;
        for (int s = 0; s < 3; s++)
        {
            error += reference.ComputeSequenceGradient(x[s], y[s], part) / 3;
            for (int i = 0; i < part.Length; i++)
            {
                mean[i] += part[i] / 3;
            }
        }

        for (int i = 0; i < mean.Length; i++)
        {
            Assert.Equal(reference.Parameters[i] - (0.1 * mean[i]), trained.Parameters[i], 1e-14);
        }

        Assert.Equal(error, result.FinalError, 1e-14);
        Assert.Equal((1, TrainingStatus.Completed, 1), (result.Iterations, result.Status, result.Epochs));
        Assert.All(trained.State.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Adam_with_mini_batches_clipping_and_a_schedule_learns_the_task()
    {
        (List<double[]> x, List<double[]> y) = EchoTask(count: 24, steps: 12, seed: 2);
        var network = new GruNet();
        network.InitializeWeights(4);
        var options = new TrainingOptions<double>
        {
            Epochs = 60, BatchSize = 8, ShuffleSeed = 3, LearningRate = 0.02, ClipNorm = 1.0,
            Schedule = new ExponentialSchedule(0.999),
        };

        double before = SequenceTrainer.Train(network, x, y, options with { Epochs = 1, LearningRate = 1e-12 }).FinalError;
        TrainingResult<double> result = SequenceTrainer.Train(network, x, y, options, new Adam(), truncateAfter: 6);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(60 * 3, result.Iterations);
        Assert.True(result.FinalError < before / 5, $"{before} → {result.FinalError}");
    }

    [Fact]
    public void Early_stopping_restores_the_best_epoch_and_divergence_is_undone()
    {
        (List<double[]> x, List<double[]> y) = EchoTask(count: 20, steps: 8, seed: 5);
        var network = new GruNet();
        TrainingResult<double> result = SequenceTrainer.Train(network, x, y, new TrainingOptions<double>
        {
            Epochs = 500, LearningRate = 3.0, ValidationSplit = 0.25, Patience = 3, ShuffleSeed = 1,
        });

        Assert.Equal(TrainingStatus.EarlyStopped, result.Status);
        Assert.True(result.Epochs < 500);
        Assert.Equal(result.Epochs - 3, result.BestEpoch);

        // A learning rate that overflows the weights: the step that makes them infinite is undone and ends the run.
        var diverging = new GruNet();
        TrainingResult<double> diverged = SequenceTrainer.Train(diverging, x, y, new TrainingOptions<double> { Epochs = 50, LearningRate = 1e300 });
        Assert.Equal(TrainingStatus.Diverged, diverged.Status);
        Assert.True(diverged.Epochs < 50);
        Assert.All(diverging.Parameters.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Progress_reports_every_K_steps_and_every_epoch_with_the_errors_the_run_saw()
    {
        (List<double[]> x, List<double[]> y) = EchoTask(count: 12, steps: 5, seed: 7);
        var network = new GruNet();
        network.InitializeWeights(2);
        var reports = new List<TrainingProgress<double>>();
        var options = new TrainingOptions<double>
        {
            Epochs = 3, BatchSize = 4, LearningRate = 0.05, ReportEvery = 2, ReportEveryEpochs = 1,
            ValidationSplit = 0.25, Shuffle = false,
        };

        // Synchronous: Progress<T> would post to the thread pool and arrive late.
        TrainingResult<double> result = SequenceTrainer.Train(network, x, y, options, new Adam(), progress: new ProgressCallback<TrainingProgress<double>>(reports.Add));

        // 9 training sequences in batches of 4: 3 steps an epoch, 9 in all; step reports at 0, 2, 4, 6, 8 and one per epoch.
        Assert.Equal(9, result.Iterations);
        Assert.Equal(new[] { 0, 2, 4, 6, 8 }, reports.FindAll(p => !p.IsEpochEnd).ConvertAll(p => p.Iteration));
        List<TrainingProgress<double>> epochs = reports.FindAll(p => p.IsEpochEnd);
        Assert.Equal(new[] { 0, 1, 2 }, epochs.ConvertAll(p => p.Epoch));
        Assert.Equal(new[] { 2, 5, 8 }, epochs.ConvertAll(p => p.Iteration));
        Assert.Equal(result.FinalError, epochs[^1].Error, 1e-15);
        Assert.Equal(result.ValidationError, epochs[^1].ValidationError, 1e-15);
        Assert.All(reports, p => Assert.True(p.RowsPerSecond > 0 && p.LearningRate == 0.05));

        // Reports change nothing: the same run without them ends on the same weights.
        var quiet = new GruNet();
        quiet.InitializeWeights(2);
        SequenceTrainer.Train(quiet, x, y, options, new Adam());
        Assert.Equal(quiet.Parameters.ToArray(), network.Parameters.ToArray());
    }
}
