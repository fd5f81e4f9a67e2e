using System;
using System.Numerics;
using GenNet;

namespace GenNet.Training;

/// <summary>Picks the rows a <see cref="TrainingOptions{T}.ValidationSplit"/> holds out (see <see cref="ValidationSplitMode"/>).</summary>
internal static class ValidationSplitter
{
    /// <summary>
    /// Whether each row is held out: <paramref name="count"/> rows in all, chosen from a permutation of the rows seeded with
    /// <paramref name="seed"/> (<c>np.random.seed(seed); np.random.permutation(rows)</c>): the first rows of that order, or,
    /// when the targets are classes, the first rows of each class's part of it, as many per class as its share.
    /// </summary>
    public static bool[] HeldOut<T>(ReadOnlySpan<T> targets, int outputs, int rows, int count, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        new NumpyRandom(seed).Shuffle<int>(order);
        var held = new bool[rows];
        int[]? classes = Classes(targets, outputs, rows);
        if (classes is null)
        {
            for (int i = 0; i < count; i++)
            {
                held[order[i]] = true;
            }

            return held;
        }

        // Stratified: each class gets floor(count · n_c / rows) rows, and the rows left over go to the classes with the
        // largest remainders (ties: the lower class), so that the total is exactly count.
        int classCount = outputs == 1 ? 2 : outputs;
        var members = new int[classCount];
        foreach (int c in classes)
        {
            members[c]++;
        }

        var quota = new int[classCount];
        var remainder = new long[classCount];
        int assigned = 0;
        for (int c = 0; c < classCount; c++)
        {
            long scaled = (long)count * members[c];
            quota[c] = (int)(scaled / rows);
            remainder[c] = scaled % rows;
            assigned += quota[c];
        }

        for (; assigned < count; assigned++)
        {
            int best = -1;
            for (int c = 0; c < classCount; c++)
            {
                if (quota[c] < members[c] && (best < 0 || remainder[c] > remainder[best]))
                {
                    best = c;
                }
            }

            quota[best]++;
            remainder[best] = -1;
        }

        foreach (int row in order)
        {
            int c = classes[row];
            if (quota[c] > 0)
            {
                quota[c]--;
                held[row] = true;
            }
        }

        return held;
    }

    /// <summary>Copies the rows into a training and a validation set, each in the rows' original order.</summary>
    public static (T[] Inputs, T[] Targets, T[] ValidationInputs, T[] ValidationTargets) Split<T>(
        ReadOnlySpan<T> inputs, int inputCount, ReadOnlySpan<T> targets, int outputCount, bool[] held, int validationRows)
        where T : unmanaged
    {
        int rows = held.Length;
        var trainX = new T[(rows - validationRows) * inputCount];
        var trainY = new T[(rows - validationRows) * outputCount];
        var validX = new T[validationRows * inputCount];
        var validY = new T[validationRows * outputCount];
        int t = 0, v = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<T> x = inputs.Slice(row * inputCount, inputCount);
            ReadOnlySpan<T> y = targets.Slice(row * outputCount, outputCount);
            if (held[row])
            {
                x.CopyTo(validX.AsSpan(v * inputCount));
                y.CopyTo(validY.AsSpan(v * outputCount));
                v++;
            }
            else
            {
                x.CopyTo(trainX.AsSpan(t * inputCount));
                y.CopyTo(trainY.AsSpan(t * outputCount));
                t++;
            }
        }

        return (trainX, trainY, validX, validY);
    }

    /// <summary>Each row's class when the targets are classes (one-hot rows, or one output of 0 or 1); otherwise null.</summary>
    private static int[]? Classes<T>(ReadOnlySpan<T> targets, int outputs, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var classes = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<T> y = targets.Slice(row * outputs, outputs);
            if (outputs == 1)
            {
                if (y[0] == T.Zero || y[0] == T.One)
                {
                    classes[row] = y[0] == T.One ? 1 : 0;
                    continue;
                }

                return null;
            }

            int hot = -1;
            for (int k = 0; k < outputs; k++)
            {
                if (y[k] == T.One && hot < 0)
                {
                    hot = k;
                }
                else if (y[k] != T.Zero)
                {
                    return null;
                }
            }

            if (hot < 0)
            {
                return null;
            }

            classes[row] = hot;
        }

        return classes;
    }
}
