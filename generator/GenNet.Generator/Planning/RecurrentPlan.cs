using System.Linq;
using GenNet.Generator.Model;

namespace GenNet.Generator.Planning;

/// <summary>
/// What the sequence-network emitter derives from a <see cref="NetworkSpec"/> with recurrent layers: where every
/// recurrent layer's W, R, Wb and Rb sit (<see cref="RecurrentLayout"/>, the file the runtime walks too), where the dense
/// layers that follow sit (<see cref="ParameterLayout"/> placed after them), and how one time step's values are laid
/// out in the training history.
/// </summary>
/// <remarks>
/// One history record per time step holds, recurrent layer after layer, the gate activations (G·U), h (U), for an LSTM
/// c (U) and for a GRU the recurrent product R·h + Rb of all gates (3U, whose h part the reset gate multiplies); then the
/// values of every dense layer after the recurrent stack, output last. Backpropagation through time reads h and c of
/// step t − 1 from the record before (or from the state for the first step).
/// </remarks>
internal sealed class RecurrentPlan
{
    public RecurrentPlan(NetworkSpec spec)
    {
        Spec = spec;
        RecurrentSpec stack = spec.Recurrent!;
        Cell = stack.Cell;
        T = spec.Precision == NumericKind.Single ? "float" : "double";
        Layout = RecurrentLayout.Create(stack.Cell, stack.Inputs, stack.Sizes.ToArray());
        Dense = ParameterLayout.Create(spec.LayerSizes.ToArray(), spec.HasBias, batchNormalization: false, start: Layout.ParameterCount);
        DenseSizes = spec.LayerSizes.ToArray();

        int offset = 0;
        Records = new RecordSlices[Layout.Layers.Count];
        foreach (RecurrentLayerLayout layer in Layout.Layers)
        {
            int gates = offset;
            int h = gates + layer.Width;
            int c = Cell == RecurrentCell.Lstm ? h + layer.Units : -1;
            int recurrent = Cell == RecurrentCell.Gru ? h + layer.Units : -1;
            offset = h + layer.Units + (Cell == RecurrentCell.Lstm ? layer.Units : 0) + (Cell == RecurrentCell.Gru ? layer.Width : 0);
            Records[layer.Index] = new RecordSlices(gates, h, c, recurrent);
        }

        DenseValueOffsets = new int[DenseSizes.Length];
        for (int d = 1; d < DenseSizes.Length; d++)
        {
            DenseValueOffsets[d] = offset;
            offset += DenseSizes[d];
        }

        RecordLength = offset;
    }

    public NetworkSpec Spec { get; }

    public RecurrentCell Cell { get; }

    /// <summary>The C# keyword of the element type.</summary>
    public string T { get; }

    public RecurrentLayout Layout { get; }

    /// <summary>The dense synapses after the recurrent stack, with absolute offsets.</summary>
    public ParameterLayout Dense { get; }

    /// <summary>The dense chain's widths: the last recurrent layer, the dense hidden layers, the outputs.</summary>
    public int[] DenseSizes { get; }

    /// <summary>Index of the output layer in <see cref="DenseSizes"/>.</summary>
    public int LastDense => DenseSizes.Length - 1;

    public int ParameterCount => Dense.ParameterCount;

    public int Inputs => Spec.Recurrent!.Inputs;

    public int Outputs => DenseSizes[LastDense];

    /// <summary>Per recurrent layer, where its values sit in one history record.</summary>
    public RecordSlices[] Records { get; }

    /// <summary>Where dense layer d (1 = first after the recurrent stack) keeps its values in one history record.</summary>
    public int[] DenseValueOffsets { get; }

    /// <summary>Values per time step in the training history.</summary>
    public int RecordLength { get; }

    public RecurrentLayerLayout Top => Layout.Layers[Layout.Layers.Count - 1];

    public int MaxUnits => Layout.Layers.Max(l => l.Units);

    public int MaxWidth => Layout.Layers.Max(l => l.Width);

    /// <summary>The widest dense layer (deltas ping-pong between two buffers of this size).</summary>
    public int MaxDense => DenseSizes.Max();

    /// <summary>Values of the dense hidden layers of one step (between the recurrent stack and the output).</summary>
    public int DenseHidden => DenseSizes.Skip(1).Take(DenseSizes.Length - 2).Sum();

    public string GateNames => Cell switch
    {
        RecurrentCell.Lstm => "i, o, f, c",
        RecurrentCell.Gru => "z, r, h",
        _ => "h",
    };

    /// <summary>The activation type of dense layer d (1-based), fully qualified.</summary>
    public string Activation(int d) => Spec.Activations[d - 1];

    public bool SoftmaxOutput => Spec.SoftmaxOutput;
}

/// <summary>Offsets of one recurrent layer's values in a history record; −1 where the cell has no such part.</summary>
internal readonly record struct RecordSlices(int Gates, int H, int C, int Recurrent);
