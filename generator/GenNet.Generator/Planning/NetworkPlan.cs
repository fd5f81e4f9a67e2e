using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Model;

namespace GenNet.Generator.Planning;

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

    /// <summary>
    /// At most this many weights are unrolled in one network, synapse by synapse in order; later synapses become loops
    /// however small. A network's unrolled code lives in one method, so this bounds that method's size, the time the
    /// JIT takes over it, and its stack frame (the JIT's temporaries grow with the code): 64 hidden layers of 32, all
    /// unrolled, needed over 224 KiB of stack for one training step.
    /// </summary>
    public const int UnrollBudget = 16 * 1024;

    /// <summary>Scratch up to this many bytes is <c>stackalloc</c>ed; more is rented from the shared array pool.</summary>
    public const int StackLimitBytes = 16 * 1024;

    /// <summary>
    /// At most this many neurons are held in locals (one local per neuron, and one per delta while training); the
    /// layers past it live in scratch spans. This bounds the locals of every generated method, and with them its stack
    /// frame: without it, 64 unrolled hidden layers would need more locals than C# allows (65,534).
    /// </summary>
    public const int LocalNeuronLimit = 1024;

    private readonly bool[] _inLocals;

    public NetworkPlan(NetworkSpec spec)
    {
        Spec = spec;
        Layers = spec.LayerSizes.ToArray();
        T = spec.Precision == NumericKind.Single ? "float" : "double";
        ElementSize = spec.Precision == NumericKind.Single ? 4 : 8;
        Layout = ParameterLayout.Create(Layers, spec.HasBias, spec.BatchNormalization);
        Synapses = new SynapsePlan[Layers.Length - 1];
        int normalized = 0;
        int unrolledWeights = 0;
        for (int s = 0; s < Synapses.Length; s++)
        {
            SynapseLayout layout = Layout.Synapses[s];
            bool overBudget = layout.WeightCount <= UnrollLimit && unrolledWeights + layout.WeightCount > UnrollBudget;
            Synapses[s] = new SynapsePlan(layout, layout.Normalized ? normalized : -1, spec.BatchNormalization, overBudget);
            normalized += layout.Normalized ? layout.Columns : 0;
            unrolledWeights += Synapses[s].Unrolled ? layout.WeightCount : 0;
        }

        NormalizedNeurons = normalized;
        Loss = new LossPlan(spec.Loss, T);

        ParameterCount = Layout.ParameterCount;

        // Layers between two unrolled synapses are held in locals, first come first served within the limit.
        _inLocals = new bool[Layers.Length];
        int localNeurons = 0;
        for (int layer = 1; layer < Layers.Length; layer++)
        {
            if (CanBeLocals(layer) && localNeurons + Layers[layer] <= LocalNeuronLimit)
            {
                _inLocals[layer] = true;
                localNeurons += Layers[layer];
            }
        }
    }

    public NetworkSpec Spec { get; }

    /// <summary>The loss's error terms, deltas and scale, for every kernel body.</summary>
    public LossPlan Loss { get; }

    /// <summary>Which kernel bodies compute the network: numpy's scalar order, SIMD lanes across rows, or blocked
    /// matrix kernels (see <see cref="SimdPlan"/>).</summary>
    public KernelKind Kernels => !Fast ? KernelKind.Scalar : new SimdPlan(this).Blocked ? KernelKind.Blocked : KernelKind.Lanes;

    /// <summary>
    /// True for the fast path (SIMD, fused multiply-add: <see cref="KernelKind.Lanes"/> or <see cref="KernelKind.Blocked"/>); false for numpy's order of
    /// operations, which reproduces the blog's numbers. Dropout draws its masks row by row in the scalar order and batch
    /// normalisation has its own batch code, so networks with either take the scalar path.
    /// </summary>
    public bool Fast => Spec.Arithmetic == ArithmeticKind.Fast && !HasDropout && !HasBatchNorm && Spec.InputDerivativeLayers.Count == 0;

    /// <summary>
    /// Whether layer <paramref name="layer"/>'s activation takes its derivative from its input (<c>IActivationFromInput</c>):
    /// training then keeps the layer's pre-activation z beside its values.
    /// </summary>
    public bool NeedsInput(int layer) => Spec.InputDerivativeLayers.Contains(layer);

    /// <summary>
    /// The activation's slope at neuron <paramref name="neuron"/> of <paramref name="layer"/> in scalar code, from its
    /// output <paramref name="value"/> or, for an <c>IActivationFromInput</c>, from its pre-activation
    /// <paramref name="z"/> and output.
    /// </summary>
    public string Slope(int layer, string value, string z) => NeedsInput(layer)
        ? $"{ActivationType(layer)}.DerivativeFromInput({z}, {value})"
        : $"{ActivationType(layer)}.DerivativeFromOutput({value})";

    /// <summary>Layer widths, input first.</summary>
    public int[] Layers { get; }

    /// <summary>Where every synapse's values sit: the layout the runtime walks too.</summary>
    public ParameterLayout Layout { get; }

    public SynapsePlan[] Synapses { get; }

    /// <summary>Index of the output layer.</summary>
    public int Last => Layers.Length - 1;

    public int ParameterCount { get; }

    /// <summary>Hidden neurons with batch normalisation (the length of the running statistics).</summary>
    public int NormalizedNeurons { get; }

    /// <summary>True when hidden layers are batch-normalised: training then runs layer by layer over the batch.</summary>
    public bool HasBatchNorm => Spec.BatchNormalization;

    /// <summary>The C# keyword of the element type.</summary>
    public string T { get; }

    public int ElementSize { get; }

    /// <summary>
    /// True when layer <paramref name="layer"/> is held in a span (scratch, or the input row) rather than in
    /// one local per neuron: a loop can only index a span.
    /// </summary>
    public bool IsSpan(int layer) => !_inLocals[layer];

    /// <summary>Layers that could be locals but are spans because of <see cref="LocalNeuronLimit"/>.</summary>
    public IEnumerable<int> LayersOverLocalLimit => Enumerable.Range(1, Last).Where(l => CanBeLocals(l) && !_inLocals[l]);

    private bool CanBeLocals(int layer) =>
        layer > 0
        && Synapses[layer - 1].Unrolled
        && !(layer < Last && !Synapses[layer].Unrolled)
        && !(layer == Last && Spec.SoftmaxOutput)
        && !(HasDropout && layer < Last)
        && !HasBatchNorm;

    /// <summary>True when hidden layers use inverted dropout while training.</summary>
    public bool HasDropout => Spec.DropoutRate > 0;

    /// <summary>True when layer <paramref name="layer"/> applies an element-wise <c>IActivation</c> (all but a softmax output).</summary>
    public bool HasElementwiseActivation(int layer) => !(layer == Last && Spec.SoftmaxOutput);

    /// <summary>The layers whose activation is an <c>IActivation</c> struct applied neuron by neuron.</summary>
    public IEnumerable<int> ElementwiseLayers => Enumerable.Range(1, Last).Where(HasElementwiseActivation);

    /// <summary>Scratch elements one forward pass needs (values of the span layers after the input).</summary>
    public int ForwardScratch => Enumerable.Range(1, Last).Where(IsSpan).Sum(l => Layers[l]);

    /// <summary>Scratch elements one training row needs: values and deltas of the span layers, and with dropout the
    /// mask and the dropped values of every hidden layer.</summary>
    /// <remarks>Batch-normalised networks train layer by layer in buffers of their own, so they need none here.</remarks>
    public int TrainingScratch => HasBatchNorm ? 0 : (2 * ForwardScratch) + (HasDropout ? 2 * Enumerable.Range(1, Last - 1).Sum(l => Layers[l]) : 0)
        + Enumerable.Range(1, Last).Where(l => IsSpan(l) && NeedsInput(l)).Sum(l => Layers[l]);

    public bool FitsOnStack(int elements) => elements * ElementSize <= StackLimitBytes;

    /// <summary>
    /// How generated code names layer <paramref name="layer"/>'s activation struct: its own name when it can be called
    /// by name (<see cref="NetworkSpec.ActivationsByName"/>), else the type parameter <c>TActivation{layer}</c> of the
    /// methods that use it.
    /// </summary>
    public string ActivationType(int layer) => Spec.ActivationsByName ? Spec.Activations[layer - 1] : $"TActivation{layer}";
}
