using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Predicting while another thread trains (issue 13, item 8): readers take <c>Snapshot()</c>s, which hold the weights
/// of one whole step, and predict from them while the network goes on training.
/// </summary>
public sealed class PredictWhileTrainingTests
{
    [Fact]
    public async Task Snapshots_taken_during_TrainStep_each_hold_one_whole_step()
    {
        var network = new DeepTanhRegression();
        (double[] x, double[] y) = Infrastructure.TestData.Batch(DeepTanhRegression.InputCount, DeepTanhRegression.OutputCount, rows: 16, seed: 5);

        // The weights after every step, recorded by the training thread before it starts the next one.
        var steps = new List<double[]> { network.Parameters.ToArray() };
        var snapshots = new ConcurrentBag<(double[] Weights, double[] Prediction)>();
        using var done = new CancellationTokenSource();
        using var started = new CountdownEvent(3);
        // Dedicated threads (LongRunning), not pool work items: with the other test classes running in parallel on two
        // cores the pool can take longer than the wait below to start three items (CI once timed out here).
        Task[] readers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            var output = new double[DeepTanhRegression.OutputCount];
            bool signalled = false;
            while (!done.IsCancellationRequested)
            {
                DeepTanhRegression snapshot = network.Snapshot();
                snapshot.Predict(x.AsSpan(0, DeepTanhRegression.InputCount), output);
                snapshots.Add((snapshot.Parameters.ToArray(), output.ToArray()));
                if (!signalled)
                {
                    signalled = true;
                    started.Signal();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        // Train only once every reader is taking snapshots, so that they overlap the steps.
        Assert.True(started.Wait(TimeSpan.FromSeconds(120)), "the readers did not start");
        int before = snapshots.Count;
        for (int step = 0; step < 2000; step++)
        {
            network.TrainStep(x, y, 0.05);
            steps.Add(network.Parameters.ToArray());
        }

        done.Cancel();
        await Task.WhenAll(readers);

        Assert.True(snapshots.Count - before >= 3, $"only {snapshots.Count - before} snapshots were taken during training");
        var whole = new HashSet<string>(steps.Select(Key));
        var reference = new DeepTanhRegression();
        var expected = new double[DeepTanhRegression.OutputCount];
        foreach ((double[] weights, double[] prediction) in snapshots)
        {
            Assert.Contains(Key(weights), whole);
            weights.CopyTo(reference.Parameters);
            reference.Predict(x.AsSpan(0, DeepTanhRegression.InputCount), expected);
            Assert.Equal(expected, prediction);
        }
    }

    [Fact]
    public void A_snapshot_in_a_Trainer_progress_callback_is_immediate_and_current()
    {
        var network = new Net5x7x3();
        (double[] x, double[] y) = Infrastructure.TestData.Batch(5, 3, rows: 20, seed: 6);
        int taken = 0;
        var progress = new ProgressCallback<TrainingProgress<double>>(_ =>
        {
            Net5x7x3 snapshot = network.Snapshot();
            Assert.Equal(network.Parameters.ToArray(), snapshot.Parameters.ToArray());
            taken++;
        });

        Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 50, LearningRate = 0.1, ReportEvery = 10 }, progress);

        Assert.True(taken >= 5);
    }

    [Fact]
    public void Batch_normalised_snapshots_predict_as_the_network_does()
    {
        var network = new BatchNormRegression();
        (double[] x, double[] y) = Infrastructure.TestData.Batch(5, 3, rows: 12, seed: 7);
        for (int step = 0; step < 20; step++)
        {
            network.TrainStep(x, y, 0.05);
        }

        BatchNormRegression snapshot = network.Snapshot();
        var expected = new double[12 * 3];
        var actual = new double[12 * 3];
        network.PredictBatch(x, expected);
        snapshot.PredictBatch(x, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(network.RunningMean.ToArray(), snapshot.RunningMean.ToArray());
    }

    private static string Key(double[] weights) => string.Join(",", weights.Select(BitConverter.DoubleToInt64Bits));
}
