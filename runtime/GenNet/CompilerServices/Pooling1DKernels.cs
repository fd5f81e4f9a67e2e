using System;
using System.ComponentModel;
using System.Numerics;

namespace GenNet.CompilerServices;

/// <summary>
/// Max and average pooling after a Conv1D layer of a streaming network, one sample at a time: non-overlapping windows of
/// <c>size</c> outputs; when a window completes (its phase reaching size − 1) its maximum or mean becomes the held output,
/// given at every sample until the next window completes.
/// </summary>
/// <remarks>
/// A window's running maximum keeps the first largest value (<c>y &gt; max</c>, so a NaN is taken only when it comes
/// first), as <see cref="Pooling2DKernels"/>; the mean is the window's sum, in sample order, divided by <c>size</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling1DKernels
{
    /// <summary>
    /// One sample: folds <paramref name="y"/> into the window's running maximum (or sum) <paramref name="window"/>, moves
    /// it to <paramref name="held"/> when <paramref name="phase"/> completes the window, and overwrites
    /// <paramref name="y"/> with the held output.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths differ, or the phase is outside 0 … size − 1.</exception>
    public static void Step<T>(Span<T> y, Span<T> window, Span<T> held, int phase, int size, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(y.Length, window.Length, held.Length, phase, size);
        for (int o = 0; o < y.Length; o++)
        {
            window[o] = phase == 0 ? y[o] : max ? (y[o] > window[o] ? y[o] : window[o]) : window[o] + y[o];
        }

        if (phase == size - 1)
        {
            T scale = T.One / T.CreateTruncating(size);
            for (int o = 0; o < y.Length; o++)
            {
                held[o] = max ? window[o] : window[o] * scale;
            }
        }

        held.CopyTo(y);
    }

    /// <summary>
    /// Back through the pooling over steps [<paramref name="start"/>, <paramref name="end"/>) of a sequence:
    /// <paramref name="delta"/> holds ∂E/∂ of the held outputs (rows of <paramref name="channels"/>) and becomes ∂E/∂ of the
    /// layer's outputs <paramref name="raw"/>. A held output's gradient goes to the step whose window completed it (not
    /// before <paramref name="start"/>), then to that window's first maximum, or to each of its outputs divided by the
    /// size. <paramref name="firstPhase"/> is the phase at step 0; <paramref name="windowBefore"/> the running maximum the
    /// state held before step 0 (a window that began before the sequence compares against it, and its samples there are
    /// not differentiated). <paramref name="carry"/> is scratch of <paramref name="channels"/> values.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than the steps need, or a size is out of range.</exception>
    public static void Backward<T>(Span<T> delta, ReadOnlySpan<T> raw, int channels, int start, int end, int firstPhase, int size, bool max,
        ReadOnlySpan<T> windowBefore, Span<T> carry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (channels <= 0 || size < 2 || start < 0 || end < start || firstPhase < 0 || firstPhase >= size)
        {
            throw new ArgumentException($"Pooling needs positive channels ({channels}), a window of at least 2 ({size}), 0 ≤ start ({start}) ≤ end ({end}) and a phase below the window ({firstPhase}).");
        }

        SpanChecks.AtLeast<T>(delta, end * channels);
        SpanChecks.AtLeast(raw, end * channels);
        SpanChecks.AtLeast(windowBefore, channels);
        SpanChecks.AtLeast<T>(carry, channels);

        // Held steps hand their gradient back, latest first, to the step that completed the window.
        for (int step = end - 1; step >= start; step--)
        {
            if ((firstPhase + step) % size == size - 1)
            {
                continue;
            }

            Span<T> d = delta.Slice(step * channels, channels);
            if (step > start)
            {
                Span<T> before = delta.Slice((step - 1) * channels, channels);
                for (int o = 0; o < channels; o++)
                {
                    before[o] += d[o];
                }
            }

            d.Clear();
        }

        // Each completing step's gradient goes into its window.
        T scale = T.One / T.CreateTruncating(size);
        for (int step = start; step < end; step++)
        {
            if ((firstPhase + step) % size != size - 1)
            {
                continue;
            }

            delta.Slice(step * channels, channels).CopyTo(carry);
            delta.Slice(step * channels, channels).Clear();
            int first = step - size + 1;
            for (int o = 0; o < channels; o++)
            {
                if (!max)
                {
                    for (int k = Math.Max(first, start); k <= step; k++)
                    {
                        delta[(k * channels) + o] += carry[o] * scale;
                    }

                    continue;
                }

                // The forward pass's first maximum, replayed: from the state's running maximum when the window began earlier.
                int k0 = Math.Max(first, 0), at = first < 0 ? -1 : k0;
                T largest = first < 0 ? windowBefore[o] : raw[(k0 * channels) + o];
                for (int k = first < 0 ? k0 : k0 + 1; k <= step; k++)
                {
                    if (raw[(k * channels) + o] > largest)
                    {
                        largest = raw[(k * channels) + o];
                        at = k;
                    }
                }

                if (at >= start)
                {
                    delta[(at * channels) + o] += carry[o];
                }
            }
        }
    }

    private static void Check(int length, int window, int held, int phase, int size)
    {
        if (length != window || length != held || size < 2 || phase < 0 || phase >= size)
        {
            throw new ArgumentException($"Pooling needs equal spans ({length}, {window}, {held} values), a window of at least 2 ({size}) and a phase below it ({phase}).");
        }
    }
}
