using System;
using System.Linq;
using GenNet.Data;
using Xunit;

namespace GenNet.Tests.Datasets;

public sealed class ClassificationTests
{
    [Fact]
    public void OneHot_puts_a_one_at_each_label()
    {
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 0, 0, 0, 1 }, Classification.OneHot<float>([1, 0, 2], 3));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Classification.OneHot<double>([0, 3], 3));
        Assert.Contains("Label 1 is 3; labels must be 0 to 2", error.Message);
    }

    [Fact]
    public void Split_is_a_seeded_partition_keeping_rows_with_their_labels()
    {
        // Row i holds (i, −i) and has label i % 7: every row must land whole, with its label, in exactly one set.
        const int Rows = 50;
        double[] inputs = Enumerable.Range(0, Rows).SelectMany(i => new double[] { i, -i }).ToArray();
        int[] labels = Enumerable.Range(0, Rows).Select(i => i % 7).ToArray();

        var (trainX, trainY, testX, testY) = Classification.Split<double>(inputs, 2, labels, 0.25, seed: 3);

        Assert.Equal(13, testY.Length); // round(12.5) away from zero
        Assert.Equal(37, trainY.Length);
        int[] ids = [.. Rows1(trainX, trainY), .. Rows1(testX, testY)];
        Assert.Equal(Enumerable.Range(0, Rows), ids.Order());
        Assert.NotEqual(Enumerable.Range(0, 37), Rows1(trainX, trainY)); // shuffled

        var again = Classification.Split<double>(inputs, 2, labels, 0.25, seed: 3);
        Assert.Equal(testX, again.TestInputs);
        Assert.NotEqual(testX, Classification.Split<double>(inputs, 2, labels, 0.25, seed: 4).TestInputs);

        static int[] Rows1(double[] x, int[] y) => Enumerable.Range(0, y.Length).Select(r =>
        {
            int id = (int)x[2 * r];
            Assert.Equal(-id, x[(2 * r) + 1]);
            Assert.Equal(id % 7, y[r]);
            return id;
        }).ToArray();
    }

    [Fact]
    public void Split_refuses_fractions_that_leave_a_set_empty()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.Split<double>(new double[4], 1, new int[4], 1.0, 0));
        Assert.Throws<ArgumentException>(() => Classification.Split<double>(new double[4], 1, new int[4], 0.05, 0));
        Assert.Throws<ArgumentException>(() => Classification.Split<double>(new double[5], 2, new int[2], 0.5, 0));
    }
}
