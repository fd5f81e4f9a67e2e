using System;
using System.Numerics;

namespace GenNet;

/// <summary>
/// What every generated network offers for inference. Generated types implement it explicitly; their public
/// members of the same names (and the <c>InputCount</c>/<c>OutputCount</c>/<c>ParameterCount</c> constants)
/// are what user code normally calls.
/// </summary>
/// <typeparam name="T">The network's precision: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per input row.</summary>
    int InputCount { get; }

    /// <summary>Values per output row.</summary>
    int OutputCount { get; }

    /// <summary>Number of trainable parameters (the length of <see cref="Parameters"/>).</summary>
    int ParameterCount { get; }

    /// <summary>The network's shape as data (sizes, activations, precision, bias, loss), e.g. to check a weight file.</summary>
    NetworkArchitecture Architecture { get; }

    /// <summary>
    /// All trainable parameters in one span, synapse by synapse, each row-major (<c>synapse_0[i, j]</c> at
    /// <c>i * layer1Size + j</c>), as numpy lays them out. Writing to it changes the network.
    /// </summary>
    Span<T> Parameters { get; }

    /// <summary>Runs one row forward: <paramref name="input"/> holds <see cref="InputCount"/> values,
    /// <paramref name="output"/> receives <see cref="OutputCount"/>.</summary>
    void Predict(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Runs rows forward. Both spans are row-major; the row count is
    /// <c>inputs.Length / InputCount</c> and <paramref name="outputs"/> must hold that many output rows.</summary>
    void PredictBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>
    /// Draws the parameters from <see cref="NumpyRandom"/> seeded with <paramref name="seed"/>, with the
    /// network's <see cref="WeightInitialization"/> scheme. With the default <see cref="WeightInitialization.Uniform"/>
    /// this is exactly the blog's <c>np.random.seed(seed); synapse_0 = 2*np.random.random((in, hidden)) - 1; …</c>.
    /// </summary>
    void InitializeWeights(int seed);
}
