using System;
using System.Linq;
using GenNet.Training;
using GenNet;
using GenNet.Samples.Xor;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>Seeded shuffling is numpy's, and mini-batch training visits exactly the batches it says.</summary>
public sealed class ShufflingTests
{
    [Fact]
    public void Shuffle_reproduces_numpy_permutations()
    {
        // python3: np.random.seed(0); np.random.permutation(7)  and  np.random.seed(7); np.random.permutation(100000)
        Assert.Equal(new[] { 6, 2, 1, 3, 0, 5, 4 }, Permutation(seed: 0, 7));
        int[] large = Permutation(seed: 7, 100_000);
        Assert.Equal(new[] { 33909, 92307, 89107, 9538, 31008, 71305 }, large[..6]);
        Assert.Equal(new[] { 49689, 58564, 61615 }, large[^3..]);
    }

    [Fact]
    public void Repeated_shuffles_continue_numpys_stream()
    {
        // python3: np.random.seed(5); a = np.arange(10); np.random.shuffle(a); print(a); np.random.shuffle(a); print(a)
        var random = new NumpyRandom(5);
        int[] items = Enumerable.Range(0, 10).ToArray();
        random.Shuffle<int>(items);
        Assert.Equal(new[] { 9, 5, 2, 4, 7, 1, 0, 8, 6, 3 }, items);
        random.Shuffle<int>(items);
        Assert.Equal(new[] { 2, 1, 0, 4, 6, 5, 7, 8, 3, 9 }, items);
    }

    [Fact]
    public void Mini_batches_follow_numpys_shuffled_order_each_epoch()
    {
        // python3: np.random.seed(42); [np.random.permutation(4) for _ in range(3)]
        int[][] orders = { new[] { 1, 3, 0, 2 }, new[] { 1, 3, 0, 2 }, new[] { 3, 0, 1, 2 } };
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();

        var manual = new XorNet();
        manual.InitializeWeights(1);
        foreach (int[] order in orders)
        {
            for (int batch = 0; batch < 2; batch++)
            {
                int[] rows = order.Skip(2 * batch).Take(2).ToArray();
                manual.TrainStep(rows.SelectMany(r => x.Skip(3 * r).Take(3)).ToArray(), rows.Select(r => y[r]).ToArray(), 0.5);
            }
        }

        var trained = new XorNet();
        trained.InitializeWeights(1);
        var options = new TrainingOptions<double> { Epochs = 3, BatchSize = 2, ShuffleSeed = 42, LearningRate = 0.5, ReportEvery = 0 };
        TrainingResult<double> result = Trainer.Train(trained, x, y, options);

        Assert.Equal(6, result.Iterations);
        Assert.Equal(3, result.Epochs);
        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Without_shuffling_batches_are_consecutive_rows_and_the_last_one_is_short()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        var manual = new XorNet();
        manual.InitializeWeights(2);
        var state = new OptimizerState<double, Adam>(new Adam(), XorNet.ParameterCount);
        var gradient = new double[XorNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            manual.ComputeGradient(x.AsSpan(0, 9), y.AsSpan(0, 3), gradient);
            state.Update(manual.Parameters, gradient, 0.05);
            manual.ComputeGradient(x.AsSpan(9, 3), y.AsSpan(3, 1), gradient);
            state.Update(manual.Parameters, gradient, 0.05);
        }

        var trained = new XorNet();
        trained.InitializeWeights(2);
        var options = new TrainingOptions<double> { Epochs = 2, BatchSize = 3, Shuffle = false, LearningRate = 0.05, ReportEvery = 0 };
        Trainer.Train(trained, x, y, options, new Adam());

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        (double[] x, double[] y) = Infrastructure.TestData.Batch(3, 1, rows: 40, seed: 3);
        double[] Train(int seed)
        {
            var network = new XorNet();
            network.InitializeWeights(1);
            var options = new TrainingOptions<double> { Epochs = 5, BatchSize = 8, ShuffleSeed = seed, LearningRate = 0.3, ReportEvery = 0 };
            Trainer.Train(network, x, y, options, new Momentum());
            return network.Parameters.ToArray();
        }

        Assert.Equal(Train(11), Train(11));
        Assert.NotEqual(Train(11), Train(12));
    }

    private static int[] Permutation(int seed, int n)
    {
        int[] items = Enumerable.Range(0, n).ToArray();
        new NumpyRandom(seed).Shuffle<int>(items);
        return items;
    }
}
