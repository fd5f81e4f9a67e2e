using System;
using System.Numerics;
using System.Numerics.Tensors;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>L2 regularisation (weight decay) as a gradient term.</summary>
public static class Regularization
{
    /// <summary>
    /// Adds the gradient of the penalty <c>½·λ·Σ w²</c> to <paramref name="gradient"/>: <c>g ← g + λ·w</c>.
    /// </summary>
    public static void AddL2<T>(Span<T> gradient, ReadOnlySpan<T> parameters, T lambda) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length(parameters, gradient.Length);
        if (!(lambda >= T.Zero) || !T.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"The L2 coefficient must be zero or positive and finite; was {lambda}.");
        }

        TensorPrimitives.MultiplyAdd<T>(parameters, lambda, gradient, gradient);
    }

    /// <summary>The penalty itself, <c>½·λ·Σ w²</c>.</summary>
    public static T L2Penalty<T>(ReadOnlySpan<T> parameters, T lambda) where T : unmanaged, IFloatingPointIeee754<T> =>
        lambda == T.Zero ? T.Zero : lambda * OrderedSums.SumOfSquares<T>(parameters) / (T.One + T.One);
}
