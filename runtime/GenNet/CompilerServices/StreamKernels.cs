using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GenNet.Activations;
using GenNet.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// The kernels of generated many-stream sequence networks (<see cref="ISequenceStreams{T}"/>). Streams go in groups of
/// <c>stride</c> (<see cref="GroupStride"/>: the count rounded up to <see cref="StreamAlignment"/>, at most
/// <see cref="MaxGroup"/>), and a group's values are stream-minor (structure of arrays): row k holds value k of every
/// stream of the group, <c>block[k · stride + s]</c>. A weight is then one broadcast value and a row of streams whole
/// registers, so each gate of each unit is a vectorised loop across streams; a group's gates stay in the L1 cache while
/// the whole step runs on it; and the padding streams (zeros in, finite values out, never read back) leave no tail.
/// Only generated code calls these.
/// </summary>
/// <remarks>
/// A recurrent layer is one call (<see cref="Gru{T}"/>, <see cref="Lstm{T}"/>, StreamKernels.Recurrent.cs). Float groups
/// of whole 512-bit registers of streams (16 or 32) run it as a register-blocked product across streams
/// (StreamKernels.Product512.cs: 8 gate rows × 2 registers of streams, at the FMA peak) and a cell pass with the
/// single-stream Step's gate functions (StreamKernels.Cells512.cs, GateMath); a stream then agrees with its Step to
/// rounding (the sums' order differs: Step interleaves four chains). The generic products here add their terms in the
/// order of <see cref="SequenceKernels.MultiplyAdd{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> (the bias first, then one
/// fused multiply-add per input in input order) and the generic cells use the runtime's lane activations: the path of
/// doubles, of groups of 8 and of machines without AVX-512.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class StreamKernels
{
    /// <summary>A group's stride is a multiple of this: whole 256-bit registers of floats (512-bit of doubles); from
    /// 9 streams on, of 16 (whole 512-bit registers of floats).</summary>
    public const int StreamAlignment = 8;

    /// <summary>The most streams in a group: an LSTM layer of 32 units keeps its 128 gate rows of 32 floats (16 KiB) in
    /// the L1 cache.</summary>
    public const int MaxGroup = 32;

    /// <summary>The streams per group (the row length of a group's blocks) for <paramref name="count"/> streams: the count
    /// rounded up to <see cref="StreamAlignment"/>, at most <see cref="MaxGroup"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public static int GroupStride(int count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The stream count must be at least 1.");
        }

        return count <= StreamAlignment ? StreamAlignment : Math.Min(MaxGroup, (count + 15) / 16 * 16);
    }

    /// <summary>The length of a state array of <paramref name="count"/> streams in groups of <paramref name="stride"/>:
    /// whole groups of <paramref name="stateLength"/> rows.</summary>
    /// <exception cref="OverflowException">More than <see cref="int.MaxValue"/> values.</exception>
    public static int GroupedLength(int count, int stride, int stateLength) =>
        checked(((count + stride - 1) / stride) * stride * stateLength);

    /// <summary><c>y[g, s] += Σᵢ w[i·n + g] · x[i, s]</c>: one more product into values already there (a further
    /// convolution tap), continuing each row's chain of fused multiply-adds.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> x, Span<T> y, int stride)
        where T : unmanaged, IFloatingPointIeee754<T> => Product(default, default, w, x, default, default, y, stride, accumulate: true);

    /// <summary><c>y[g, s] = b[g] + Σᵢ w[i·n + g] · x[i, s]</c>: a dense layer for every stream (an empty
    /// <paramref name="bias"/> is zero). See the other overload.</summary>
    public static void Affine<T>(ReadOnlySpan<T> bias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, Span<T> y, int stride)
        where T : unmanaged, IFloatingPointIeee754<T> => Affine(bias, default, w, x, default, default, y, stride);

    /// <summary>
    /// <c>y[g, s] = b[g] + c[g] + Σᵢ w[i·n + g] · x[i, s] + Σⱼ r[j·n + g] · h[j, s]</c> for the n = <c>y.Length / stride</c>
    /// rows of <paramref name="y"/>: a layer's gate pre-activations for every stream, weights input-major as in
    /// <see cref="RecurrentLayout"/>. An empty <paramref name="bias"/> or <paramref name="secondBias"/> is zero; empty
    /// <paramref name="r"/> and <paramref name="h"/> leave out the second product.
    /// </summary>
    /// <remarks>
    /// Eight rows (units) at a time stay in eight registers while every input row of streams is loaded once and each
    /// of its weights is broadcast into a fused multiply-add; eight independent chains keep the FMA pipes busy. Rows left
    /// over go one at a time, four registers of streams at once for the same reason.
    /// </remarks>
    public static void Affine<T>(ReadOnlySpan<T> bias, ReadOnlySpan<T> secondBias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r, ReadOnlySpan<T> h, Span<T> y, int stride)
        where T : unmanaged, IFloatingPointIeee754<T> => Product(bias, secondBias, w, x, r, h, y, stride, accumulate: false);

    private static void Product<T>(ReadOnlySpan<T> bias, ReadOnlySpan<T> secondBias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r, ReadOnlySpan<T> h, Span<T> y, int stride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Length / stride, inputs = x.Length / stride, units = h.Length / stride;
        if (stride <= 0 || stride % StreamAlignment != 0 || y.Length != n * stride || x.Length != inputs * stride || h.Length != units * stride)
        {
            throw new ArgumentException($"Stream blocks must hold whole rows of the stride (a positive multiple of {StreamAlignment}); stride {stride}, y {y.Length}, x {x.Length}, h {h.Length}.", nameof(stride));
        }

        if (w.Length < inputs * n || r.Length < units * n || (bias.Length != 0 && bias.Length < n) || (secondBias.Length != 0 && secondBias.Length < n))
        {
            throw new ArgumentException($"The weights are shorter than the product needs: {n} rows need W {inputs * n}, R {units * n} and biases {n}; got {w.Length}, {r.Length}, {bias.Length} and {secondBias.Length}.", nameof(w));
        }

        var blocks = new Blocks<T>(bias, secondBias, w, x, r, h, y, n, inputs, units, stride, accumulate);
        if (Lanes512<T>.IsHardwareAccelerated && stride % Lanes512<T>.Count == 0)
        {
            Run<T, Lanes512<T>>(in blocks);
        }
        else if (Lanes256<T>.IsHardwareAccelerated && stride % Lanes256<T>.Count == 0)
        {
            Run<T, Lanes256<T>>(in blocks);
        }
        else if (Lanes128<T>.IsHardwareAccelerated && stride % Lanes128<T>.Count == 0)
        {
            Run<T, Lanes128<T>>(in blocks);
        }
        else
        {
            Run<T, ScalarLane<T>>(in blocks);
        }
    }

    /// <summary>
    /// The GRU cell after its two products, every unit of every stream in one pass: with a = <paramref name="gates"/>
    /// (input side: z, r, h rows, U each) and b = <paramref name="recurrent"/> (recurrent side, the same rows),
    /// <c>z = σ(a_z + b_z)</c>, <c>r = σ(a_r + b_r)</c>, <c>h̃ = tanh(r ⊙ b_h + a_h)</c>, <c>h = z ⊙ (h − h̃) + h̃</c>, in place in
    /// <paramref name="h"/> (U rows). The operations and their order are the single-stream Step's, so the results are
    /// its bits; the gate values are not kept (inference only).
    /// </summary>
    public static void GruCell<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> recurrent, Span<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = h.Length;
        if (gates.Length < 3 * n || recurrent.Length < 3 * n)
        {
            throw new ArgumentException($"A GRU cell of {n} values needs {3 * n} gate and recurrent values; got {gates.Length} and {recurrent.Length}.", nameof(gates));
        }

        ref T a = ref MemoryMarshal.GetReference(gates);
        ref T b = ref MemoryMarshal.GetReference(recurrent);
        ref T y = ref MemoryMarshal.GetReference(h);
        int k = Lanes512<T>.IsHardwareAccelerated ? GruRun<T, Lanes512<T>>(ref a, ref b, ref y, 0, n) : 0;
        k = Lanes256<T>.IsHardwareAccelerated ? GruRun<T, Lanes256<T>>(ref a, ref b, ref y, k, n) : k;
        GruRun<T, ScalarLane<T>>(ref a, ref b, ref y, k, n);
    }

    /// <summary>
    /// The LSTM cell after its product, every unit of every stream in one pass: with a = <paramref name="gates"/> (i, o, f,
    /// c rows, U each), <c>c = σ(a_i) ⊙ tanh(a_c) + σ(a_f) ⊙ c</c> and <c>h = tanh(c) ⊙ σ(a_o)</c>, in place in
    /// <paramref name="h"/> and <paramref name="c"/> (U rows each). The single-stream Step's operations in its order.
    /// </summary>
    public static void LstmCell<T>(ReadOnlySpan<T> gates, Span<T> h, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = h.Length;
        if (gates.Length < 4 * n || c.Length != n)
        {
            throw new ArgumentException($"An LSTM cell of {n} values needs {4 * n} gate values and {n} of c; got {gates.Length} and {c.Length}.", nameof(gates));
        }

        ref T a = ref MemoryMarshal.GetReference(gates);
        ref T hRef = ref MemoryMarshal.GetReference(h);
        ref T cRef = ref MemoryMarshal.GetReference(c);
        int k = Lanes512<T>.IsHardwareAccelerated ? LstmRun<T, Lanes512<T>>(ref a, ref hRef, ref cRef, 0, n) : 0;
        k = Lanes256<T>.IsHardwareAccelerated ? LstmRun<T, Lanes256<T>>(ref a, ref hRef, ref cRef, k, n) : k;
        LstmRun<T, ScalarLane<T>>(ref a, ref hRef, ref cRef, k, n);
    }

    private static int GruRun<T, TLanes>(ref T a, ref T b, ref T h, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        for (; k <= n - TLanes.Count; k += TLanes.Count)
        {
            TLanes z = ActivationLanes.Activate<Sigmoid, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, k)) + TLanes.Load(ref Unsafe.Add(ref b, k)));
            TLanes r = ActivationLanes.Activate<Sigmoid, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, n + k)) + TLanes.Load(ref Unsafe.Add(ref b, n + k)));
            TLanes candidate = ActivationLanes.Activate<Tanh, T, TLanes>((r * TLanes.Load(ref Unsafe.Add(ref b, (2 * n) + k))) + TLanes.Load(ref Unsafe.Add(ref a, (2 * n) + k)));
            ref T at = ref Unsafe.Add(ref h, k);
            TLanes.Store((z * (TLanes.Load(ref at) - candidate)) + candidate, ref at);
        }

        return k;
    }

    private static int LstmRun<T, TLanes>(ref T a, ref T h, ref T c, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        for (; k <= n - TLanes.Count; k += TLanes.Count)
        {
            TLanes i = ActivationLanes.Activate<Sigmoid, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, k)));
            TLanes o = ActivationLanes.Activate<Sigmoid, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, n + k)));
            TLanes f = ActivationLanes.Activate<Sigmoid, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, (2 * n) + k)));
            TLanes candidate = ActivationLanes.Activate<Tanh, T, TLanes>(TLanes.Load(ref Unsafe.Add(ref a, (3 * n) + k)));
            ref T cAt = ref Unsafe.Add(ref c, k);
            TLanes cell = (i * candidate) + (f * TLanes.Load(ref cAt));
            TLanes.Store(cell, ref cAt);
            TLanes.Store(ActivationLanes.Activate<Tanh, T, TLanes>(cell) * o, ref Unsafe.Add(ref h, k));
        }

        return k;
    }

    /// <summary><c>columns[i · stride + s] = rows[s · width + i]</c> for <c>s &lt; count</c>, zero for the padding streams
    /// up to the stride: rows of streams in, stream-minor out (width = <c>rows.Length / count</c>).</summary>
    public static void ToStreams<T>(ReadOnlySpan<T> rows, Span<T> columns, int count, int stride)
    {
        int width = rows.Length / count;
        if (count < stride)
        {
            // A last, partial group: its padding streams read zeros, not the previous group's samples.
            for (int i = 0; i < width; i++)
            {
                columns.Slice((i * stride) + count, stride - count).Clear();
            }
        }

        if (width == 1)
        {
            rows.CopyTo(columns);
            return;
        }

        for (int s = 0; s < count; s++)
        {
            ReadOnlySpan<T> row = rows.Slice(s * width, width);
            for (int i = 0; i < width; i++)
            {
                columns[(i * stride) + s] = row[i];
            }
        }
    }

    /// <summary><c>rows[s · width + i] = columns[i · stride + s]</c> for <c>s &lt; count</c>: stream-minor in, rows of
    /// streams out (width = <c>rows.Length / count</c>).</summary>
    public static void FromStreams<T>(ReadOnlySpan<T> columns, Span<T> rows, int count, int stride)
    {
        int width = rows.Length / count;
        if (width == 1)
        {
            columns.Slice(0, count).CopyTo(rows);
            return;
        }

        for (int s = 0; s < count; s++)
        {
            Span<T> row = rows.Slice(s * width, width);
            for (int i = 0; i < width; i++)
            {
                row[i] = columns[(i * stride) + s];
            }
        }
    }

    /// <summary><c>values[i] = columns[i · stride + stream]</c>: one stream's column.</summary>
    public static void ReadStream<T>(ReadOnlySpan<T> columns, int stream, int stride, Span<T> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = columns[(i * stride) + stream];
        }
    }

    /// <summary><c>columns[i · stride + stream] = values[i]</c>: writes one stream's column.</summary>
    public static void WriteStream<T>(ReadOnlySpan<T> values, Span<T> columns, int stream, int stride)
    {
        for (int i = 0; i < values.Length; i++)
        {
            columns[(i * stride) + stream] = values[i];
        }
    }

    /// <summary><c>columns[i · stride + stream] = 0</c> for every row: clears one stream's column.</summary>
    public static void ClearStream<T>(Span<T> columns, int stream, int stride)
    {
        for (int i = stream; i < columns.Length; i += stride)
        {
            columns[i] = default!;
        }
    }

    /// <summary>Checks a stream index against the stream count.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is outside [0, <paramref name="count"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckStream(int stream, int count, [CallerArgumentExpression(nameof(stream))] string? name = null)
    {
        if ((uint)stream >= (uint)count)
        {
            ThrowStream(stream, count, name);
        }
    }

    private static void ThrowStream(int stream, int count, string? name) =>
        throw new ArgumentOutOfRangeException(name, stream, $"{name} must be between 0 and {count - 1} (there are {count} streams); it is {stream}.");

    private static void Run<T, TLanes>(in Blocks<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int g = 0;
        for (; g <= b.Rows - 8; g += 8)
        {
            for (int s = 0; s < b.Stride; s += TLanes.Count)
            {
                EightRows<T, TLanes>(in b, g, s);
            }
        }

        for (; g < b.Rows; g++)
        {
            int s = 0;
            for (; s <= b.Stride - (4 * TLanes.Count); s += 4 * TLanes.Count)
            {
                OneRow<T, TLanes>(in b, g, s);
            }

            for (; s < b.Stride; s += TLanes.Count)
            {
                OneRowOneRegister<T, TLanes>(in b, g, s);
            }
        }
    }

    // Rows g … g + 7, streams s … s + Count − 1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightRows<T, TLanes>(in Blocks<T> b, int g, int s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes a0 = b.Start<TLanes>(g, s), a1 = b.Start<TLanes>(g + 1, s), a2 = b.Start<TLanes>(g + 2, s), a3 = b.Start<TLanes>(g + 3, s);
        TLanes a4 = b.Start<TLanes>(g + 4, s), a5 = b.Start<TLanes>(g + 5, s), a6 = b.Start<TLanes>(g + 6, s), a7 = b.Start<TLanes>(g + 7, s);
        for (int side = 0; side < 2; side++)
        {
            ref T weights = ref side == 0 ? ref b.W : ref b.R;
            ref T values = ref side == 0 ? ref b.X : ref b.H;
            int count = side == 0 ? b.Inputs : b.Units;
            for (int i = 0; i < count; i++)
            {
                TLanes v = TLanes.Load(ref Unsafe.Add(ref values, (i * b.Stride) + s));
                ref T row = ref Unsafe.Add(ref weights, (i * b.Rows) + g);
                a0 = TLanes.MultiplyAdd(TLanes.Create(row), v, a0);
                a1 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 1)), v, a1);
                a2 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 2)), v, a2);
                a3 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 3)), v, a3);
                a4 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 4)), v, a4);
                a5 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 5)), v, a5);
                a6 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 6)), v, a6);
                a7 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref row, 7)), v, a7);
            }
        }

        ref T y = ref Unsafe.Add(ref b.Y, (g * b.Stride) + s);
        TLanes.Store(a0, ref y);
        TLanes.Store(a1, ref Unsafe.Add(ref y, b.Stride));
        TLanes.Store(a2, ref Unsafe.Add(ref y, 2 * b.Stride));
        TLanes.Store(a3, ref Unsafe.Add(ref y, 3 * b.Stride));
        TLanes.Store(a4, ref Unsafe.Add(ref y, 4 * b.Stride));
        TLanes.Store(a5, ref Unsafe.Add(ref y, 5 * b.Stride));
        TLanes.Store(a6, ref Unsafe.Add(ref y, 6 * b.Stride));
        TLanes.Store(a7, ref Unsafe.Add(ref y, 7 * b.Stride));
    }

    // Row g, streams s … s + 4·Count − 1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneRow<T, TLanes>(in Blocks<T> b, int g, int s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        int c = TLanes.Count;
        TLanes a0 = b.Start<TLanes>(g, s), a1 = b.Start<TLanes>(g, s + c), a2 = b.Start<TLanes>(g, s + (2 * c)), a3 = b.Start<TLanes>(g, s + (3 * c));
        for (int side = 0; side < 2; side++)
        {
            ref T weights = ref side == 0 ? ref b.W : ref b.R;
            ref T values = ref side == 0 ? ref b.X : ref b.H;
            int count = side == 0 ? b.Inputs : b.Units;
            for (int i = 0; i < count; i++)
            {
                TLanes weight = TLanes.Create(Unsafe.Add(ref weights, (i * b.Rows) + g));
                ref T v = ref Unsafe.Add(ref values, (i * b.Stride) + s);
                a0 = TLanes.MultiplyAdd(weight, TLanes.Load(ref v), a0);
                a1 = TLanes.MultiplyAdd(weight, TLanes.Load(ref Unsafe.Add(ref v, c)), a1);
                a2 = TLanes.MultiplyAdd(weight, TLanes.Load(ref Unsafe.Add(ref v, 2 * c)), a2);
                a3 = TLanes.MultiplyAdd(weight, TLanes.Load(ref Unsafe.Add(ref v, 3 * c)), a3);
            }
        }

        ref T y = ref Unsafe.Add(ref b.Y, (g * b.Stride) + s);
        TLanes.Store(a0, ref y);
        TLanes.Store(a1, ref Unsafe.Add(ref y, c));
        TLanes.Store(a2, ref Unsafe.Add(ref y, 2 * c));
        TLanes.Store(a3, ref Unsafe.Add(ref y, 3 * c));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneRowOneRegister<T, TLanes>(in Blocks<T> b, int g, int s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes a = b.Start<TLanes>(g, s);
        for (int i = 0; i < b.Inputs; i++)
        {
            a = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref b.W, (i * b.Rows) + g)), TLanes.Load(ref Unsafe.Add(ref b.X, (i * b.Stride) + s)), a);
        }

        for (int j = 0; j < b.Units; j++)
        {
            a = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref b.R, (j * b.Rows) + g)), TLanes.Load(ref Unsafe.Add(ref b.H, (j * b.Stride) + s)), a);
        }

        TLanes.Store(a, ref Unsafe.Add(ref b.Y, (g * b.Stride) + s));
    }

    // The operands of one Affine call as references and sizes, passed by reference to the block kernels.
    private readonly ref struct Blocks<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly ref T W;
        public readonly ref T X;
        public readonly ref T R;
        public readonly ref T H;
        public readonly ref T Y;
        public readonly int Rows;
        public readonly int Inputs;
        public readonly int Units;
        public readonly int Stride;
        private readonly bool _accumulate;
        private readonly ReadOnlySpan<T> _bias;
        private readonly ReadOnlySpan<T> _secondBias;

        public Blocks(ReadOnlySpan<T> bias, ReadOnlySpan<T> secondBias, ReadOnlySpan<T> w, ReadOnlySpan<T> x, ReadOnlySpan<T> r, ReadOnlySpan<T> h, Span<T> y, int rows, int inputs, int units, int stride, bool accumulate)
        {
            _accumulate = accumulate;
            _bias = bias;
            _secondBias = secondBias;
            W = ref MemoryMarshal.GetReference(w);
            X = ref MemoryMarshal.GetReference(x);
            R = ref MemoryMarshal.GetReference(r);
            H = ref MemoryMarshal.GetReference(h);
            Y = ref MemoryMarshal.GetReference(y);
            Rows = rows;
            Inputs = inputs;
            Units = units;
            Stride = stride;
        }

        // The starting values of row g, streams s…: y itself when accumulating, else the bias or the two biases' sum
        // (rounded once, as the single-stream Add does) or zero.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TLanes Start<TLanes>(int g, int s)
            where TLanes : struct, ILanes<TLanes, T> =>
            _accumulate ? TLanes.Load(ref Unsafe.Add(ref Y, (g * Stride) + s))
            : TLanes.Create(_bias.IsEmpty ? T.Zero : _secondBias.IsEmpty ? _bias[g] : _bias[g] + _secondBias[g]);
    }
}
