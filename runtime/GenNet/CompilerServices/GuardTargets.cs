using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.CompilerServices;

public static partial class Guard
{
    /// <summary>
    /// How far a categorical cross-entropy target row may sum from 1: rounding in a label-smoothed row stays far inside
    /// it, a row that is not a distribution (counts, two labels, a forgotten normalisation) far outside.
    /// </summary>
    public const double DistributionTolerance = 1e-3;

    /// <summary>
    /// Checks the targets against the loss they are trained with, which otherwise trains on and reports nonsense (binary
    /// cross-entropy with a target of 5 reports a negative loss): binary cross-entropy takes values in [0, 1]; categorical
    /// cross-entropy takes rows that are probability distributions, values ≥ 0 summing to 1 within
    /// <see cref="DistributionTolerance"/>. The squared losses take any finite target. One pass over the targets.
    /// </summary>
    /// <exception cref="ArgumentException">A target does not fit the loss; the message names its row and column.</exception>
    public static void Targets<T>(ReadOnlySpan<T> targets, int targetCount, LossFunction loss, [CallerArgumentExpression(nameof(targets))] string? name = null)
        where T : IFloatingPointIeee754<T>
    {
        if (loss == LossFunction.BinaryCrossEntropy)
        {
            for (int i = 0; i < targets.Length; i++)
            {
                if (!(targets[i] >= T.Zero && targets[i] <= T.One))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"{name} must be in [0, 1] for the binary cross-entropy loss; it holds {targets[i]} at row {i / targetCount}, column {i % targetCount} (index {i})."),
                        name);
                }
            }
        }
        else if (loss == LossFunction.CategoricalCrossEntropy)
        {
            T tolerance = T.CreateChecked(DistributionTolerance);
            for (int start = 0; start + targetCount <= targets.Length; start += targetCount)
            {
                T sum = T.Zero;
                for (int column = 0; column < targetCount; column++)
                {
                    T value = targets[start + column];
                    if (!(value >= T.Zero))
                    {
                        throw new ArgumentException(
                            string.Create(CultureInfo.InvariantCulture, $"{name} must hold a probability distribution in every row for the categorical cross-entropy loss (values ≥ 0 summing to 1); it holds {value} at row {start / targetCount}, column {column} (index {start + column})."),
                            name);
                    }

                    sum += value;
                }

                if (!(T.Abs(sum - T.One) <= tolerance))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"{name} must hold a probability distribution in every row for the categorical cross-entropy loss (values ≥ 0 summing to 1); row {start / targetCount} sums to {sum}. Encode class labels with Classification.OneHot."),
                        name);
                }
            }
        }
    }
}
