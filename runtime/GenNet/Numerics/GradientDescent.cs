using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Numerics;

/// <summary>The plain gradient-descent update of the blog: <c>w −= α · ∂E/∂w</c>.</summary>
public static class GradientDescent
{
    /// <summary>
    /// <c>parameters[i] −= learningRate · gradient[i]</c>, rounding the product and then the difference exactly
    /// as numpy's <c>synapse -= alpha * (...)</c> does (no fused multiply-add), vectorised.
    /// </summary>
    /// <param name="parameters">The weights, updated in place.</param>
    /// <param name="gradient">The gradient; it is overwritten with the applied step <c>learningRate · gradient</c>.</param>
    /// <param name="learningRate">The blog's alpha.</param>
    public static void Apply<T>(Span<T> parameters, Span<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length<T>(gradient, parameters.Length);
        TensorPrimitives.Multiply<T>(gradient, learningRate, gradient);
        TensorPrimitives.Subtract<T>(parameters, gradient, parameters);
    }
}
