using System;
using System.Numerics;

namespace GenNet;

/// <summary>
/// <see cref="Count"/> independent streams through one sequence network, stepped together: each stream has its own
/// state, all share the network's weights. Generated sequence networks return one from <c>CreateStreams(count)</c>
/// (their nested <c>Streams</c> class); one <see cref="Step"/> advances every stream by one sample, vectorised across
/// streams. Per stream it does the arithmetic of <see cref="ISequenceNetwork{T}.Step"/> without its per-call overhead, so
/// it pays from about 8 streams on (registers are filled with streams: fewer streams are padded and cost as much).
/// </summary>
/// <remarks>
/// <para>Inputs and outputs are row-major, one row per stream: <c>inputs[s · InputCount + i]</c> is input i of stream s.
/// A stream's state has the layout of <see cref="ISequenceNetwork{T}.State"/>; stream s after a <see cref="Step"/>
/// equals the network stepped alone from the same state on the same samples (to the last bit for the recurrent state).</para>
/// <para>The weights are the network's, read at every <see cref="Step"/>: training or loading weights into the network
/// changes what the next step computes. Doing so on another thread while a step runs is a data race (the step may mix
/// old and new weights); the streams' state and scratch belong to this object, so one thread at a time may step it.</para>
/// </remarks>
/// <typeparam name="T">The network's precision: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ISequenceStreams<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of streams.</summary>
    int Count { get; }

    /// <summary>Values per input sample of one stream.</summary>
    int InputCount { get; }

    /// <summary>Values per output sample of one stream.</summary>
    int OutputCount { get; }

    /// <summary>The length of one stream's state (as <see cref="ISequenceNetwork{T}.StateLength"/>).</summary>
    int StateLength { get; }

    /// <summary>
    /// Advances every stream by one sample: <paramref name="inputs"/> holds <see cref="Count"/> × <see cref="InputCount"/>
    /// values (stream after stream), <paramref name="outputs"/> receives <see cref="Count"/> × <see cref="OutputCount"/>.
    /// Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException">A span does not hold exactly its count of values.</exception>
    void Step(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>Sets every stream's state to zero.</summary>
    void ResetState();

    /// <summary>Sets one stream's state to zero: its next sample starts a new sequence; the other streams go on.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is outside [0, <see cref="Count"/>).</exception>
    void ResetState(int stream);

    /// <summary>Copies one stream's state (<see cref="StateLength"/> values) into <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is outside [0, <see cref="Count"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> does not hold exactly <see cref="StateLength"/> values.</exception>
    void GetState(int stream, Span<T> state);

    /// <summary>Sets one stream's state from <paramref name="state"/> (<see cref="StateLength"/> values), e.g. a saved
    /// position or the single-stream network's <see cref="ISequenceNetwork{T}.State"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is outside [0, <see cref="Count"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> does not hold exactly <see cref="StateLength"/> values.</exception>
    void SetState(int stream, ReadOnlySpan<T> state);
}
