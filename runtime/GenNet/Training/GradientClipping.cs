using System;
using System.Numerics;
using System.Numerics.Tensors;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// Gradient clipping, the blog's "delta trimming": keeps one bad batch (a saturated unit, an outlier row) from throwing
/// the weights far away.
/// </summary>
public static class GradientClipping
{
    /// <summary>Clamps every component to [−<paramref name="limit"/>, <paramref name="limit"/>] (Keras's <c>clipvalue</c>).</summary>
    public static void ByValue<T>(Span<T> gradient, T limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLimit(limit);
        TensorPrimitives.Clamp<T>(gradient, -limit, limit, gradient);
    }

    /// <summary>
    /// Scales the whole gradient down to Euclidean norm <paramref name="maxNorm"/> when it is longer (PyTorch's
    /// <c>clip_grad_norm_</c>); its direction is kept. Returns the norm before clipping.
    /// </summary>
    public static T ByNorm<T>(Span<T> gradient, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLimit(maxNorm);
        T norm = OrderedSums.Norm<T>(gradient); // fixed order: the same decision to clip on every machine
        if (norm > maxNorm)
        {
            TensorPrimitives.Multiply<T>(gradient, maxNorm / norm, gradient);
        }

        return norm;
    }

    private static void CheckLimit<T>(T limit) where T : IFloatingPointIeee754<T>
    {
        if (!(limit > T.Zero) || !T.IsFinite(limit))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"A clipping limit must be positive and finite; was {limit}.");
        }
    }
}
