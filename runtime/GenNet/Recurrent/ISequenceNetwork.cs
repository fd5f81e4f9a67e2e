using System;
using System.Numerics;
using GenNet;

namespace GenNet;

/// <summary>
/// A recurrent network declared with <see cref="NetworkAttribute.Recurrent"/>: it reads a sequence one sample (row) at
/// a time and keeps a state between samples. Generated classes implement it; their public members of the same names
/// (and the <c>InputCount</c>, <c>OutputCount</c>, <c>ParameterCount</c>, <c>StateLength</c> constants) are what user
/// code normally calls.
/// </summary>
/// <remarks>
/// <para>A sequence network is an <see cref="INetwork{T}"/> for its parameters, architecture, initialisation and weight
/// files (<see cref="Persistence.WeightFile"/>). It has no meaning for a single row on its own, so its
/// <see cref="INetwork{T}.Predict"/> and <see cref="INetwork{T}.PredictBatch"/> throw <see cref="NotSupportedException"/>:
/// use <see cref="Step"/> or <see cref="PredictSequence"/>. It is not an <see cref="ITrainableNetwork{T}"/>: train it
/// with <see cref="TrainSequence"/> or <see cref="ComputeSequenceGradient"/> and an optimizer.</para>
/// <para>The state and the training scratch belong to the instance: one thread at a time may step or train it.</para>
/// </remarks>
/// <typeparam name="T">The network's precision: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ISequenceNetwork<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The length of <see cref="State"/>: h of every recurrent layer, and c after it for an LSTM layer.</summary>
    int StateLength { get; }

    /// <summary>
    /// The recurrent state, layer after layer: h (and for an LSTM then c). Read it to save a stream's position and write
    /// it back to resume; writing changes the next <see cref="Step"/>.
    /// </summary>
    Span<T> State { get; }

    /// <summary>Advances the state by one sample: <paramref name="input"/> holds <see cref="INetwork{T}.InputCount"/>
    /// values, <paramref name="output"/> receives <see cref="INetwork{T}.OutputCount"/>.</summary>
    void Step(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Sets the state to zero: the start of a new sequence.</summary>
    void ResetState();

    /// <summary>
    /// Steps through a whole sequence from the current state: rows of <see cref="INetwork{T}.InputCount"/> in, rows of
    /// <see cref="INetwork{T}.OutputCount"/> out. The state is left after the last row, as <see cref="Step"/> leaves it.
    /// </summary>
    void PredictSequence(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>
    /// Backpropagation through time: writes <c>∂E/∂parameters</c> of one sequence into <paramref name="gradient"/>
    /// (overwritten) and returns the reported error of its forward pass. The sequence starts from the current
    /// <see cref="State"/>, which is not changed; <c>E</c> is the network's loss over every step's output, each step
    /// counted as a row (mean squared error divides by steps × outputs).
    /// </summary>
    /// <param name="inputs">The sequence: rows of InputCount values.</param>
    /// <param name="targets">One row of OutputCount targets per step.</param>
    /// <param name="gradient">ParameterCount values, overwritten.</param>
    /// <param name="truncateAfter">0 for full backpropagation through time; k &gt; 0 cuts the sequence into windows of k
    /// steps whose state flows forward into the next window but whose gradient does not flow back into the previous one
    /// (truncated BPTT). The last window may be shorter.</param>
    T ComputeSequenceGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient, int truncateAfter = 0);

    /// <summary>
    /// One gradient-descent step on one sequence: <c>parameters −= learningRate · ∂E/∂parameters</c> with the gradient of
    /// <see cref="ComputeSequenceGradient"/>. Returns the reported error before the update. The state is not changed.
    /// </summary>
    T TrainSequence(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate, int truncateAfter = 0);

    /// <summary>
    /// Grows the per-step training buffer for sequences of up to <paramref name="steps"/> samples now. Training grows it
    /// by itself, once, to the longest sequence seen; after that, training allocates nothing.
    /// </summary>
    void ReserveSequence(int steps);
}
