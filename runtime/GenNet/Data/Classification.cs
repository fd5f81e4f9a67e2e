using System;
using System.Numerics;
using GenNet;

namespace GenNet.Data;

/// <summary>Small tools for classification data: one-hot targets and a seeded train/test split.</summary>
public static class Classification
{
    /// <summary>
    /// One row of <paramref name="classes"/> values per label: 1 at the label's index, 0 elsewhere (the targets of a
    /// softmax network trained with cross-entropy).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside 0 … classes − 1.</exception>
    public static T[] OneHot<T>(ReadOnlySpan<int> labels, int classes)
        where T : INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var targets = new T[labels.Length * classes];
        Array.Fill(targets, T.Zero);
        for (int row = 0; row < labels.Length; row++)
        {
            int label = labels[row];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Label {row} is {label}; labels must be 0 to {classes - 1}.");
            }

            targets[(row * classes) + label] = T.One;
        }

        return targets;
    }

    /// <summary>
    /// Splits rows into a training and a test set after shuffling them with <see cref="NumpyRandom"/> seeded with
    /// <paramref name="seed"/> (numpy's <c>np.random.seed(seed); np.random.shuffle(order)</c>): the same seed always
    /// gives the same split. The test set gets round(testFraction × rows) rows.
    /// </summary>
    /// <param name="inputs">Rows of <paramref name="width"/> values.</param>
    /// <param name="width">Values per row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="testFraction">Between 0 and 1, exclusive.</param>
    /// <param name="seed">The shuffle's seed.</param>
    public static (T[] TrainInputs, int[] TrainLabels, T[] TestInputs, int[] TestLabels) Split<T>(
        ReadOnlySpan<T> inputs, int width, ReadOnlySpan<int> labels, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int rows = LabelledRows(inputs.Length, width, labels.Length);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"The test fraction must be between 0 and 1; was {testFraction}.");
        }

        int testRows = (int)Math.Round(rows * testFraction, MidpointRounding.AwayFromZero);
        if (testRows < 1 || testRows >= rows)
        {
            throw new ArgumentException($"A test fraction of {testFraction} of {rows} rows leaves {testRows} test rows; both sets need at least one.", nameof(testFraction));
        }

        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        new NumpyRandom(seed).Shuffle<int>(order);
        int trainRows = rows - testRows;
        var trainInputs = new T[trainRows * width];
        var trainLabels = new int[trainRows];
        var testInputs = new T[testRows * width];
        var testLabels = new int[testRows];
        for (int i = 0; i < trainRows; i++)
        {
            inputs.Slice(order[i] * width, width).CopyTo(trainInputs.AsSpan(i * width, width));
            trainLabels[i] = labels[order[i]];
        }

        for (int i = 0; i < testRows; i++)
        {
            int source = order[trainRows + i];
            inputs.Slice(source * width, width).CopyTo(testInputs.AsSpan(i * width, width));
            testLabels[i] = labels[source];
        }

        return (trainInputs, trainLabels, testInputs, testLabels);
    }

    /// <summary>Checks that <paramref name="inputLength"/> values form whole rows of <paramref name="width"/>, one per label.</summary>
    internal static int LabelledRows(int inputLength, int width, int labelCount)
    {
        if (inputLength % width != 0)
        {
            throw new ArgumentException($"inputs must hold whole rows of {width} values; it holds {inputLength}, which is not a multiple of {width}.", "inputs");
        }

        if (inputLength / width != labelCount)
        {
            throw new ArgumentException($"labels must hold one label per row of inputs ({inputLength / width} rows); it holds {labelCount}.", "labels");
        }

        return labelCount;
    }
}
