using System;
using System.Linq;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Threading;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// No stack overflow at any size the generator accepts: networks at the attribute's limits and at the emitter's own
/// (neurons in locals, weights in SIMD lanes) predict and train on a thread with a 256 KiB stack, a sixth of .NET's
/// default, first call (the JIT compiling on that thread) included. A stack overflow cannot be caught: it ends the test
/// process, which fails the run. Each network here is used by no other test, so its first call is the cold one.
/// </summary>
public sealed class StackBoundTests
{
    private const int StackBytes = 256 * 1024;

    [Fact]
    public void The_largest_network_fast_predicts_and_trains_on_a_small_stack() =>
        OnSmallStack(() => CheckMaximum(new MaximumFast()));

    [Fact]
    public void The_largest_network_in_numpy_order_predicts_and_trains_on_a_small_stack() =>
        OnSmallStack(() => CheckMaximum(new MaximumExact()));

    [Fact]
    public void Sixty_four_hidden_layers_predict_and_train_on_a_small_stack()
    {
        OnSmallStack(() => PredictAndTrain(new DeepestFast(), rows: 5, learningRate: 0.01));
        OnSmallStack(() => PredictAndTrain(new DeepestExact(), rows: 5, learningRate: 0.01));
    }

    [Fact]
    public void The_most_neurons_in_locals_and_in_lanes_predict_and_train_on_a_small_stack()
    {
        OnSmallStack(() => PredictAndTrain(new MostLocalsExact(), rows: 4, learningRate: 0.01));
        OnSmallStack(() => PredictAndTrain(new MostLanesFast(), rows: 19, learningRate: 0.01)); // 19 rows: every lane width
    }

    [Fact]
    public void The_trainer_runs_on_a_small_stack() =>
        OnSmallStack(() =>
        {
            var network = new MostLanesFast();
            (double[] x, double[] y) = TestData.Batch(1, 1, rows: 16, seed: 5);
            TrainingResult<double> result = Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 20, LearningRate = 0.01, BatchSize = 4 });
            Assert.Equal(TrainingStatus.Completed, result.Status);
        });

    // 65,536 → 128 → 65,536 in float: one row forward checked against an independent double computation of a few
    // outputs, then one training step that must lower the error on that row.
    private static void CheckMaximum<TNetwork>(TNetwork network)
        where TNetwork : ITrainableNetwork<float>
    {
        const int Inputs = 65536, Hidden = 128;
        var random = new Random(12);
        float[] x = Enumerable.Range(0, Inputs).Select(_ => (float)((random.NextDouble() - 0.5) / 64)).ToArray();
        float[] y = Enumerable.Range(0, Inputs).Select(_ => (float)random.NextDouble()).ToArray();
        var output = new float[Inputs];

        network.Predict(x, output);

        ReadOnlySpan<float> w = network.Parameters;
        var hidden = new double[Hidden];
        for (int i = 0; i < Inputs; i++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                hidden[j] += x[i] * (double)w[(i * Hidden) + j];
            }
        }

        for (int j = 0; j < Hidden; j++)
        {
            hidden[j] = 1 / (1 + Math.Exp(-hidden[j]));
        }

        foreach (int k in new[] { 0, 1, 4095, 40000, Inputs - 1 })
        {
            double sum = 0;
            for (int j = 0; j < Hidden; j++)
            {
                sum += hidden[j] * w[(Inputs * Hidden) + (j * Inputs) + k];
            }

            Assert.Equal(1 / (1 + Math.Exp(-sum)), output[k], 1e-4);
        }

        double before = MeanAbsoluteError(output, y);
        float reported = network.TrainStep(x, y, 0.001f);
        network.Predict(x, output);

        Assert.Equal(before, reported, 1e-5);
        Assert.True(MeanAbsoluteError(output, y) < before, "one step did not lower the error");
    }

    // Predict, PredictBatch, ComputeGradient and TrainStep: the reported error must match the outputs, and the step must
    // move every weight by exactly −learningRate · gradient.
    private static void PredictAndTrain<T>(ITrainableNetwork<T> network, int rows, double learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (double[] xs, double[] ys) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 3);
        T[] x = xs.Select(T.CreateTruncating).ToArray();
        T[] y = ys.Select(T.CreateTruncating).ToArray();
        var outputs = new T[y.Length];
        var one = new T[network.OutputCount];

        network.PredictBatch(x, outputs);
        network.Predict(x.AsSpan(0, network.InputCount), one);
        Assert.Equal(outputs.Take(network.OutputCount), one);

        var gradient = new T[network.ParameterCount];
        T reported = network.ComputeGradient(x, y, gradient);
        Assert.Equal(MeanAbsoluteError(outputs, y), double.CreateTruncating(reported), 1e-9);
        Assert.Contains(gradient, g => g != T.Zero);

        T[] before = network.Parameters.ToArray();
        T rate = T.CreateTruncating(learningRate);
        Assert.Equal(reported, network.TrainStep(x, y, rate));
        T[] expected = before.Select((p, i) => p - (rate * gradient[i])).ToArray();
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    private static double MeanAbsoluteError<T>(T[] outputs, T[] targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Math.Abs(double.CreateTruncating(outputs[i]) - double.CreateTruncating(targets[i]));
        }

        return sum / outputs.Length;
    }

    private static void OnSmallStack(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception error)
                {
                    failure = ExceptionDispatchInfo.Capture(error);
                }
            },
            StackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
