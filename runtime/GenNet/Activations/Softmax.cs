using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Activations;

/// <summary>
/// Softmax over the output layer: <c>p_k = e^(z_k − max z) / Σ_j e^(z_j − max z)</c>, probabilities that sum to 1.
/// It is not element-wise, so it is not an <see cref="IActivation"/>: the generator recognises it as the output
/// activation and requires <see cref="LossFunction.CategoricalCrossEntropy"/>, whose gradient through the softmax is
/// the stable <c>p − target</c>.
/// </summary>
public readonly struct Softmax
{
    /// <summary>Replaces the pre-activations in <paramref name="values"/> with their softmax, in place.</summary>
    /// <remarks>Subtracting the maximum first keeps every exponent ≤ 0, so nothing overflows.</remarks>
    public static void Apply<T>(Span<T> values) where T : unmanaged, IFloatingPointIeee754<T>, IExponentialFunctions<T>
    {
        if (values.IsEmpty)
        {
            return;
        }

        T max = TensorPrimitives.Max<T>(values);
        TensorPrimitives.Subtract<T>(values, max, values);
        TensorPrimitives.Exp<T>(values, values);
        T sum = TensorPrimitives.Sum<T>(values);
        TensorPrimitives.Divide<T>(values, sum, values);
    }
}
