using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Training;

/// <summary>Keeps the rows of a row-major batch whose inputs and targets are all finite, for <see cref="NonFiniteRows.Skip"/>.</summary>
internal static class FiniteRowFilter
{
    /// <summary>
    /// Returns how many rows were dropped. When none were, <paramref name="keptInputs"/> and <paramref name="keptTargets"/>
    /// are the original spans (nothing is copied); otherwise they are fresh arrays of the finite rows, in order.
    /// </summary>
    public static int Filter<T>(
        ReadOnlySpan<T> inputs,
        int inputCount,
        ReadOnlySpan<T> targets,
        int targetCount,
        out ReadOnlySpan<T> keptInputs,
        out ReadOnlySpan<T> keptTargets)
        where T : IFloatingPointIeee754<T>
    {
        keptInputs = inputs;
        keptTargets = targets;
        if (TensorPrimitives.IsFiniteAll(inputs) && TensorPrimitives.IsFiniteAll(targets))
        {
            return 0;
        }

        int rows = inputs.Length / inputCount;
        bool[] keep = new bool[rows];
        int kept = 0;
        for (int row = 0; row < rows; row++)
        {
            keep[row] = TensorPrimitives.IsFiniteAll(inputs.Slice(row * inputCount, inputCount))
                && TensorPrimitives.IsFiniteAll(targets.Slice(row * targetCount, targetCount));
            kept += keep[row] ? 1 : 0;
        }

        var x = new T[kept * inputCount];
        var y = new T[kept * targetCount];
        for (int row = 0, to = 0; row < rows; row++)
        {
            if (keep[row])
            {
                inputs.Slice(row * inputCount, inputCount).CopyTo(x.AsSpan(to * inputCount));
                targets.Slice(row * targetCount, targetCount).CopyTo(y.AsSpan(to * targetCount));
                to++;
            }
        }

        keptInputs = x;
        keptTargets = y;
        return rows - kept;
    }
}
