using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Model;

namespace GenNet.Generator.Emit;

/// <summary>
/// What the emitter derives from a <see cref="NetworkSpec"/>: where each synapse lives in the parameter array,
/// which synapses are unrolled, and which layers are kept in locals or in scratch spans.
/// </summary>
internal sealed class NetworkPlan
{
    /// <summary>
    /// A synapse with at most this many weights is fully unrolled (one statement per neuron, constant indices);
    /// a larger one becomes loops with constant bounds. Unrolling past this size grows the code faster than it
    /// speeds it up.
    /// </summary>
    public const int UnrollLimit = 1024;

    /// <summary>Scratch up to this many bytes is <c>stackalloc</c>ed; more is rented from the shared array pool.</summary>
    public const int StackLimitBytes = 16 * 1024;

    public NetworkPlan(NetworkSpec spec)
    {
        Spec = spec;
        Layers = spec.LayerSizes.ToArray();
        T = spec.Precision == NumericKind.Single ? "float" : "double";
        ElementSize = spec.Precision == NumericKind.Single ? 4 : 8;
        Synapses = new SynapsePlan[Layers.Length - 1];
        int offset = 0;
        for (int s = 0; s < Synapses.Length; s++)
        {
            Synapses[s] = new SynapsePlan(s, Layers[s], Layers[s + 1], offset, spec.HasBias);
            offset += Synapses[s].Count;
        }

        ParameterCount = offset;
    }

    public NetworkSpec Spec { get; }

    /// <summary>
    /// True for the fast path (SIMD, fused multiply-add: <see cref="FastPathEmitter"/>); false for numpy's order of
    /// operations, which reproduces the blog's numbers. Dropout draws its masks row by row in the scalar order, so a
    /// network with dropout always takes the scalar path.
    /// </summary>
    public bool Fast => Spec.Arithmetic == ArithmeticKind.Fast && !HasDropout;

    /// <summary>Layer widths, input first.</summary>
    public int[] Layers { get; }

    public SynapsePlan[] Synapses { get; }

    /// <summary>Index of the output layer.</summary>
    public int Last => Layers.Length - 1;

    public int ParameterCount { get; }

    /// <summary>The C# keyword of the element type.</summary>
    public string T { get; }

    public int ElementSize { get; }

    /// <summary>
    /// True when layer <paramref name="layer"/> is held in a span (scratch, or the input row) rather than in
    /// one local per neuron: a loop can only index a span.
    /// </summary>
    public bool IsSpan(int layer) =>
        layer == 0
        || !Synapses[layer - 1].Unrolled
        || (layer < Last && !Synapses[layer].Unrolled)
        || (layer == Last && Spec.SoftmaxOutput)
        || (HasDropout && layer < Last);

    /// <summary>True when hidden layers use inverted dropout while training.</summary>
    public bool HasDropout => Spec.DropoutRate > 0;

    /// <summary>True when layer <paramref name="layer"/> applies an element-wise <c>IActivation</c> (all but a softmax output).</summary>
    public bool HasElementwiseActivation(int layer) => !(layer == Last && Spec.SoftmaxOutput);

    /// <summary>The layers whose activation is a type parameter of the generated methods.</summary>
    public IEnumerable<int> ElementwiseLayers => Enumerable.Range(1, Last).Where(HasElementwiseActivation);

    /// <summary>Scratch elements one forward pass needs (values of the span layers after the input).</summary>
    public int ForwardScratch => Enumerable.Range(1, Last).Where(IsSpan).Sum(l => Layers[l]);

    /// <summary>Scratch elements one training row needs: values and deltas of the span layers, and with dropout the
    /// mask and the dropped values of every hidden layer.</summary>
    public int TrainingScratch => (2 * ForwardScratch) + (HasDropout ? 2 * Enumerable.Range(1, Last - 1).Sum(l => Layers[l]) : 0);

    public bool FitsOnStack(int elements) => elements * ElementSize <= StackLimitBytes;

    public string ActivationType(int layer) => $"TActivation{layer}";
}

/// <summary>
/// One weight matrix: <c>synapse_s</c>, Rows × Columns, row-major at <see cref="Offset"/>, followed by its
/// Columns bias values when the network has bias units (the layout of an extra last row).
/// </summary>
internal sealed record SynapsePlan(int Index, int Rows, int Columns, int Offset, bool HasBias)
{
    public int WeightCount => Rows * Columns;

    /// <summary>Weights and biases.</summary>
    public int Count => WeightCount + (HasBias ? Columns : 0);

    public bool Unrolled => WeightCount <= NetworkPlan.UnrollLimit;

    public int BiasOffset => Offset + WeightCount;

    /// <summary>Index of weight [i, j] in the parameter array.</summary>
    public int At(int i, int j) => Offset + (i * Columns) + j;

    /// <summary>Index of the bias of neuron j of the next layer.</summary>
    public int BiasAt(int j) => BiasOffset + j;
}
