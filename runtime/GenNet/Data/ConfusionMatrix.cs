using System;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Text;
using GenNet;

namespace GenNet.Data;

/// <summary>
/// Counts of (true class, predicted class) pairs for a classifier: the diagonal holds the correct answers. The
/// predicted class of a row is the output with the largest value (ties go to the lowest index).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Classes = classes;
        _counts = new int[classes * classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>Rows counted.</summary>
    public int Total { get; private set; }

    /// <summary>Rows whose predicted class is the true class.</summary>
    public int Correct { get; private set; }

    /// <summary>The fraction of rows classified correctly; NaN when nothing was counted.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>How many rows of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[(actual * Classes) + predicted];

    /// <summary>Of the rows of class <paramref name="actual"/>, the fraction predicted correctly (NaN when there are none).</summary>
    public double Recall(int actual)
    {
        int rows = 0;
        for (int p = 0; p < Classes; p++)
        {
            rows += this[actual, p];
        }

        return rows == 0 ? double.NaN : (double)this[actual, actual] / rows;
    }

    /// <summary>Counts one row.</summary>
    public void Add(int actual, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actual);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(actual, Classes);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Classes);
        _counts[(actual * Classes) + predicted]++;
        Total++;
        if (actual == predicted)
        {
            Correct++;
        }
    }

    /// <summary>
    /// Runs <paramref name="inputs"/> through <paramref name="network"/> (in chunks, without allocating per row) and
    /// counts each row's predicted class against <paramref name="labels"/>.
    /// </summary>
    /// <param name="network">A classifier with one output per class.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> values.</param>
    /// <param name="labels">The true class of each row, 0 to <c>OutputCount − 1</c>.</param>
    public static ConfusionMatrix Compute<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int classes = network.OutputCount;
        int rows = Classification.LabelledRows(inputs.Length, network.InputCount, labels.Length);
        var matrix = new ConfusionMatrix(classes);
        const int Chunk = 256;
        T[] outputs = ArrayPool<T>.Shared.Rent(Chunk * classes);
        try
        {
            for (int start = 0; start < rows; start += Chunk)
            {
                int count = Math.Min(Chunk, rows - start);
                Span<T> chunk = outputs.AsSpan(0, count * classes);
                network.PredictBatch(inputs.Slice(start * network.InputCount, count * network.InputCount), chunk);
                for (int row = 0; row < count; row++)
                {
                    matrix.Add(labels[start + row], TensorPrimitives.IndexOfMax<T>(chunk.Slice(row * classes, classes)));
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(outputs);
        }

        return matrix;
    }

    /// <summary>The matrix as text: one line per true class, predicted classes across, then the accuracy.</summary>
    public override string ToString()
    {
        int width = Math.Max(Total.ToString(CultureInfo.InvariantCulture).Length, Classes.ToString(CultureInfo.InvariantCulture).Length) + 1;
        var text = new StringBuilder();
        text.Append("true\\predicted".PadRight(16));
        for (int p = 0; p < Classes; p++)
        {
            text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }

        text.AppendLine();
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(CultureInfo.InvariantCulture).PadRight(16));
            for (int p = 0; p < Classes; p++)
            {
                text.Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.AppendLine();
        }

        return text.Append(CultureInfo.InvariantCulture, $"accuracy {Accuracy * 100:F2}% ({Correct} of {Total})").ToString();
    }
}
