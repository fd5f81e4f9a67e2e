using System;
using System.Linq;
using GenNet.Data;
using GenNet;
using Xunit;

namespace GenNet.Tests.Evaluation;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Counts_argmax_predictions_against_labels_across_chunks()
    {
        // 600 rows (more than one 256-row chunk) through an identity "network": row i predicts class i % 3,
        // except every 5th row, which predicts (i + 1) % 3.
        const int Rows = 600;
        var inputs = new double[Rows * 3];
        var labels = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            labels[i] = i % 3;
            int predicted = i % 5 == 0 ? (i + 1) % 3 : i % 3;
            inputs[(i * 3) + predicted] = 1;
        }

        ConfusionMatrix matrix = ConfusionMatrix.Compute(new IdentityNetwork(3), inputs, labels);

        Assert.Equal(Rows, matrix.Total);
        Assert.Equal(Rows - (Rows / 5), matrix.Correct);
        Assert.Equal(0.8, matrix.Accuracy, 12);
        Assert.Equal(Enumerable.Range(0, Rows).Count(i => i % 5 == 0 && i % 3 == 0), matrix[0, 1]);
        Assert.Equal(0, matrix[0, 2]);
        Assert.Equal(Rows, Enumerable.Range(0, 9).Sum(k => matrix[k / 3, k % 3]));
        Assert.Equal((double)matrix[2, 2] / (Rows / 3), matrix.Recall(2), 12);
        Assert.EndsWith("accuracy 80.00% (480 of 600)", matrix.ToString());
    }

    [Fact]
    public void Ties_go_to_the_lowest_class_and_bad_sizes_are_refused()
    {
        ConfusionMatrix matrix = ConfusionMatrix.Compute(new IdentityNetwork(3), [0.5, 0.5, 0.1], [0]);
        Assert.Equal(1, matrix.Correct);

        var rows = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new IdentityNetwork(3), new double[6], [0]));
        Assert.Contains("labels must hold one label per row of inputs (2 rows); it holds 1", rows.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute(new IdentityNetwork(3), new double[3], [3]));
    }

    private sealed class IdentityNetwork(int width) : INetwork<double>
    {
        public int InputCount => width;
        public int OutputCount => width;
        public int ParameterCount => 0;
        public NetworkArchitecture Architecture => throw new NotSupportedException();
        public Span<double> Parameters => Span<double>.Empty;
        public void Predict(ReadOnlySpan<double> input, Span<double> output) => input.CopyTo(output);
        public void PredictBatch(ReadOnlySpan<double> inputs, Span<double> outputs) => inputs.CopyTo(outputs);
        public void InitializeWeights(int seed) { }
    }
}
