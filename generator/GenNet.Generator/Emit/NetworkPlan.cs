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
            Synapses[s] = new SynapsePlan(s, Layers[s], Layers[s + 1], offset);
            offset += Synapses[s].Count;
        }

        ParameterCount = offset;
    }

    public NetworkSpec Spec { get; }

    /// <summary>
    /// True for the fast path (SIMD, fused multiply-add: <see cref="FastPathEmitter"/>); false for numpy's order of
    /// operations, which reproduces the blog's numbers.
    /// </summary>
    public bool Fast => true;

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
        || (layer < Last && !Synapses[layer].Unrolled);

    /// <summary>Scratch elements one forward pass needs (values of the span layers after the input).</summary>
    public int ForwardScratch => Enumerable.Range(1, Last).Where(IsSpan).Sum(l => Layers[l]);

    /// <summary>Scratch elements one training row needs (values and deltas of the span layers).</summary>
    public int TrainingScratch => 2 * ForwardScratch;

    public bool FitsOnStack(int elements) => elements * ElementSize <= StackLimitBytes;

    public string ActivationType(int layer) => $"TActivation{layer}";
}

/// <summary>One weight matrix: <c>synapse_s</c>, Rows × Columns, row-major at <see cref="Offset"/>.</summary>
internal sealed record SynapsePlan(int Index, int Rows, int Columns, int Offset)
{
    public int Count => Rows * Columns;

    public bool Unrolled => Count <= NetworkPlan.UnrollLimit;

    /// <summary>Index of weight [i, j] in the parameter array.</summary>
    public int At(int i, int j) => Offset + (i * Columns) + j;
}
