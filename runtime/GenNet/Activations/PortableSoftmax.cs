using System;
using System.Numerics;
using System.Numerics.Tensors;
using GenNet.Numerics;

namespace GenNet.Activations;

/// <summary>
/// <see cref="Softmax"/> with <see cref="PortableMath.Exp"/> and a sum in index order, so it gives the same bits on every
/// machine (<see cref="Softmax"/> uses <c>TensorPrimitives</c>' vectorised exponential and a sum as wide as the CPU's
/// registers). For cross-machine reproducible classifiers with <see cref="NetworkArithmetic.NumpyCompatible"/>; like
/// <see cref="Softmax"/> only on the output layer, with <see cref="LossFunction.CategoricalCrossEntropy"/>.
/// </summary>
public readonly struct PortableSoftmax
{
    /// <summary>Replaces the pre-activations in <paramref name="values"/> with their softmax, in place.</summary>
    /// <remarks>The maximum is subtracted first (exact), so every exponent is ≤ 0 and nothing overflows.</remarks>
    public static void Apply<T>(Span<T> values) where T : unmanaged, IFloatingPointIeee754<T>, IExponentialFunctions<T>
    {
        if (values.IsEmpty)
        {
            return;
        }

        T max = TensorPrimitives.Max<T>(values); // exact whatever the order
        T sum = T.Zero;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(PortableMath.Exp(double.CreateTruncating(values[i] - max)));
            sum += values[i];
        }

        TensorPrimitives.Divide<T>(values, sum, values); // element-wise: rounded the same way everywhere
    }
}
