using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using GenNet.Numerics;
using GenNet.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>
/// The output error of a batch and the loss it reports, for the fast path of generated networks: on a SIMD register
/// of rows, or on a row-major matrix of outputs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossLanes
{
    /// <summary><c>Σ −(y·log p + (1 − y)·log(1 − p))</c> over the lanes (see <see cref="LossTerms.BinaryCrossEntropy{T}"/>).</summary>
    public static T BinaryCrossEntropy<T, TLanes>(TLanes p, TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        Span<T> values = stackalloc T[2 * TLanes.Count];
        TLanes.Store(p, ref values[0]);
        TLanes.Store(y, ref values[TLanes.Count]);
        T sum = T.Zero;
        for (int k = 0; k < TLanes.Count; k++)
        {
            sum += LossTerms.BinaryCrossEntropy(values[k], values[TLanes.Count + k]);
        }

        return sum;
    }

    /// <summary><c>Σ −y·log p</c> over the lanes (see <see cref="LossTerms.CrossEntropy{T}"/>).</summary>
    public static T CrossEntropy<T, TLanes>(TLanes p, TLanes y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        Span<T> values = stackalloc T[2 * TLanes.Count];
        TLanes.Store(p, ref values[0]);
        TLanes.Store(y, ref values[TLanes.Count]);
        T sum = T.Zero;
        for (int k = 0; k < TLanes.Count; k++)
        {
            sum += LossTerms.CrossEntropy(values[k], values[TLanes.Count + k]);
        }

        return sum;
    }

    /// <summary><c>errors = outputs − targets</c>; returns <c>Σ |errors|</c>.</summary>
    public static T AbsoluteErrors<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> errors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Subtract(outputs, targets, errors);
        return TensorPrimitives.SumOfMagnitudes<T>(errors);
    }

    /// <summary><c>errors = outputs − targets</c>; returns <c>Σ errors²</c>.</summary>
    public static T SquaredErrors<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> errors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Subtract(outputs, targets, errors);
        return TensorPrimitives.SumOfSquares<T>(errors);
    }

    /// <summary><c>errors = outputs − targets</c>; returns the summed binary cross-entropy of the outputs.</summary>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> errors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Subtract(outputs, targets, errors);
        T sum = T.Zero;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += LossTerms.BinaryCrossEntropy(outputs[i], targets[i]);
        }

        return sum;
    }

    /// <summary><c>errors = outputs − targets</c>; returns the summed cross-entropy of the (softmax) outputs.</summary>
    public static T CrossEntropy<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> errors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Subtract(outputs, targets, errors);
        T sum = T.Zero;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += LossTerms.CrossEntropy(outputs[i], targets[i]);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> errors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Length(targets, outputs.Length);
        Guard.Length<T>(errors, outputs.Length);
        TensorPrimitives.Subtract<T>(outputs, targets, errors);
    }
}
