using System;
using System.Linq;
using GenNet.Training;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>Which rows <see cref="TrainingOptions{T}.ValidationSplit"/> holds out: seeded, shuffled, stratified by class.</summary>
public sealed class ValidationSplitTests
{
    // 60 rows of 5 inputs sorted by class, as iris is shipped: 20 of class 0, then 20 of class 1, then 20 of class 2.
    private static (double[] X, double[] Y) ClassSorted(int rowsPerClass = 20, int classes = 3)
    {
        int rows = rowsPerClass * classes;
        (double[] x, _) = TestData.Batch(Net5x7x3.InputCount, Net5x7x3.OutputCount, rows, seed: 4);
        var y = new double[rows * classes];
        for (int row = 0; row < rows; row++)
        {
            y[row * classes + row / rowsPerClass] = 1;
        }

        return (x, y);
    }

    private static int[] ClassCounts(double[] y, int classes) =>
        Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, y.Length / classes).Count(row => y[row * classes + c] == 1)).ToArray();

    [Fact]
    public void On_class_sorted_data_the_validation_rows_hold_every_class_in_proportion()
    {
        (double[] x, double[] y) = ClassSorted();

        bool[] held = ValidationSplitter.HeldOut<double>(y, 3, rows: 60, count: 12, seed: 0);
        (_, _, double[] validationX, double[] validationY) = ValidationSplitter.Split<double>(x, 5, y, 3, held, 12);

        Assert.Equal(12, held.Count(h => h));
        Assert.Equal(new[] { 4, 4, 4 }, ClassCounts(validationY, 3));
        Assert.Equal(12 * 5, validationX.Length);
    }

    [Fact]
    public void The_last_rows_mode_holds_out_one_class_only_as_before()
    {
        (double[] x, double[] y) = ClassSorted();
        var options = new TrainingOptions<double> { Epochs = 1, ValidationSplit = 0.2, ValidationSplitMode = ValidationSplitMode.Last, ReportEvery = 0 };

        var last = new Net5x7x3();
        last.InitializeWeights(2);
        TrainingResult<double> result = Trainer.Train(last, x, y, options);

        var reference = new Net5x7x3();
        reference.InitializeWeights(2);
        TrainingResult<double> explicitRows = Trainer.Train(reference, x[..(48 * 5)], y[..(48 * 3)], x[(48 * 5)..], y[(48 * 3)..], options with { ValidationSplit = 0 }, new Sgd());

        Assert.Equal(new[] { 0, 0, 12 }, ClassCounts(y[(48 * 3)..], 3));
        Assert.Equal(reference.Parameters.ToArray(), last.Parameters.ToArray());
        Assert.Equal(explicitRows.ValidationError, result.ValidationError);
    }

    [Fact]
    public void Trainer_trains_on_the_rows_it_keeps_and_validates_on_the_rows_it_holds_out()
    {
        (double[] x, double[] y) = ClassSorted();
        var options = new TrainingOptions<double> { Epochs = 5, BatchSize = 8, ShuffleSeed = 11, ValidationSplit = 0.2, LearningRate = 0.1, ReportEvery = 0 };

        var split = new Net5x7x3();
        split.InitializeWeights(3);
        TrainingResult<double> result = Trainer.Train(split, x, y, options, new Adam());

        bool[] held = ValidationSplitter.HeldOut<double>(y, 3, 60, 12, seed: 11);
        (double[] trainX, double[] trainY, double[] validX, double[] validY) = ValidationSplitter.Split<double>(x, 5, y, 3, held, 12);
        var reference = new Net5x7x3();
        reference.InitializeWeights(3);
        TrainingResult<double> explicitRows = Trainer.Train(reference, trainX, trainY, validX, validY, options with { ValidationSplit = 0 }, new Adam());

        Assert.Equal(new[] { 4, 4, 4 }, ClassCounts(validY, 3));
        Assert.Equal(reference.Parameters.ToArray(), split.Parameters.ToArray());
        Assert.Equal(explicitRows.ValidationError, result.ValidationError);

        // Both sets keep the rows in their original order.
        int[] heldRows = Enumerable.Range(0, 60).Where(r => held[r]).ToArray();
        Assert.Equal(x.AsSpan(heldRows[0] * 5, 5).ToArray(), validX[..5]);
        Assert.Equal(x.AsSpan(heldRows[^1] * 5, 5).ToArray(), validX[^5..]);
    }

    [Fact]
    public void The_seed_decides_the_rows_the_same_seed_the_same_rows()
    {
        (_, double[] y) = ClassSorted();

        bool[] first = ValidationSplitter.HeldOut<double>(y, 3, 60, 12, seed: 5);
        bool[] again = ValidationSplitter.HeldOut<double>(y, 3, 60, 12, seed: 5);
        bool[] other = ValidationSplitter.HeldOut<double>(y, 3, 60, 12, seed: 6);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Regression_targets_give_a_shuffled_subset_of_the_right_size()
    {
        (double[] x, double[] y) = TestData.Batch(DeepTanhRegression.InputCount, DeepTanhRegression.OutputCount, rows: 50, seed: 2);

        bool[] held = ValidationSplitter.HeldOut<double>(y, DeepTanhRegression.OutputCount, 50, 10, seed: 0);

        Assert.Equal(10, held.Count(h => h));
        Assert.NotEqual(Enumerable.Range(40, 10), Enumerable.Range(0, 50).Where(r => held[r]));

        var network = new DeepTanhRegression();
        TrainingResult<double> result = Trainer.Train(network, x, y, new TrainingOptions<double> { Epochs = 2, ValidationSplit = 0.2, LearningRate = 0.01, ReportEvery = 0 });
        Assert.True(double.IsFinite(result.ValidationError));
    }

    [Fact]
    public void Binary_targets_are_stratified_too()
    {
        // 30 zeros then 10 ones: a quarter held out takes 7 or 8 zeros and 2 or 3 ones, never only zeros.
        double[] y = Enumerable.Range(0, 40).Select(r => r < 30 ? 0.0 : 1.0).ToArray();

        bool[] held = ValidationSplitter.HeldOut<double>(y, 1, 40, 10, seed: 0);

        Assert.Equal(10, held.Count(h => h));
        Assert.InRange(Enumerable.Range(30, 10).Count(r => held[r]), 2, 3);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        (double[] x, double[] y) = ClassSorted();

        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(new Net5x7x3(), x, y,
            new TrainingOptions<double> { ValidationSplit = 0.2, ValidationSplitMode = (ValidationSplitMode)7 }));
    }
}
