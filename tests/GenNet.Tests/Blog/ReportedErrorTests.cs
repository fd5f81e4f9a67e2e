using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNet;
using GenNet.CompilerServices;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Blog;

/// <summary>
/// The error a NumpyCompatible network reports is numpy's, bit for bit, at any number of rows: numpy's
/// <c>np.mean(np.abs(l2_error))</c> adds its terms pairwise, not left to right, which changes the last bit from 8 terms
/// on. Checked against numpy itself (Reference/numpy-pairwise.json) for three training steps of four networks at 1 to
/// 40 rows and past numpy's 128-element blocks and 8,192-element chunks.
/// </summary>
public sealed class ReportedErrorTests
{
    public static TheoryData<string> NetworkNames => new() { "3-4-1 sse", "3-5-3 sse", "3-40-30 sse", "3-4-2 mse" };

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void Training_reports_numpys_error_bit_for_bit_at_every_row_count(string name)
    {
        double alpha = NumpyPairwise.Root.GetProperty("alpha").GetDouble();
        var cases = NumpyPairwise.Networks().Where(c => c.Network == name).ToList();
        Assert.Contains(cases, c => c.Rows == 40);
        Assert.Contains(cases, c => c.Rows == 8193);
        var mismatches = new List<string>();
        foreach ((_, int rows, double[] expected, _) in cases)
        {
            ITrainableNetwork<double> network = Create(name);
            network.InitializeWeights(rows);   // np.random.seed(rows); synapse_0, synapse_1 = 2*np.random.random(...) - 1
            (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 10_000 + rows);
            for (int step = 0; step < expected.Length; step++)
            {
                double error = network.TrainStep(x, y, alpha);
                if (BitConverter.DoubleToInt64Bits(error) != BitConverter.DoubleToInt64Bits(expected[step]))
                {
                    mismatches.Add($"{rows} rows, step {step}: {NumpyPairwise.Bits(error)}, numpy {NumpyPairwise.Bits(expected[step])}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} reported errors differ from numpy's:\n" + string.Join("\n", mismatches.Take(20)));
    }

    [Fact]
    public void The_reference_tells_a_pairwise_sum_from_a_left_to_right_one()
    {
        // Were GenNet still adding the terms left to right, most of these would fail: the file records both.
        var cases = NumpyPairwise.Networks().ToList();
        int differing = cases.Sum(c => c.Errors.Zip(c.Sequential).Count(p => p.First != p.Second));
        Assert.True(differing > cases.Count, $"only {differing} of {cases.Count * 3} reported errors depend on the order of the sum");
        Assert.All(cases.Where(c => c.Rows * OutputsOf(c.Network) < 8), c => Assert.Equal(c.Sequential, c.Errors));
    }

    [Theory]
    [InlineData(nameof(NumpyOrderSingle))]
    [InlineData(nameof(NumpyOrderBinary))]
    [InlineData(nameof(NumpyOrderSoftmaxSingle))]
    [InlineData(nameof(NumpyOrderMse))]
    [InlineData(nameof(DropoutReference))]
    public void Every_loss_and_precision_reports_the_numpy_mean_of_its_terms(string name)
    {
        foreach (int rows in new[] { 1, 2, 7, 8, 9, 31, 33, 128, 129, 300, 2100 })
        {
            switch (name)
            {
                case nameof(NumpyOrderSingle):
                    CheckReportedError(new NumpyOrderSingle(), rows);
                    break;
                case nameof(NumpyOrderSoftmaxSingle):
                    CheckReportedError(new NumpyOrderSoftmaxSingle(), rows);
                    break;
                case nameof(NumpyOrderBinary):
                    CheckReportedError(new NumpyOrderBinary(), rows);
                    break;
                case nameof(NumpyOrderMse):
                    CheckReportedError(new NumpyOrderMse(), rows);
                    break;
                default:
                    CheckReportedError(new DropoutReference(), rows);
                    break;
            }
        }
    }

    [Fact]
    public void Numpy_order_training_allocates_nothing_at_any_row_count()
    {
        var network = new NumpyOrder3x40x30();
        (double[] x, double[] y) = TestData.Batch(NumpyOrder3x40x30.InputCount, NumpyOrder3x40x30.OutputCount, rows: 300, seed: 5);   // 9,000 terms
        var gradient = new double[NumpyOrder3x40x30.ParameterCount];

        void Run()
        {
            for (int i = 0; i < 20; i++)
            {
                network.ComputeGradient(x, y, gradient);
                network.TrainStep(x, y, 0.01);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    // The reported error recomputed from PredictBatch's outputs (the same forward pass, in numpy's order): the loss's
    // terms in row-major order, summed by NumpySum.Sum (numpy's np.sum), divided as the loss divides.
    private static void CheckReportedError<T>(ITrainableNetwork<T> network, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeWeights(rows);
        (double[] xd, double[] yd) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 500 + rows);
        T[] x = xd.Select(T.CreateTruncating).ToArray();
        T[] y = network.Architecture.Loss == LossFunction.CategoricalCrossEntropy ? OneHot<T>(rows, network.OutputCount) : yd.Select(T.CreateTruncating).ToArray();
        var outputs = new T[y.Length];
        network.PredictBatch(x, outputs);
        T[] terms = outputs.Zip(y, (p, t) => network.Architecture.Loss switch
        {
            LossFunction.SumSquaredError => T.Abs(p - t),
            LossFunction.MeanSquaredError => (p - t) * (p - t),
            LossFunction.BinaryCrossEntropy => LossTerms.BinaryCrossEntropy(p, t),
            _ => LossTerms.CrossEntropy(p, t),
        }).ToArray();
        int divisor = network.Architecture.Loss == LossFunction.CategoricalCrossEntropy ? rows : terms.Length;
        T expected = NumpySum.Sum<T>(terms) / T.CreateTruncating(divisor);

        T reported = network.ComputeGradient(x, y, new T[network.ParameterCount]);

        Assert.True(reported.Equals(expected), $"{network.GetType().Name}, {rows} rows: reported {reported}, numpy order {expected}");
    }

    private static T[] OneHot<T>(int rows, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[rows * classes];
        for (int row = 0; row < rows; row++)
        {
            y[(row * classes) + ((row * 7) % classes)] = T.One;
        }

        return y;
    }

    private static int OutputsOf(string name) => Create(name).OutputCount;

    private static ITrainableNetwork<double> Create(string name) => name switch
    {
        "3-4-1 sse" => new BlogNet3x4x1(),
        "3-5-3 sse" => new NumpyOrder3x5x3(),
        "3-40-30 sse" => new NumpyOrder3x40x30(),
        "3-4-2 mse" => new NumpyOrderMse(),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}
