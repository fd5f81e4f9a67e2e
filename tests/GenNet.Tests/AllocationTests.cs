using System;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>The hot paths allocate nothing once warm: checked with the thread's allocation counter.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(nameof(Net3x4x1))]
    [InlineData(nameof(Net40x30x3))]
    [InlineData(nameof(Net3x1100x1000))]
    public void Predict_and_training_allocate_nothing(string name)
    {
        ITrainableNetwork<double> network = name == nameof(Net3x1100x1000) ? new Net3x1100x1000() : GradientCheckTests.Create(name);
        (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows: 4, seed: 3);
        var outputs = new double[y.Length];
        var gradient = new double[network.ParameterCount];
        int calls = name == nameof(Net3x1100x1000) ? 5 : 1000;

        void Run()
        {
            for (int i = 0; i < calls; i++)
            {
                network.Predict(x.AsSpan(0, network.InputCount), outputs.AsSpan(0, network.OutputCount));
                network.PredictBatch(x, outputs);
                network.ComputeGradient(x, y, gradient);
                network.TrainStep(x, y, 0.1);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    [Theory]
    [InlineData(nameof(LanesXor), 4)]
    [InlineData(nameof(LanesXor), 37)]
    [InlineData(nameof(LanesSoftmax), 13)]
    [InlineData(nameof(LanesBceSingle), 21)]
    [InlineData(nameof(BlockedDeep), 5)]
    [InlineData(nameof(BlockedDeep), 300)]
    [InlineData(nameof(BlockedSoftmaxSingle), 64)]
    public void Fast_paths_allocate_nothing_at_any_batch_size(string name, int rows)
    {
        object network = name switch
        {
            nameof(LanesXor) => new LanesXor(),
            nameof(LanesSoftmax) => new LanesSoftmax(),
            nameof(LanesBceSingle) => new LanesBceSingle(),
            nameof(BlockedDeep) => new BlockedDeep(),
            _ => new BlockedSoftmaxSingle(),
        };
        Action run = network is ITrainableNetwork<float> single ? Workload(single, rows) : Workload((ITrainableNetwork<double>)network, rows);

        Assert.Equal(0, Allocations.SteadyState(run));
    }

    private static Action Workload<T>(ITrainableNetwork<T> network, int rows)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 3);
        T[] inputs = Array.ConvertAll(x, T.CreateTruncating);
        T[] targets = Array.ConvertAll(y, T.CreateTruncating);
        if (network.Architecture.Loss == LossFunction.CategoricalCrossEntropy)
        {
            // The loss takes distributions: one class per row.
            Array.Clear(targets);
            for (int row = 0; row < rows; row++)
            {
                targets[(row * network.OutputCount) + (row % network.OutputCount)] = T.One;
            }
        }

        var outputs = new T[targets.Length];
        var gradient = new T[network.ParameterCount];
        T learningRate = T.CreateTruncating(0.01);
        return () =>
        {
            for (int i = 0; i < 50; i++)
            {
                network.Predict(inputs.AsSpan(0, network.InputCount), outputs.AsSpan(0, network.OutputCount));
                network.PredictBatch(inputs, outputs);
                network.ComputeGradient(inputs, targets, gradient);
                network.TrainStep(inputs, targets, learningRate);
            }
        };
    }
}
