// One source, two assemblies, like ParameterLayout.cs: the runtime compiles this file as GenNet.RecurrentLayout
// (public), and the generator links it (GENNET_GENERATOR) into its Planning step, so that the offsets generated code
// hard-codes and the offsets the runtime walks (initialisation, weight files) cannot disagree.
using System;
using System.Collections.Generic;

#if GENNET_GENERATOR
namespace GenNet.Generator.Planning;
#else
namespace GenNet;
#endif

/// <summary>
/// Where the recurrent layers of a sequence network keep their values. The recurrent layers come first in the
/// parameters, layer after layer; the dense layers follow (their <c>ParameterLayout</c> starts at
/// <see cref="ParameterCount"/>). Each recurrent layer of U units, G gates (RNN 1, GRU 3, LSTM 4) and I inputs holds:
/// <list type="number">
/// <item><c>W</c>: I × G·U input weights, input-major: element <c>[i · G·U + g·U + u]</c> weighs input i into unit u of
/// gate g. This is ONNX's <c>W[0]</c> (G·U × I) transposed, in the same gate order.</item>
/// <item><c>R</c>: U × G·U recurrent weights, the same way (ONNX's <c>R[0]</c> transposed).</item>
/// <item><c>Wb</c> then <c>Rb</c>: G·U input biases and G·U recurrent biases, ONNX's <c>B[0]</c> as it is.</item>
/// </list>
/// Gate order is ONNX's: LSTM i, o, f, c; GRU z, r, h. The state holds, layer after layer, h (U values) and for an
/// LSTM then c (U values).
/// </summary>
#if GENNET_GENERATOR
internal
#else
public
#endif
sealed class RecurrentLayout
{
    /// <summary>The prefix of the pseudo-activation names that mark recurrent layers in an architecture, e.g.
    /// <c>GenNet.RecurrentCell.Gru</c>.</summary>
    public const string CellNamePrefix = "GenNet.RecurrentCell.";

    private readonly RecurrentLayerLayout[] _layers;

    private RecurrentLayout(RecurrentCell cell, RecurrentLayerLayout[] layers, int parameterCount, int stateLength)
    {
        Cell = cell;
        _layers = layers;
        ParameterCount = parameterCount;
        StateLength = stateLength;
    }

    /// <summary>The kind of every recurrent layer.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>Every recurrent layer's place, input side first.</summary>
    public IReadOnlyList<RecurrentLayerLayout> Layers => _layers;

    /// <summary>The values of all recurrent layers; the dense layers' parameters start here.</summary>
    public int ParameterCount { get; }

    /// <summary>The length of the recurrent state: Σ U (RNN, GRU) or Σ 2U (LSTM: h then c per layer).</summary>
    public int StateLength { get; }

    /// <summary>Gates per unit: RNN 1, GRU 3 (z, r, h), LSTM 4 (i, o, f, c).</summary>
    public static int GateCount(RecurrentCell cell) => cell switch
    {
        RecurrentCell.Rnn => 1,
        RecurrentCell.Gru => 3,
        RecurrentCell.Lstm => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Not a recurrent cell kind."),
    };

    /// <summary>The architecture name of a recurrent layer of this kind, e.g. <c>GenNet.RecurrentCell.Gru</c>.</summary>
    public static string CellName(RecurrentCell cell) => CellNamePrefix + cell;

    /// <summary>The layout of <paramref name="sizes"/>.Count recurrent layers of <paramref name="cell"/> after
    /// <paramref name="inputs"/> inputs.</summary>
    /// <exception cref="ArgumentException">No layers, a size that is not positive, or <see cref="RecurrentCell.None"/>.</exception>
    /// <exception cref="OverflowException">More than <see cref="int.MaxValue"/> parameters.</exception>
    public static RecurrentLayout Create(RecurrentCell cell, int inputs, IReadOnlyList<int> sizes)
    {
        if (sizes is null)
        {
            throw new ArgumentNullException(nameof(sizes));
        }

        if (cell is not (RecurrentCell.Rnn or RecurrentCell.Gru or RecurrentCell.Lstm) || sizes.Count == 0 || inputs <= 0)
        {
            throw new ArgumentException($"A recurrent stack needs a cell kind, positive inputs and at least one layer; got {cell}, {inputs} inputs, {sizes.Count} layers.", nameof(sizes));
        }

        int gates = GateCount(cell);
        var layers = new RecurrentLayerLayout[sizes.Count];
        int offset = 0, state = 0, previous = inputs;
        for (int l = 0; l < layers.Length; l++)
        {
            int units = sizes[l];
            if (units <= 0)
            {
                throw new ArgumentException($"Recurrent layer {l} has size {units}; sizes must be positive.", nameof(sizes));
            }

            int width = checked(gates * units);
            int recurrentOffset = checked(offset + (previous * width));
            int inputBiasOffset = checked(recurrentOffset + (units * width));
            int recurrentBiasOffset = checked(inputBiasOffset + width);
            layers[l] = new RecurrentLayerLayout(l, previous, units, gates, offset, recurrentOffset, inputBiasOffset, recurrentBiasOffset, state);
            offset = checked(recurrentBiasOffset + width);
            state = checked(state + (cell == RecurrentCell.Lstm ? 2 * units : units));
            previous = units;
        }

        return new RecurrentLayout(cell, layers, offset, state);
    }

    /// <summary>
    /// Reads an architecture's layer sizes and activation names: the leading activations named
    /// <see cref="CellNamePrefix"/>… are recurrent layers (one cell kind for all). Null when there are none.
    /// </summary>
    /// <exception cref="ArgumentException">Recurrent names after a dense layer, mixed kinds, or an unknown kind.</exception>
    public static RecurrentLayout? FromArchitecture(IReadOnlyList<int> layerSizes, IReadOnlyList<string> activations)
    {
        int count = 0;
        RecurrentCell cell = RecurrentCell.None;
        for (int i = 0; i < activations.Count; i++)
        {
            if (!activations[i].StartsWith(CellNamePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            RecurrentCell kind = activations[i].Substring(CellNamePrefix.Length) switch
            {
                "Rnn" => RecurrentCell.Rnn,
                "Gru" => RecurrentCell.Gru,
                "Lstm" => RecurrentCell.Lstm,
                _ => throw new ArgumentException($"'{activations[i]}' is not a recurrent cell kind.", nameof(activations)),
            };
            if (i != count || (cell != RecurrentCell.None && kind != cell))
            {
                throw new ArgumentException("Recurrent layers must come first and share one cell kind.", nameof(activations));
            }

            cell = kind;
            count++;
        }

        if (count == 0)
        {
            return null;
        }

        if (count >= activations.Count)
        {
            throw new ArgumentException("A recurrent network needs an output layer after its recurrent layers.", nameof(activations));
        }

        var sizes = new int[count];
        for (int l = 0; l < count; l++)
        {
            sizes[l] = layerSizes[l + 1];
        }

        return Create(cell, layerSizes[0], sizes);
    }
}

/// <summary>One recurrent layer's values in the parameter array and the state (see <see cref="RecurrentLayout"/>).</summary>
/// <param name="Index">The layer's place in the recurrent stack, 0 first.</param>
/// <param name="Inputs">I: the width of what feeds it (the network's inputs, or the layer below).</param>
/// <param name="Units">U: its hidden units.</param>
/// <param name="Gates">G: gates per unit.</param>
/// <param name="InputWeightOffset">Where W (I × G·U, input-major) starts.</param>
/// <param name="RecurrentWeightOffset">Where R (U × G·U, input-major) starts.</param>
/// <param name="InputBiasOffset">Where Wb (G·U) starts.</param>
/// <param name="RecurrentBiasOffset">Where Rb (G·U) starts.</param>
/// <param name="StateOffset">Where its h starts in the state (its c, for an LSTM, follows h).</param>
#if GENNET_GENERATOR
internal
#else
public
#endif
readonly record struct RecurrentLayerLayout(int Index, int Inputs, int Units, int Gates, int InputWeightOffset, int RecurrentWeightOffset, int InputBiasOffset, int RecurrentBiasOffset, int StateOffset)
{
    /// <summary>G·U: the width of the wide gate product.</summary>
    public int Width => Gates * Units;

    /// <summary>All of the layer's values: W, R, Wb and Rb.</summary>
    public int Count => (Inputs + Units + 2) * Width;
}
