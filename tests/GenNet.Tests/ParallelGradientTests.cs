using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests;

/// <summary>Multi-threaded gradients: the same bits for every thread count, and the serial gradient up to rounding.</summary>
public sealed class ParallelGradientTests
{
    [Theory]
    [InlineData(nameof(Net40x30x3))]
    [InlineData(nameof(LoopSoftmaxClassifier))]
    [InlineData(nameof(DeepTanhRegression))]
    public void Gradient_is_bit_identical_for_every_thread_count_and_matches_the_serial_one(string name)
    {
        ITrainableNetwork<double> network = GradientCheckTests.Create(name);
        network.InitializeWeights(2);
        (double[] x, double[] raw) = TestData.Batch(network.InputCount, network.OutputCount, rows: 1000, seed: 3);
        double[] y = TestData.TargetsFor(network, raw);

        double[] serial = new double[network.ParameterCount];
        double serialError = network.ComputeGradient(x, y, serial);

        double[]? first = null;
        double firstError = 0;
        foreach (int threads in new[] { 1, 2, 3, 8, -1 })
        {
            double[] gradient = new double[network.ParameterCount];
            double error = ParallelGradient.Compute(network, x, y, gradient, threads, chunkRows: 96);
            if (first is null)
            {
                first = gradient;
                firstError = error;
                continue;
            }

            Assert.Equal(first, gradient);
            Assert.Equal(firstError, error);
        }

        double scale = serial.Max(Math.Abs);
        for (int i = 0; i < serial.Length; i++)
        {
            Assert.True(Math.Abs(first![i] - serial[i]) <= 1e-12 * scale, $"parameter {i}: {first[i]:R} vs serial {serial[i]:R}");
        }

        Assert.Equal(serialError, firstError, 1e-12);
    }

    [Fact]
    public void One_chunk_is_the_serial_gradient_bit_for_bit()
    {
        var network = new Net5x7x3();
        (double[] x, double[] y) = TestData.Batch(5, 3, rows: 40, seed: 1);
        double[] serial = new double[Net5x7x3.ParameterCount], parallel = new double[Net5x7x3.ParameterCount];

        double a = network.ComputeGradient(x, y, serial);
        double b = ParallelGradient.Compute(network, x, y, parallel, maxDegreeOfParallelism: 4, chunkRows: 64);

        Assert.Equal(serial, parallel);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Networks_with_batch_normalisation_or_dropout_are_refused()
    {
        (double[] x, double[] y) = TestData.Batch(5, 3, rows: 600, seed: 1);
        var batchNorm = Assert.Throws<ArgumentException>(() => ParallelGradient.Compute(new BatchNormRegression(), x, y, new double[BatchNormRegression.ParameterCount]));
        Assert.Contains("batch normalisation", batchNorm.Message);

        (double[] x4, double[] y3) = TestData.Batch(4, 3, rows: 600, seed: 1);
        var dropout = Assert.Throws<ArgumentException>(() => ParallelGradient.Compute(new DropoutNet(), x4, y3, new double[DropoutNet.ParameterCount]));
        Assert.Contains("dropout", dropout.Message);
    }

    [Fact]
    public void Trainer_gives_the_same_weights_on_two_and_on_four_threads()
    {
        (double[] x, double[] y) = TestData.Batch(40, 3, rows: 2000, seed: 6);
        double[] Train(int threads)
        {
            var network = new Net40x30x3();
            var options = new TrainingOptions<double> { Iterations = 5, LearningRate = 0.001, ReportEvery = 0, MaxDegreeOfParallelism = threads };
            Trainer.Train(network, x, y, options);
            return network.Parameters.ToArray();
        }

        double[] two = Train(2);
        Assert.Equal(two, Train(4));
        Assert.NotEqual(new Net40x30x3().Parameters.ToArray(), two);
    }

    [Fact]
    public void GradientChunkRows_spreads_a_small_batch_and_fixes_the_bits_whatever_the_thread_count()
    {
        // 100 rows: one chunk of the default 256, so two threads give exactly the serial step; chunks of 16 rows give
        // 7 chunks whose sum is the same for 2 and 3 threads and equals the serial step up to rounding.
        (double[] x, double[] y) = TestData.Batch(40, 3, rows: 100, seed: 7);
        double[] Train(int threads, int chunkRows)
        {
            var network = new Net40x30x3();
            var options = new TrainingOptions<double>
            {
                Iterations = 3, LearningRate = 0.001, ReportEvery = 0, MaxDegreeOfParallelism = threads, GradientChunkRows = chunkRows,
            };
            Trainer.Train(network, x, y, options, new Momentum());
            return network.Parameters.ToArray();
        }

        double[] serial = Train(1, ParallelGradient.DefaultChunkRows);
        Assert.Equal(serial, Train(2, ParallelGradient.DefaultChunkRows));
        double[] chunked = Train(2, 16);
        Assert.Equal(chunked, Train(3, 16));
        Assert.NotEqual(serial, chunked);   // another order of sums: not the same bits …
        for (int i = 0; i < serial.Length; i++)
        {
            Assert.Equal(serial[i], chunked[i], 1e-9);   // … but the same step
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Train(2, 0));
    }
}
