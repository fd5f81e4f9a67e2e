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
    /// <param name="gradient">The gradient; left unchanged.</param>
    /// <param name="learningRate">The blog's alpha.</param>
    public static void Apply<T>(Span<T> parameters, Span<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length<T>(gradient, parameters.Length);

        // One pass: gradient·(−learningRate) + parameters, not fused, is parameters − learningRate·gradient bit for bit
        // (negation is exact, and so is adding a negated number instead of subtracting it).
        TensorPrimitives.MultiplyAdd<T>(gradient, -learningRate, parameters, parameters);
    }
}
