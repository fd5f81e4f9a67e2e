using System;
using System.Linq;
using GenNet;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>
/// The fast path (NetworkArithmetic.Fast) against the scalar numpy-order path of the same network, at batch sizes that
/// fill no register exactly, and the property that a row's outputs do not depend on the rows predicted with it.
/// Gradients are also checked against finite differences (here and in GradientCheckTests, whose networks are Fast).
/// </summary>
public sealed class FastPathTests
{
    public static TheoryData<string> Pairs => new() { "LanesXor", "LanesDeep", "LanesSoftmax", "LanesBceSingle", "BlockedDeep", "BlockedSoftmaxSingle", "BlockedSse" };

    private static readonly int[] RowCounts = { 1, 3, 4, 5, 8, 13, 16, 37 };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Fast_path_agrees_with_the_numpy_order_path(string name)
    {
        if (name.EndsWith("Single", StringComparison.Ordinal))
        {
            Agree(Create<float>(name), Create<float>(name + "Exact"), tolerance: 2e-5);
        }
        else
        {
            Agree(Create<double>(name), Create<double>(name + "Exact"), tolerance: 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_rows_outputs_do_not_depend_on_its_batch(string name)
    {
        if (name.EndsWith("Single", StringComparison.Ordinal))
        {
            RowsIndependent(Create<float>(name));
        }
        else
        {
            RowsIndependent(Create<double>(name));
        }
    }

    [Theory]
    [InlineData("LanesDeep")]
    [InlineData("LanesSoftmax")]
    [InlineData("BlockedSse")] // smooth activations only: a difference step across a ReLU kink is not a derivative
    public void Fast_gradient_matches_central_differences(string name)
    {
        ITrainableNetwork<double> network = Create<double>(name);
        network.InitializeWeights(5);
        (double[] x, double[] y) = Batch(network, rows: 11, seed: 6);
        if (name == "LanesSoftmax")
        {
            OneHot(y, network.OutputCount);
        }

        var gradient = new double[network.ParameterCount];
        network.ComputeGradient(x, y, gradient);
        double floor = 1e-3 * gradient.Max(Math.Abs);
        for (int k = 0; k < network.ParameterCount; k += Math.Max(1, network.ParameterCount / 150))
        {
            double original = network.Parameters[k];
            double h = 1e-3 * Math.Max(1, Math.Abs(original));
            double LossAt(double offset)
            {
                network.Parameters[k] = original + offset;
                return Infrastructure.TestData.Loss(network, x, y);
            }

            double numeric = (LossAt(-2 * h) - (8 * LossAt(-h)) + (8 * LossAt(h)) - LossAt(2 * h)) / (12 * h);
            network.Parameters[k] = original;
            double relative = Math.Abs(numeric - gradient[k]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(gradient[k])), floor);
            Assert.True(relative < 1e-6, $"parameter {k}: analytic {gradient[k]:R}, numeric {numeric:R}");
        }
    }

    private static void Agree<T>(ITrainableNetwork<T> fast, ITrainableNetwork<T> exact, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        fast.InitializeWeights(3);
        exact.InitializeWeights(3);
        Assert.Equal(exact.Parameters.ToArray(), fast.Parameters.ToArray());
        foreach (int rows in RowCounts)
        {
            (T[] x, T[] y) = Batch<T>(fast, rows, seed: rows);
            if (fast.Architecture.Loss == LossFunction.CategoricalCrossEntropy)
            {
                OneHot(y, fast.OutputCount);
            }

            var fastOut = new T[y.Length];
            var exactOut = new T[y.Length];
            fast.PredictBatch(x, fastOut);
            exact.PredictBatch(x, exactOut);
            AssertClose(exactOut, fastOut, tolerance, $"outputs, {rows} rows");

            var fastGradient = new T[fast.ParameterCount];
            var exactGradient = new T[exact.ParameterCount];
            T fastLoss = fast.ComputeGradient(x, y, fastGradient);
            T exactLoss = exact.ComputeGradient(x, y, exactGradient);
            AssertClose(new[] { exactLoss }, new[] { fastLoss }, tolerance, $"loss, {rows} rows");
            AssertClose(exactGradient, fastGradient, tolerance, $"gradient, {rows} rows");
        }
    }

    private static void RowsIndependent<T>(ITrainableNetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        network.InitializeWeights(9);
        (T[] x, _) = Batch<T>(network, rows: 37, seed: 4);
        var single = new T[network.OutputCount];
        foreach (int rows in RowCounts)
        {
            var outputs = new T[rows * network.OutputCount];
            network.PredictBatch(x.AsSpan(0, rows * network.InputCount), outputs);
            for (int row = 0; row < rows; row++)
            {
                network.Predict(x.AsSpan(row * network.InputCount, network.InputCount), single);
                Assert.Equal(single, outputs.AsSpan(row * network.OutputCount, network.OutputCount).ToArray());
            }
        }
    }

    // Relative to the largest magnitude in the expected values, so that tiny components compare on the same scale.
    private static void AssertClose<T>(T[] expected, T[] actual, double tolerance, string what)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double scale = Math.Max(1e-30, expected.Max(v => Math.Abs(double.CreateTruncating(v))));
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(double.CreateTruncating(expected[i]) - double.CreateTruncating(actual[i]));
            Assert.True(difference <= tolerance * scale, $"{what}: element {i}: fast {actual[i]}, numpy order {expected[i]}");
        }
    }

    private static (T[] Inputs, T[] Targets) Batch<T>(INetwork<T> network, int rows, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(seed);
        T[] x = Enumerable.Range(0, rows * network.InputCount).Select(_ => T.CreateTruncating((2 * random.NextDouble()) - 1)).ToArray();
        T[] y = Enumerable.Range(0, rows * network.OutputCount).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        return (x, y);
    }

    private static void OneHot<T>(T[] targets, int classes)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int row = 0; row < targets.Length / classes; row++)
        {
            for (int k = 0; k < classes; k++)
            {
                targets[(row * classes) + k] = k == row % classes ? T.One : T.Zero;
            }
        }
    }

    private static ITrainableNetwork<T> Create<T>(string name)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (ITrainableNetwork<T>)(name switch
        {
            "LanesXor" => (object)new LanesXor(),
            "LanesXorExact" => new LanesXorExact(),
            "LanesDeep" => new LanesDeep(),
            "LanesDeepExact" => new LanesDeepExact(),
            "LanesSoftmax" => new LanesSoftmax(),
            "LanesSoftmaxExact" => new LanesSoftmaxExact(),
            "LanesBceSingle" => new LanesBceSingle(),
            "LanesBceSingleExact" => new LanesBceSingleExact(),
            "BlockedDeep" => new BlockedDeep(),
            "BlockedDeepExact" => new BlockedDeepExact(),
            "BlockedSoftmaxSingle" => new BlockedSoftmaxSingle(),
            "BlockedSoftmaxSingleExact" => new BlockedSoftmaxSingleExact(),
            "BlockedSse" => new BlockedSse(),
            "BlockedSseExact" => new BlockedSseExact(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        });
}
