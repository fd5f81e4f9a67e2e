using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNet.Activations;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// Calls an activation on a SIMD register or a whole span: its lane form where it has one, otherwise its scalar
/// functions lane by lane. Generated networks call activations through this class on their fast path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationLanes
{
    /// <summary>f(x) in every lane of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Activate<TActivation, T, TLanes>(TLanes x)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TActivation.HasLaneForm ? TActivation.Activate<T, TLanes>(x) : TLanes.Map<ActivateOf<TActivation>>(x);

    /// <summary>f'(x) from the output y = f(x) in every lane of <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes DerivativeFromOutput<TActivation, T, TLanes>(TLanes y)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T> =>
        TActivation.HasLaneForm ? TActivation.DerivativeFromOutput<T, TLanes>(y) : TLanes.Map<DerivativeOf<TActivation>>(y);

    /// <summary><c>values[i] = f(values[i])</c>, a register at a time, the tail one value at a time (same rounding).</summary>
    public static void Activate<TActivation, T>(Span<T> values)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = ActivateRun<TActivation, T, Lanes512<T>>(ref start, i, values.Length);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = ActivateRun<TActivation, T, Lanes256<T>>(ref start, i, values.Length);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = ActivateRun<TActivation, T, Lanes128<T>>(ref start, i, values.Length);
        }

        ActivateRun<TActivation, T, ScalarLane<T>>(ref start, i, values.Length);
    }

    /// <summary><c>deltas[i] *= f'(outputs[i])</c>: a layer's error times its activation's slope.</summary>
    public static void MultiplyByDerivative<TActivation, T>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GenNet.CompilerServices.Guard.Length(outputs, deltas.Length);
        ref T delta = ref MemoryMarshal.GetReference(deltas);
        ref T output = ref MemoryMarshal.GetReference(outputs);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = DerivativeRun<TActivation, T, Lanes512<T>>(ref delta, ref output, i, deltas.Length);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = DerivativeRun<TActivation, T, Lanes256<T>>(ref delta, ref output, i, deltas.Length);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = DerivativeRun<TActivation, T, Lanes128<T>>(ref delta, ref output, i, deltas.Length);
        }

        DerivativeRun<TActivation, T, ScalarLane<T>>(ref delta, ref output, i, deltas.Length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // its own method: four inlined widths of an exp or tanh exhaust the caller's inlining budget
    private static int ActivateRun<TActivation, T, TLanes>(ref T values, int i, int length)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            ref T at = ref Unsafe.Add(ref values, i);
            TLanes.Store(Activate<TActivation, T, TLanes>(TLanes.Load(ref at)), ref at);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // its own method: four inlined widths of an exp or tanh exhaust the caller's inlining budget
    private static int DerivativeRun<TActivation, T, TLanes>(ref T deltas, ref T outputs, int i, int length)
        where TActivation : IActivation
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            ref T delta = ref Unsafe.Add(ref deltas, i);
            TLanes slope = DerivativeFromOutput<TActivation, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref outputs, i)));
            TLanes.Store(TLanes.Load(ref delta) * slope, ref delta);
        }

        return i;
    }

    /// <summary><typeparamref name="TActivation"/>'s scalar function, for <see cref="ILanes{TSelf, T}.Map{TFunction}"/>.</summary>
    private readonly struct ActivateOf<TActivation> : IScalarFunction where TActivation : IActivation
    {
        public static TValue Invoke<TValue>(TValue x) where TValue : IFloatingPointIeee754<TValue> => TActivation.Activate(x);
    }

    /// <summary><typeparamref name="TActivation"/>'s derivative from the output, for <see cref="ILanes{TSelf, T}.Map{TFunction}"/>.</summary>
    private readonly struct DerivativeOf<TActivation> : IScalarFunction where TActivation : IActivation
    {
        public static TValue Invoke<TValue>(TValue y) where TValue : IFloatingPointIeee754<TValue> => TActivation.DerivativeFromOutput(y);
    }
}
