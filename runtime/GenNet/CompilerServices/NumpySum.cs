using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>
/// Sums in numpy's order: what <c>np.sum(a)</c> and <c>np.mean(a)</c> (no axis) compute for a C-contiguous float64 or
/// float32 array of any shape, bit for bit. numpy reduces such an array as one run of all its elements, in index
/// order, through its ufunc buffer: in chunks of <see cref="BufferSize"/> elements, each summed pairwise
/// (<c>pairwise_sum</c> in numpy/_core/src/umath/loops_utils.h.src) and added in turn to a total that starts at +0.
/// <list type="bullet">
/// <item>fewer than 8 elements: one left-to-right sum from +0;</item>
/// <item>8 to <see cref="PairwiseBlockSize"/> (128): eight accumulators r₀…r₇ take elements i, i + 8, … of their
/// lane, combined as ((r₀ + r₁) + (r₂ + r₃)) + ((r₄ + r₅) + (r₆ + r₇)), then the last n mod 8 elements one at a time;</item>
/// <item>more: the first n₂ = ⌊n / 2⌋ rounded down to a multiple of 8 elements and the rest, each summed so, then added.</item>
/// </list>
/// Float32 arrays sum in float32 (numpy does not widen them), and a mean is the sum divided by the count in float64,
/// rounded to the array's type. Checked against numpy 1.24.2 by tests/GenNet.Tests/Reference/numpy_sums.py.
/// <see cref="NumpySum{T}"/> computes the same sum from values given one at a time, without storing them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NumpySum
{
    /// <summary>numpy's <c>PW_BLOCKSIZE</c>: runs up to this long are summed with eight accumulators, longer ones are halved.</summary>
    public const int PairwiseBlockSize = 128;

    /// <summary>numpy's default ufunc buffer size (<c>np.getbufsize()</c>, <c>NPY_BUFSIZE</c>): a reduction sums chunks this long pairwise.</summary>
    public const int BufferSize = 8192;

    /// <summary><c>np.sum(values)</c> for a contiguous array holding <paramref name="values"/>, bit for bit.</summary>
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = T.Zero;
        for (int start = 0; start < values.Length; start += BufferSize)
        {
            total += Pairwise(values.Slice(start, Math.Min(BufferSize, values.Length - start)));
        }

        return total;
    }

    /// <summary><c>np.mean(values)</c> for a contiguous array holding <paramref name="values"/>, bit for bit (NaN when empty).</summary>
    public static T Mean<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Divide(Sum(values), values.Length);

    /// <summary>numpy's <c>pairwise_sum</c> over one run of values, without the chunking of <see cref="Sum{T}"/>.</summary>
    public static T Pairwise<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (n < 8)
        {
            T sum = T.Zero;
            for (int i = 0; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        if (n <= PairwiseBlockSize)
        {
            T r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            T r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }

            T sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        int half = FirstHalf(n);
        return Pairwise(values.Slice(0, half)) + Pairwise(values.Slice(half));
    }

    /// <summary>How numpy splits a run longer than <see cref="PairwiseBlockSize"/>: ⌊n / 2⌋ rounded down to a multiple of 8.</summary>
    internal static int FirstHalf(int n)
    {
        int half = n / 2;
        return half - (half % 8);
    }

    /// <summary>np.mean's last step: the sum divided by the count in float64, rounded to T.</summary>
    internal static T Divide<T>(T sum, int count)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating(double.CreateTruncating(sum) / count);
}

/// <summary>
/// <see cref="NumpySum.Sum{T}"/> of a known number of values that arrive one at a time, such as the error terms of a
/// training step, row after row: the same additions in the same order, with no buffer. Create it with the count, call
/// <see cref="Add"/> once per value in index order, then read <see cref="Total"/>. A mutable struct: keep it in a
/// local and do not copy it while adding.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct NumpySum<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Within a chunk, numpy's recursion visits its leaves (runs of at most 128) in index order. Each frame is a split
    // whose first half is being summed (RightLength > 0, the second half's length) or whose second half is
    // (RightLength = 0, LeftSum holds the first half's sum). A chunk of 8,192 splits at most 7 deep.
    private const int MaxDepth = 8;

    private Frames _frames;
    private int _depth;

    private Lanes _lanes;     // numpy's r[0..7] in a leaf of 8 or more
    private T _leafSum;      // numpy's res: the plain sum of a short leaf, or of the combined lanes and the tail
    private int _leafLength;
    private int _leafPosition;
    private int _lanesEnd;   // the leaf's length rounded down to a multiple of 8: the elements that go to the lanes

    private int _remaining;  // values after the current chunk
    private T _total;        // the chunks' sums so far, from +0

    /// <summary>Starts a sum of exactly <paramref name="count"/> values.</summary>
    public NumpySum(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _total = T.Zero;
        _remaining = count;
        StartChunk();
    }

    /// <summary>numpy's sum of the values added so far, once all of them have been added; +0 for none.</summary>
    public readonly T Total => _total;

    /// <summary>Adds the next value, in index order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        int i = _leafPosition++;
        if (i >= _lanesEnd)
        {
            _leafSum += value;
        }
        else if (i < 8)
        {
            _lanes[i] = value;
        }
        else
        {
            _lanes[i & 7] += value;
        }

        if (i + 1 == _lanesEnd)
        {
            _leafSum = ((_lanes[0] + _lanes[1]) + (_lanes[2] + _lanes[3])) + ((_lanes[4] + _lanes[5]) + (_lanes[6] + _lanes[7]));
        }

        if (i + 1 == _leafLength)
        {
            EndLeaf();
        }
    }

    private void StartChunk()
    {
        int length = Math.Min(_remaining, NumpySum.BufferSize);
        _remaining -= length;
        _depth = 0;
        StartSubtree(length);
    }

    // Descends through the first halves to the first leaf of a run of this length.
    private void StartSubtree(int length)
    {
        while (length > NumpySum.PairwiseBlockSize)
        {
            int half = NumpySum.FirstHalf(length);
            _frames[_depth++] = new Frame { RightLength = length - half };
            length = half;
        }

        _leafLength = length;
        _leafPosition = 0;
        _leafSum = T.Zero;
        _lanesEnd = length < 8 ? 0 : length - (length % 8);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EndLeaf()
    {
        T sum = _leafSum;
        while (_depth > 0)
        {
            ref Frame frame = ref _frames[_depth - 1];
            if (frame.RightLength > 0)
            {
                int right = frame.RightLength;
                frame.LeftSum = sum;
                frame.RightLength = 0;
                StartSubtree(right);
                return;
            }

            sum = frame.LeftSum + sum;
            _depth--;
        }

        _total += sum;
        if (_remaining > 0)
        {
            StartChunk();
        }
        else
        {
            _leafLength = -1;   // no more values are expected
        }
    }

    private struct Frame
    {
        public T LeftSum;
        public int RightLength;
    }

    [InlineArray(MaxDepth)]
    private struct Frames
    {
        private Frame _element;
    }

    [InlineArray(8)]
    private struct Lanes
    {
        private T _element;
    }
}
