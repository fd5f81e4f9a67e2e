using System;
using GenNet.Training;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// Training allocates its buffers once: a run of many steps allocates exactly as much as a run of few, for every option
/// that has a per-step cost (mini-batches, shuffling, validation, early stopping, L2, clipping, schedules, progress,
/// stateful optimizers, L-BFGS).
/// </summary>
public sealed class TrainingAllocationTests
{
    [Fact]
    public void The_blogs_full_batch_loop_allocates_nothing_per_step() =>
        AssertSteadyState(iterations => Trainer.Train(Network(), X, Y, new TrainingOptions<double> { Iterations = iterations, ReportEvery = 7 }, Progress));

    [Fact]
    public void Mini_batch_training_with_every_option_allocates_nothing_per_step() =>
        AssertSteadyState(iterations => Trainer.Train(
            Network(),
            X,
            Y,
            new TrainingOptions<double>
            {
                Iterations = iterations,
                BatchSize = 6,
                ShuffleSeed = 3,
                ValidationSplit = 0.25,
                Patience = 1_000_000,
                L2 = 1e-4,
                ClipValue = 1,
                ClipNorm = 2,
                Schedule = new CosineSchedule(50, restarts: true),
                ReportEvery = 5,
                ReportEveryEpochs = 2,
                LearningRate = 0.01,
            },
            new Adam(),
            Progress));

    [Fact]
    public void Lbfgs_allocates_nothing_per_iteration() =>
        AssertSteadyState(iterations => LbfgsTrainer.Train(
            Network(),
            X,
            Y,
            new LbfgsOptions<double> { MaxIterations = iterations, GradientTolerance = 0, LossTolerance = 0, ReportEvery = 3 },
            Progress));

    private static readonly (double[] Inputs, double[] Targets) Rows = TestData.Batch(Net5x7x3.InputCount, Net5x7x3.OutputCount, rows: 40, seed: 1);

    private static readonly ProgressCallback<TrainingProgress<double>> Progress = new(_ => { });

    private static double[] X => Rows.Inputs;

    private static double[] Y => Rows.Targets;

    private static Net5x7x3 Network()
    {
        var network = new Net5x7x3();
        network.InitializeWeights(1);
        return network;
    }

    /// <summary>
    /// A run of 200 steps allocates exactly what a run of 20 does. The pair is measured up to five times: the runtime
    /// itself may allocate once on this thread while a method tiers up or a type loads mid-run (seen once in CI), but a
    /// per-step allocation shows in every pair (180 extra steps), so one equal pair is required and enough.
    /// </summary>
    private static void AssertSteadyState(Func<int, TrainingResult<double>> train)
    {
        train(20); // JIT, tiering and static initialisation
        train(200);

        long fewBytes = 0, manyBytes = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            TrainingResult<double> few = train(20);
            fewBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            TrainingResult<double> many = train(200);
            manyBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(20, few.Iterations);
            Assert.Equal(200, many.Iterations);
            if (fewBytes == manyBytes)
            {
                return;
            }
        }

        Assert.Equal(fewBytes, manyBytes);
    }
}
