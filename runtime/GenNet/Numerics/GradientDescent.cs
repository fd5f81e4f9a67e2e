using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// <remarks>
    /// Every generated <c>TrainStep</c> ends here, so this loop is compiled fully optimised on its first call
    /// (<see cref="MethodImplOptions.AggressiveOptimization"/>) rather than calling <c>TensorPrimitives.MultiplyAdd</c>,
    /// whose generic code would run unoptimised (tier 0) for the first 100 ms or so of a new process. The cost is
    /// that the runtime's Dynamic PGO does not instrument it, which a straight loop without calls does not need.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T>(Span<T> parameters, Span<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length<T>(gradient, parameters.Length);

        // One pass: gradient·(−learningRate) + parameters, not fused, is parameters − learningRate·gradient bit for bit
        // (negation is exact, and so is adding a negated number instead of subtracting it). Each element is rounded on
        // its own, so the register width does not change the result.
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T step = -learningRate;
        int length = parameters.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> factor = Vector512.Create(step);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref g, (nuint)i) * factor + Vector512.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<T> factor = Vector256.Create(step);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref g, (nuint)i) * factor + Vector256.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<T> factor = Vector128.Create(step);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref g, (nuint)i) * factor + Vector128.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref p, i) = (Unsafe.Add(ref g, i) * step) + Unsafe.Add(ref p, i);
        }
    }
}
