using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>The plain gradient-descent update of the blog: <c>w −= α · ∂E/∂w</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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
    /// The loops per register width are written out, as in <see cref="Apply{T}"/>, rather than shared through
    /// <c>ILanes</c>: the generic form needs a horizontal sum per width, which measured about 4 ns more on the blog's
    /// network (<c>UpdateCheckCostBenchmarks</c>), a few percent of a whole step.
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
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> factor = Vector512.Create(step), check = Vector512<T>.Zero;
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> previous = Vector512.LoadUnsafe(ref p, (nuint)i);
                Vector512<T> updated = Vector512.LoadUnsafe(ref g, (nuint)i) * factor + previous;
                updated.StoreUnsafe(ref p, (nuint)i);
                previous.StoreUnsafe(ref g, (nuint)i);
                check += updated - updated;
            }

            finite = Vector512.EqualsAll(check, Vector512<T>.Zero);
        }

        if (Vector256.IsHardwareAccelerated && length - i >= Vector256<T>.Count)
        {
            Vector256<T> factor = Vector256.Create(step), check = Vector256<T>.Zero;
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> previous = Vector256.LoadUnsafe(ref p, (nuint)i);
                Vector256<T> updated = Vector256.LoadUnsafe(ref g, (nuint)i) * factor + previous;
                updated.StoreUnsafe(ref p, (nuint)i);
                previous.StoreUnsafe(ref g, (nuint)i);
                check += updated - updated;
            }

            finite &= Vector256.EqualsAll(check, Vector256<T>.Zero);
        }

        if (Vector128.IsHardwareAccelerated && length - i >= Vector128<T>.Count)
        {
            Vector128<T> factor = Vector128.Create(step), check = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> previous = Vector128.LoadUnsafe(ref p, (nuint)i);
                Vector128<T> updated = Vector128.LoadUnsafe(ref g, (nuint)i) * factor + previous;
                updated.StoreUnsafe(ref p, (nuint)i);
                previous.StoreUnsafe(ref g, (nuint)i);
                check += updated - updated;
            }

            finite &= Vector128.EqualsAll(check, Vector128<T>.Zero);
        }

        T tail = T.Zero;
        for (; i < length; i++)
        {
            T previous = Unsafe.Add(ref p, i);
            T updated = (Unsafe.Add(ref g, i) * step) + previous;
            Unsafe.Add(ref p, i) = updated;
            Unsafe.Add(ref g, i) = previous;
            tail += updated - updated;
        }

        if (finite && tail == T.Zero)
        {
            return true;
        }

        gradient.Slice(0, length).CopyTo(parameters);
        return false;
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
