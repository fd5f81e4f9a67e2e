using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using GenNet;
using GenNet.CompilerServices;
using GenNet.Training;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// Bad input is refused at the entry of each call, before anything changes: sizes with the expected and actual counts,
/// NaN and infinity in training data with the row and column, on both arithmetic paths and through the trainers.
/// </summary>
public sealed class InputValidationTests
{
    public static TheoryData<string> Networks() => new() { "fast lanes", "fast blocked", "numpy order", "numpy order with dropout" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_calls_refuse_NaN_and_infinity_naming_row_and_column_and_leave_the_weights(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        int inputs = network.InputCount, outputs = network.OutputCount;
        double[] x = Enumerable.Range(0, 4 * inputs).Select(i => i / 10.0).ToArray();
        double[] y = new double[4 * outputs];
        double[] before = network.Parameters.ToArray();

        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            double[] badX = (double[])x.Clone();
            badX[(2 * inputs) + 1] = bad;
            var step = Assert.Throws<ArgumentException>(() => network.TrainStep(badX, y, 0.1));
            Assert.Equal("inputs", step.ParamName);
            Assert.Contains($"holds {bad.ToString(CultureInfo.InvariantCulture)} at row 2, column 1 (index {(2 * inputs) + 1})", step.Message);

            double[] badY = (double[])y.Clone();
            badY[^1] = bad;
            var gradient = Assert.Throws<ArgumentException>(() => network.ComputeGradient(x, badY, new double[network.ParameterCount]));
            Assert.Equal("targets", gradient.ParamName);
            Assert.Contains($"at row 3, column {outputs - 1}", gradient.Message);
        }

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void The_trainers_check_all_the_data_before_the_first_step()
    {
        // The bad value is in the last row: a per-batch check would have trained on the first batches already.
        var network = new Net5x7x3();
        (double[] x, double[] y) = Infrastructure.TestData.Batch(5, 3, rows: 40, seed: 4);
        x[^1] = double.NaN;
        double[] before = network.Parameters.ToArray();
        var options = new TrainingOptions<double> { Iterations = 10, BatchSize = 4, LearningRate = 0.1 };

        var sgd = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, options));
        Assert.Contains("row 39, column 4", sgd.Message);
        var adam = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x[..^5], y[..^3], x[^5..], y[^3..], options, new Adam()));
        Assert.Equal("validationInputs", adam.ParamName);
        Assert.Throws<ArgumentException>(() => LbfgsTrainer.Train(network, x, y));
        Assert.Throws<ArgumentException>(() => AnnealingTrainer.Train(network, x, y));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void With_NonFiniteRows_Skip_the_trainer_trains_on_the_finite_rows_and_counts_the_others()
    {
        (double[] x, double[] y) = Infrastructure.TestData.Batch(5, 3, rows: 40, seed: 6);
        (double[] vx, double[] vy) = Infrastructure.TestData.Batch(5, 3, rows: 10, seed: 7);
        int[] badRows = [0, 17, 39];
        double[] badX = (double[])x.Clone(), badY = (double[])y.Clone(), badVx = (double[])vx.Clone();
        badX[(0 * 5) + 4] = double.NaN;
        badY[(17 * 3) + 1] = double.PositiveInfinity;
        badX[(39 * 5) + 0] = double.NegativeInfinity;
        badY[(39 * 3) + 2] = double.NaN; // two bad values in one row: still one row
        badVx[(3 * 5) + 2] = double.NaN;
        var options = new TrainingOptions<double> { Epochs = 5, BatchSize = 8, LearningRate = 0.05, NonFiniteRows = NonFiniteRows.Skip };

        var skipping = new Net5x7x3();
        skipping.InitializeWeights(2);
        TrainingResult<double> result = Trainer.Train(skipping, badX, badY, badVx, vy, options, new Adam());

        // The reference: the same run on the rows kept, filtered here by hand, with nothing to skip.
        double[] keptX = Rows(x, 5, row => !badRows.Contains(row)), keptY = Rows(y, 3, row => !badRows.Contains(row));
        double[] keptVx = Rows(vx, 5, row => row != 3), keptVy = Rows(vy, 3, row => row != 3);
        var reference = new Net5x7x3();
        reference.InitializeWeights(2);
        TrainingResult<double> expected = Trainer.Train(reference, keptX, keptY, keptVx, keptVy, options with { NonFiniteRows = NonFiniteRows.Reject }, new Adam());

        Assert.Equal(4, result.SkippedRows);
        Assert.Equal(0, expected.SkippedRows);
        Assert.Equal(expected.Iterations, result.Iterations);
        Assert.Equal(reference.Parameters.ToArray(), skipping.Parameters.ToArray());
        Assert.Equal(expected.ValidationError, result.ValidationError);
        Assert.True(skipping.Parameters.ToArray().All(double.IsFinite));

        // A split is taken from the rows kept: 36 finite rows, a quarter held out → 27 rows train, 9 validate.
        var split = new Net5x7x3();
        TrainingResult<double> splitResult = Trainer.Train(split, badX, badY, options with { Epochs = 1, BatchSize = 0, ValidationSplit = 0.25 });
        Assert.Equal(3, splitResult.SkippedRows);
        Assert.Equal(1, splitResult.Iterations); // full batch: one step per epoch

        // The default still refuses the same data, before anything changes.
        var refusing = new Net5x7x3();
        double[] before = refusing.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(refusing, badX, badY, options with { NonFiniteRows = NonFiniteRows.Reject }));
        Assert.Contains("row 0, column 4", error.Message);
        Assert.Equal(before, refusing.Parameters.ToArray());
    }

    [Fact]
    public void With_NonFiniteRows_Skip_data_with_no_finite_row_is_refused()
    {
        var network = new Net3x4x1();
        double[] before = network.Parameters.ToArray();
        double[] x = [double.NaN, 0, 1, 1, 1, 1];
        double[] y = [0, double.PositiveInfinity];
        var options = new TrainingOptions<double> { Iterations = 10, NonFiniteRows = NonFiniteRows.Skip };

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, options));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("Every one of the 2 rows", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        // Sizes are still checked first, naming expected and actual.
        Assert.Contains("whole rows of 3", Assert.Throws<ArgumentException>(() => Trainer.Train(network, x[..5], y, options)).Message);
    }

    private static double[] Rows(double[] data, int rowLength, Func<int, bool> keep) =>
        data.Chunk(rowLength).Where((_, row) => keep(row)).SelectMany(row => row).ToArray();

    [Fact]
    public void Prediction_checks_sizes_and_leaves_the_finite_check_to_the_caller()
    {
        // Predict is the hot path and stays wait-free: it checks sizes only. NaN propagates; an infinity can saturate to
        // a finite output, which is why untrusted input should go through Guard.Finite first (the documented option).
        var network = new Net3x4x1();
        var output = new double[1];
        network.Predict([double.NaN, 0, 1], output);
        Assert.True(double.IsNaN(output[0]));

        double[] infinite = [double.PositiveInfinity, 0, 1];
        network.Predict(infinite, output);
        Assert.True(double.IsFinite(output[0])); // saturated: nothing in the output shows the bad input

        var error = Assert.Throws<ArgumentException>(() => Guard.Finite<double>(infinite, Net3x4x1.InputCount));
        Assert.Equal("infinite", error.ParamName);
        Assert.Contains("holds Infinity at row 0, column 0 (index 0)", error.Message);
    }

    [Fact]
    public void Runtime_helpers_name_expected_and_actual_sizes()
    {
        AssertSizes(() => GradientDescent.Apply<double>(new double[4], new double[3], 0.1), "must hold exactly 4 values; it holds 3");
        AssertSizes(() => DenseKernels.Transpose<double>(new double[6], 2, 3, new double[5]), "must hold exactly 6 values; it holds 5");
        AssertSizes(() => DenseKernels.RepeatRow<double>(new double[3], new double[7]), "whole rows of 3 values; it holds 7");
        AssertSizes(() => DenseKernels.RepeatRow<double>(ReadOnlySpan<double>.Empty, new double[2]), "whole rows of 0 values; it holds 2");
        AssertSizes(() => Regularization.AddL2<double>(new double[3], new double[2], 0.1), "must hold exactly 3 values; it holds 2");
        AssertSizes(() => NetworkLoss.Loss<double>(LossFunction.MeanSquaredError, new double[6], new double[5], 3), "must hold exactly 6 values; it holds 5");
        AssertSizes(() => new DirectionChangeCounter<double>(4).OnStep(0, 0, new double[4], new double[5]), "must hold exactly 4 values; it holds 5");
        AssertSizes(() => CompilerServices.WeightInitializer.Initialize<double>(new double[15], Net3x4x1.Architecture, 1, WeightInitialization.Uniform), "must hold exactly 16 values; it holds 15");
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseKernels.Transpose<double>(new double[6], -2, -3, new double[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Net3x4x1().InitializeWeights(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.LearningRate(float.NaN));

        static void AssertSizes(Action call, string message) =>
            Assert.Contains(message, Assert.ThrowsAny<ArgumentException>(call).Message);
    }

    internal static ITrainableNetwork<double> Create(string name) => name switch
    {
        "fast lanes" => new LanesSoftmax(),
        "fast blocked" => new BlockedDeep(),
        "numpy order" => new LanesDeepExact(),
        _ => new DropoutNet(),
    };
}
