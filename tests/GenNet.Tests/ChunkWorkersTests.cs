using System;
using System.Threading;
using System.Threading.Tasks;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests;

/// <summary>The dedicated threads behind multi-threaded training steps: every item once, failures surfaced, one caller at a time.</summary>
public sealed class ChunkWorkersTests
{
    // A team of this class's own: other test classes (ParallelGradient, batch-normalised image networks) run at the same
    // time and use the shared one, which refuses a second caller.
    private static readonly ChunkWorkers Team = ChunkWorkers.Create(2);

    private sealed class CountingJob(int items) : IChunkJob
    {
        public int[] Runs { get; } = new int[items];

        public void Run(int item) => Interlocked.Increment(ref Runs[item]);
    }

    private sealed class FailingJob(int failAt) : IChunkJob
    {
        public void Run(int item)
        {
            if (item == failAt)
            {
                throw new InvalidOperationException($"item {item} failed");
            }
        }
    }

    private sealed class ReentrantJob : IChunkJob
    {
        public int Refused;

        public void Run(int item)
        {
            if (!Team.TryRun(new CountingJob(2), 2, 2))
            {
                Interlocked.Increment(ref Refused);
            }
        }
    }

    [Fact]
    public void Every_item_runs_exactly_once_for_any_item_and_thread_count()
    {
        for (int round = 0; round < 50; round++)
        {
            foreach (int threads in new[] { 1, 2, 3, 16 })
            {
                int items = 1 + (round % 37);
                var job = new CountingJob(items);
                Assert.True(Team.TryRun(job, items, threads));
                Assert.All(job.Runs, runs => Assert.Equal(1, runs));
            }
        }
    }

    [Fact]
    public void An_items_exception_reaches_the_caller_and_the_team_keeps_working()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Team.TryRun(new FailingJob(failAt: 3), 8, 2));
        Assert.Equal("item 3 failed", failure.Message);

        var job = new CountingJob(8);
        Assert.True(Team.TryRun(job, 8, 2));
        Assert.All(job.Runs, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public void A_call_from_inside_an_item_is_refused_rather_than_deadlocked()
    {
        var job = new ReentrantJob();
        Assert.True(Team.TryRun(job, 4, 2));
        Assert.Equal(4, job.Refused);
    }

    [Fact]
    public void Concurrent_parallel_gradients_give_each_caller_its_own_bits()
    {
        // Two callers at once: one gets the team, the other the thread pool; both must match a gradient computed alone.
        (double[] x, double[] raw) = TestData.Batch(40, 3, rows: 600, seed: 5);
        var networks = new[] { new Net40x30x3(), new Net40x30x3() };
        networks[0].InitializeWeights(1);
        networks[1].InitializeWeights(2);
        double[][] expected = new double[2][];
        for (int n = 0; n < 2; n++)
        {
            expected[n] = new double[Net40x30x3.ParameterCount];
            ParallelGradient.Compute(networks[n], x, TestData.TargetsFor(networks[n], raw), expected[n], 2, chunkRows: 64);
        }

        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, n =>
        {
            double[] y = TestData.TargetsFor(networks[n], raw);
            double[] gradient = new double[Net40x30x3.ParameterCount];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                ParallelGradient.Compute(networks[n], x, y, gradient, 2, chunkRows: 64);
                Assert.Equal(expected[n], gradient);
            }
        });
    }
}
