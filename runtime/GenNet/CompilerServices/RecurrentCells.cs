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
/// One streaming step of a GRU or LSTM layer with every gate of a block of units kept in registers: the input and
/// recurrent products, the gate nonlinearities and the state update in one pass, instead of one span kernel per
/// operation. Generated <c>Step</c> and <c>PredictSequence</c> call it once per layer and step; training keeps the
/// generated <c>Recurrent{l}</c> methods and their records. The same math, the sums taken in another order (biases,
/// then inputs, then the previous h in two interleaved chains), so results agree to rounding; float layers of whole
/// 512-bit registers of units take the fast path in <c>RecurrentCells.Single512.cs</c>, whose tanh is Eigen's
/// rational one (see <c>Numerics/GateMath.cs</c>). Weights are input-major (see <see cref="RecurrentLayout"/>); gate order
/// is ONNX's.
/// </summary>
/// <remarks>
/// Every width's kernel is a <see cref="MethodImplOptions.NoInlining"/> method of its own: inlined into a large
/// generated <c>Step</c>, its lane helpers ran past the JIT's inlining budget there and stayed calls.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RecurrentCells
{
    /// <summary>
    /// GRU (linear_before_reset = 1): z, r = σ(…), n = tanh(Wₙx + Wbₙ + r ⊙ (Rₙh + Rbₙ)), h' = n + z ⊙ (h − n).
    /// <paramref name="h"/> may be <paramref name="hPrevious"/>; <paramref name="scratch"/> holds at least U values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // checks and a dispatch: one call per layer and step remains
    public static void Gru<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> w, ReadOnlySpan<T> r,
        ReadOnlySpan<T> wb, ReadOnlySpan<T> rb, Span<T> h, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = h.Length;
        Check(x.Length, units, 3, hPrevious, w, r, wb, rb, scratch, 1);
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && units % Vector512<float>.Count == 0)
        {
            Gru512(Single(x), Single(hPrevious), Single(w), Single(r), Single(wb), Single(rb), Single(h), Single(scratch));
            return;
        }
#endif

        if (Vector512.IsHardwareAccelerated && units % Vector512<T>.Count == 0)
        {
            Gru<T, Lanes512<T>>(x, hPrevious, w, r, wb, rb, scratch);
        }
        else if (Vector256.IsHardwareAccelerated && units % Vector256<T>.Count == 0)
        {
            Gru<T, Lanes256<T>>(x, hPrevious, w, r, wb, rb, scratch);
        }
        else if (Vector128.IsHardwareAccelerated && units % Vector128<T>.Count == 0)
        {
            Gru<T, Lanes128<T>>(x, hPrevious, w, r, wb, rb, scratch);
        }
        else
        {
            Gru<T, ScalarLane<T>>(x, hPrevious, w, r, wb, rb, scratch);
        }

        scratch[..units].CopyTo(h); // only now: every block read the whole previous h
    }

    /// <summary>
    /// LSTM: i, o, f = σ(…), c̃ = tanh(…), c' = f ⊙ c + i ⊙ c̃, h' = o ⊙ tanh(c'). <paramref name="h"/> and
    /// <paramref name="c"/> may be the previous ones; <paramref name="scratch"/> holds at least 2·U values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Lstm<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> cPrevious, ReadOnlySpan<T> w,
        ReadOnlySpan<T> r, ReadOnlySpan<T> wb, ReadOnlySpan<T> rb, Span<T> h, Span<T> c, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = h.Length;
        Check(x.Length, units, 4, hPrevious, w, r, wb, rb, scratch, 2);
        if (cPrevious.Length != units || c.Length != units)
        {
            ThrowCellSize(units, cPrevious.Length, c.Length);
        }

#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && units % Vector512<float>.Count == 0)
        {
            Lstm512(Single(x), Single(hPrevious), Single(cPrevious), Single(w), Single(r), Single(wb), Single(rb), Single(h), Single(c), Single(scratch));
            return;
        }
#endif

        if (Vector512.IsHardwareAccelerated && units % Vector512<T>.Count == 0)
        {
            Lstm<T, Lanes512<T>>(x, hPrevious, cPrevious, w, r, wb, rb, scratch);
        }
        else if (Vector256.IsHardwareAccelerated && units % Vector256<T>.Count == 0)
        {
            Lstm<T, Lanes256<T>>(x, hPrevious, cPrevious, w, r, wb, rb, scratch);
        }
        else if (Vector128.IsHardwareAccelerated && units % Vector128<T>.Count == 0)
        {
            Lstm<T, Lanes128<T>>(x, hPrevious, cPrevious, w, r, wb, rb, scratch);
        }
        else
        {
            Lstm<T, ScalarLane<T>>(x, hPrevious, cPrevious, w, r, wb, rb, scratch);
        }

        scratch[..units].CopyTo(h);
        scratch.Slice(units, units).CopyTo(c);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Gru<T, TLanes>(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> w, ReadOnlySpan<T> r,
        ReadOnlySpan<T> wb, ReadOnlySpan<T> rb, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int units = hPrevious.Length, width = 3 * units, inputs = x.Length;
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T hs = ref MemoryMarshal.GetReference(hPrevious);
        ref T ws = ref MemoryMarshal.GetReference(w);
        ref T rs = ref MemoryMarshal.GetReference(r);
        ref T wbs = ref MemoryMarshal.GetReference(wb);
        ref T rbs = ref MemoryMarshal.GetReference(rb);
        ref T output = ref MemoryMarshal.GetReference(scratch);
        for (int k = 0; k < units; k += TLanes.Count)
        {
            // Biases, then xₜ·W, then hₜ₋₁·R for the z, r and n columns of this block of units.
            TLanes z = TLanes.Load(ref Unsafe.Add(ref wbs, k)) + TLanes.Load(ref Unsafe.Add(ref rbs, k));
            TLanes reset = TLanes.Load(ref Unsafe.Add(ref wbs, units + k)) + TLanes.Load(ref Unsafe.Add(ref rbs, units + k));
            TLanes inputSide = TLanes.Load(ref Unsafe.Add(ref wbs, (2 * units) + k));
            TLanes recurrentSide = TLanes.Load(ref Unsafe.Add(ref rbs, (2 * units) + k));
            for (int i = 0; i < inputs; i++)
            {
                TLanes xi = TLanes.Create(Unsafe.Add(ref xs, i));
                ref T row = ref Unsafe.Add(ref ws, (i * width) + k);
                z = TLanes.MultiplyAdd(xi, TLanes.Load(ref row), z);
                reset = TLanes.MultiplyAdd(xi, TLanes.Load(ref Unsafe.Add(ref row, units)), reset);
                inputSide = TLanes.MultiplyAdd(xi, TLanes.Load(ref Unsafe.Add(ref row, 2 * units)), inputSide);
            }

            for (int j = 0; j < units; j++)
            {
                TLanes hj = TLanes.Create(Unsafe.Add(ref hs, j));
                ref T row = ref Unsafe.Add(ref rs, (j * width) + k);
                z = TLanes.MultiplyAdd(hj, TLanes.Load(ref row), z);
                reset = TLanes.MultiplyAdd(hj, TLanes.Load(ref Unsafe.Add(ref row, units)), reset);
                recurrentSide = TLanes.MultiplyAdd(hj, TLanes.Load(ref Unsafe.Add(ref row, 2 * units)), recurrentSide);
            }

            z = ActivationLanes.Activate<Sigmoid, T, TLanes>(z);
            reset = ActivationLanes.Activate<Sigmoid, T, TLanes>(reset);
            TLanes candidate = ActivationLanes.Activate<Tanh, T, TLanes>(TLanes.MultiplyAdd(reset, recurrentSide, inputSide));
            TLanes previous = TLanes.Load(ref Unsafe.Add(ref hs, k));
            TLanes.Store(TLanes.MultiplyAdd(z, previous - candidate, candidate), ref Unsafe.Add(ref output, k));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Lstm<T, TLanes>(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> cPrevious, ReadOnlySpan<T> w,
        ReadOnlySpan<T> r, ReadOnlySpan<T> wb, ReadOnlySpan<T> rb, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int units = hPrevious.Length, width = 4 * units, inputs = x.Length;
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T hs = ref MemoryMarshal.GetReference(hPrevious);
        ref T cs = ref MemoryMarshal.GetReference(cPrevious);
        ref T ws = ref MemoryMarshal.GetReference(w);
        ref T rs = ref MemoryMarshal.GetReference(r);
        ref T wbs = ref MemoryMarshal.GetReference(wb);
        ref T rbs = ref MemoryMarshal.GetReference(rb);
        ref T output = ref MemoryMarshal.GetReference(scratch);
        for (int k = 0; k < units; k += TLanes.Count)
        {
            // Gate columns i, o, f, c of this block of units: biases, then xₜ·W, then hₜ₋₁·R.
            TLanes input = TLanes.Load(ref Unsafe.Add(ref wbs, k)) + TLanes.Load(ref Unsafe.Add(ref rbs, k));
            TLanes output_ = TLanes.Load(ref Unsafe.Add(ref wbs, units + k)) + TLanes.Load(ref Unsafe.Add(ref rbs, units + k));
            TLanes forget = TLanes.Load(ref Unsafe.Add(ref wbs, (2 * units) + k)) + TLanes.Load(ref Unsafe.Add(ref rbs, (2 * units) + k));
            TLanes cell = TLanes.Load(ref Unsafe.Add(ref wbs, (3 * units) + k)) + TLanes.Load(ref Unsafe.Add(ref rbs, (3 * units) + k));
            for (int i = 0; i < inputs; i++)
            {
                TLanes xi = TLanes.Create(Unsafe.Add(ref xs, i));
                ref T row = ref Unsafe.Add(ref ws, (i * width) + k);
                input = TLanes.MultiplyAdd(xi, TLanes.Load(ref row), input);
                output_ = TLanes.MultiplyAdd(xi, TLanes.Load(ref Unsafe.Add(ref row, units)), output_);
                forget = TLanes.MultiplyAdd(xi, TLanes.Load(ref Unsafe.Add(ref row, 2 * units)), forget);
                cell = TLanes.MultiplyAdd(xi, TLanes.Load(ref Unsafe.Add(ref row, 3 * units)), cell);
            }

            for (int j = 0; j < units; j++)
            {
                TLanes hj = TLanes.Create(Unsafe.Add(ref hs, j));
                ref T row = ref Unsafe.Add(ref rs, (j * width) + k);
                input = TLanes.MultiplyAdd(hj, TLanes.Load(ref row), input);
                output_ = TLanes.MultiplyAdd(hj, TLanes.Load(ref Unsafe.Add(ref row, units)), output_);
                forget = TLanes.MultiplyAdd(hj, TLanes.Load(ref Unsafe.Add(ref row, 2 * units)), forget);
                cell = TLanes.MultiplyAdd(hj, TLanes.Load(ref Unsafe.Add(ref row, 3 * units)), cell);
            }

            input = ActivationLanes.Activate<Sigmoid, T, TLanes>(input);
            output_ = ActivationLanes.Activate<Sigmoid, T, TLanes>(output_);
            forget = ActivationLanes.Activate<Sigmoid, T, TLanes>(forget);
            cell = ActivationLanes.Activate<Tanh, T, TLanes>(cell);
            TLanes c = TLanes.MultiplyAdd(forget, TLanes.Load(ref Unsafe.Add(ref cs, k)), input * cell);
            TLanes.Store(output_ * ActivationLanes.Activate<Tanh, T, TLanes>(c), ref Unsafe.Add(ref output, k));
            TLanes.Store(c, ref Unsafe.Add(ref output, units + k));
        }
    }

    private static void Check<T>(int inputs, int units, int gates, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> w, ReadOnlySpan<T> r,
        ReadOnlySpan<T> wb, ReadOnlySpan<T> rb, Span<T> scratch, int scratchRows)
    {
        int width = gates * units;
        if (hPrevious.Length != units || w.Length != inputs * width || r.Length != units * width || wb.Length != width
            || rb.Length != width || scratch.Length < scratchRows * units)
        {
            ThrowSizes(inputs, units, gates, hPrevious.Length, w.Length, r.Length, wb.Length, rb.Length, scratch.Length, scratchRows);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCellSize(int units, int cPrevious, int c) =>
        throw new ArgumentException($"cPrevious and c must hold {units} values; got {cPrevious} and {c}.", nameof(c));

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the entry points small enough to inline into Step
    private static void ThrowSizes(int inputs, int units, int gates, int h, int w, int r, int wb, int rb, int scratch, int scratchRows)
    {
        int width = gates * units;
        throw new ArgumentException(
            $"A {gates}-gate layer of {units} units on {inputs} inputs needs h {units}, W {inputs * width}, R {units * width}, biases {width} " +
            $"and scratch {scratchRows * units}; got {h}, {w}, {r}, {wb}/{rb} and {scratch}.");
    }
}
