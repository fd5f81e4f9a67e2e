using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Numerics.Lanes;

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

        // gradient·(−learningRate) + parameters, not fused, is parameters − learningRate·gradient bit for bit (negation
        // is exact, and so is adding a negated number instead of subtracting it). Each element is rounded on its own,
        // so the register width does not change the result.
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T step = -learningRate;
        int length = parameters.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = ApplyRun<T, Lanes512<T>>(ref p, ref g, step, i, length);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = ApplyRun<T, Lanes256<T>>(ref p, ref g, step, i, length);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = ApplyRun<T, Lanes128<T>>(ref p, ref g, step, i, length);
        }

        ApplyRun<T, ScalarLane<T>>(ref p, ref g, step, i, length);
    }

    /// <summary>
    /// <see cref="Apply{T}"/>, unless a weight would become NaN or infinite: then nothing changes and the result is
    /// false. The public <c>TrainStep</c> of every generated network updates through this, so that a diverging step is
    /// refused with the weights intact instead of leaving NaN behind for the next call to find.
    /// </summary>
    /// <param name="parameters">The weights, updated in place when the result is true, untouched when it is false.</param>
    /// <param name="gradient">The gradient; overwritten (it holds the previous weights while the update runs).</param>
    /// <param name="learningRate">The blog's alpha.</param>
    /// <returns>Whether the step was applied: every updated weight is finite.</returns>
    /// <remarks>
    /// One pass, as <see cref="Apply{T}"/>: each element's previous weight is kept in the gradient's slot as the new
    /// one is stored, and a running sum of <c>w − w</c> over the new weights, zero exactly when all are finite, decides
    /// at the end whether to copy the previous weights back. The updated weights are <see cref="Apply{T}"/>'s bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryApply<T>(Span<T> parameters, Span<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length<T>(gradient, parameters.Length);
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T step = -learningRate;
        int length = parameters.Length;
        int i = 0;
        bool finite = true;
        if (Vector512.IsHardwareAccelerated)
        {
            finite &= TryApplyRun<T, Lanes512<T>>(ref p, ref g, step, ref i, length);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            finite &= TryApplyRun<T, Lanes256<T>>(ref p, ref g, step, ref i, length);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            finite &= TryApplyRun<T, Lanes128<T>>(ref p, ref g, step, ref i, length);
        }

        finite &= TryApplyRun<T, ScalarLane<T>>(ref p, ref g, step, ref i, length);
        if (finite)
        {
            return true;
        }

        gradient.Slice(0, length).CopyTo(parameters);
        return false;
    }

    // Apply's elements from i on, a register of TLanes at a time while a whole one fits; returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static int ApplyRun<T, TLanes>(ref T p, ref T g, T step, int i, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes factor = TLanes.Create(step);
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            ref T weight = ref Unsafe.Add(ref p, i);
            TLanes.Store((TLanes.Load(ref Unsafe.Add(ref g, i)) * factor) + TLanes.Load(ref weight), ref weight);
        }

        return i;
    }

    // TryApply's elements, as ApplyRun, keeping the previous weights in the gradient's slots; whether every new one is finite.
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool TryApplyRun<T, TLanes>(ref T p, ref T g, T step, ref int i, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes factor = TLanes.Create(step);
        TLanes check = TLanes.Create(T.Zero);
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            ref T weight = ref Unsafe.Add(ref p, i);
            ref T slot = ref Unsafe.Add(ref g, i);
            TLanes previous = TLanes.Load(ref weight);
            TLanes updated = (TLanes.Load(ref slot) * factor) + previous;
            TLanes.Store(updated, ref weight);
            TLanes.Store(previous, ref slot);
            check += updated - updated; // +0 for a finite weight, NaN for NaN or ±∞, and NaN survives the sum
        }

        return TLanes.Sum(check) == T.Zero;
    }

    /// <summary>
    /// Throws the <see cref="NotFiniteNumberException"/> of a training step that was not applied because its error
    /// (<paramref name="error"/>) or an updated weight was NaN or infinite.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowStepNotFinite<T>(T error)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string cause = T.IsFinite(error)
            ? "it would have made a weight NaN or infinite"
            : $"its error was {error}";
        throw new NotFiniteNumberException(
            $"The training step was not applied: {cause}. The weights are as they were before the step. "
            + "Lower the learning rate or scale the inputs; Trainer reports such a step as TrainingStatus.Diverged.",
            double.CreateSaturating(error));
    }
}
