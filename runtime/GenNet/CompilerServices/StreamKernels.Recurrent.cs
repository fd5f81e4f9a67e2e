using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// One GRU or LSTM layer of one group of streams, products and cell together: what generated Streams.Step calls once
// per layer and group. Float groups of whole 512-bit registers of streams take the blocked kernels of
// StreamKernels.Product512.cs and StreamKernels.Cells512.cs (the single-stream Step's GateMath nonlinearities);
// everything else the generic products (Affine) and cells (GruCell, LstmCell) of StreamKernels.cs.
public static partial class StreamKernels
{
    /// <summary>
    /// One GRU step (linear_before_reset = 1) of every stream of a group, in place in <paramref name="h"/> (U rows of
    /// <paramref name="stride"/>): <paramref name="inputBias"/>, <paramref name="w"/> and <paramref name="x"/> the input
    /// side, <paramref name="recurrentBias"/> and <paramref name="r"/> the recurrent side (3U gate rows: z, r, h; weights
    /// input-major), <paramref name="gates"/> and <paramref name="recurrent"/> scratch blocks of 3U rows each.
    /// </summary>
    public static void Gru<T>(ReadOnlySpan<T> inputBias, ReadOnlySpan<T> recurrentBias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r,
        Span<T> h, Span<T> gates, Span<T> recurrent, int stride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = h.Length / stride, width = 3 * units, inputs = x.Length / stride;
        CheckLayer(stride, units, width, inputs, inputBias, recurrentBias, w, x, r, h, gates);
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && stride % Vector512<float>.Count == 0)
        {
            ref float g = ref Single(gates);
            ref float wb = ref Single(inputBias), rb = ref Single(recurrentBias), ws = ref Single(w), xs = ref Single(x), rs = ref Single(r), hs = ref Single(h);

            // z and r rows: both biases, both products, one sum each (as Step). The candidate's recurrent side
            // (Rb + hR) apart into rows 2U… of gates, because rₜ scales only it; its input side is the cell's.
            Product512(ref wb, ref rb, ref ws, ref xs, inputs, ref rs, ref hs, units, width, ref g, 2 * units, stride, twoBiases: true);
            Product512(ref Unsafe.Add(ref rb, 2 * units), ref rb, ref ws, ref xs, 0, ref Unsafe.Add(ref rs, 2 * units), ref hs, units, width,
                ref Unsafe.Add(ref g, 2 * units * stride), units, stride, twoBiases: false);
            GruCells512(ref g, ref wb, ref ws, ref xs, inputs, ref hs, units, width, stride);
            return;
        }
#endif

        Affine(inputBias, w, x, gates.Slice(0, width * stride), stride);
        Affine(recurrentBias, r, h, recurrent.Slice(0, width * stride), stride);
        GruCell<T>(gates.Slice(0, width * stride), recurrent.Slice(0, width * stride), h);
    }

    /// <summary>
    /// One LSTM step of every stream of a group, in place in <paramref name="h"/> and <paramref name="c"/> (U rows of
    /// <paramref name="stride"/> each): 4U gate rows (i, o, f, c; weights input-major), <paramref name="gates"/> a
    /// scratch block of 4U rows.
    /// </summary>
    public static void Lstm<T>(ReadOnlySpan<T> inputBias, ReadOnlySpan<T> recurrentBias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r,
        Span<T> h, Span<T> c, Span<T> gates, int stride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = h.Length / stride, width = 4 * units, inputs = x.Length / stride;
        CheckLayer(stride, units, width, inputs, inputBias, recurrentBias, w, x, r, h, gates);
        if (c.Length != h.Length)
        {
            throw new ArgumentException($"c must hold as many values as h ({h.Length}); it holds {c.Length}.", nameof(c));
        }

#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && stride % Vector512<float>.Count == 0)
        {
            ref float g = ref Single(gates);
            Product512(ref Single(inputBias), ref Single(recurrentBias), ref Single(w), ref Single(x), inputs, ref Single(r), ref Single(h), units, width, ref g, width, stride, twoBiases: true);
            LstmCells512(ref g, ref Single(h), ref Single(c), units, stride);
            return;
        }
#endif

        Affine(inputBias, recurrentBias, w, x, r, h, gates.Slice(0, width * stride), stride);
        LstmCell<T>(gates.Slice(0, width * stride), h, c);
    }

    // Every size the blocked kernels index by, checked once per layer: whole rows of a valid stride, weights and
    // biases of the width's rows, a gate block of width rows.
    private static void CheckLayer<T>(int stride, int units, int width, int inputs, ReadOnlySpan<T> inputBias, ReadOnlySpan<T> recurrentBias,
        ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r, ReadOnlySpan<T> h, ReadOnlySpan<T> gates)
    {
        if (stride <= 0 || stride % StreamAlignment != 0 || h.Length != units * stride || x.Length != inputs * stride || gates.Length < width * stride)
        {
            throw new ArgumentException($"Stream blocks must hold whole rows of the stride (a positive multiple of {StreamAlignment}) and the gates {width} rows; stride {stride}, x {x.Length}, h {h.Length}, gates {gates.Length}.", nameof(stride));
        }

        if (w.Length < inputs * width || r.Length < units * width || inputBias.Length < width || recurrentBias.Length < width)
        {
            throw new ArgumentException($"The weights are shorter than {width} gate rows need: W {inputs * width}, R {units * width} and biases {width}; got {w.Length}, {r.Length}, {inputBias.Length} and {recurrentBias.Length}.", nameof(w));
        }
    }

    private static ref float Single<T>(ReadOnlySpan<T> values) where T : unmanaged =>
        ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, float>(values));

    private static ref float Single<T>(Span<T> values) where T : unmanaged =>
        ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, float>(values));
}
