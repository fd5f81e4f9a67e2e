using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNet.Generator.Planning;

/// <summary>
/// How one row goes forward on the fast path: each layer vectorised across its output neurons. The synapse is
/// row-major <c>[input, output]</c>, so input i's weights to every output are contiguous, and a layer is
/// <c>out = bias; for each i: out += x[i] · W[i, :]</c> as broadcast fused multiply-adds over whole registers.
/// </summary>
/// <remarks>
/// <para>
/// The register width depends on the machine, so the plan is made for each widest width the JIT may find
/// accelerated (512, 256, 128 bits); the generated code picks one with <c>Vector512/256.IsHardwareAccelerated</c>, which
/// the JIT folds to a constant. Widths whose plans coincide (a network of 4-wide layers uses 128-bit registers
/// everywhere) share one method.
/// </para>
/// <para>
/// Every neuron starts at its bias (or zero) and adds its inputs in ascending order with fused multiply-adds, in the
/// layer's <see cref="DepthSegments"/>: the order the register-tiled batch kernels and the SIMD lanes across rows also
/// use, so a row's outputs do not depend on the kernel or batch that computed them.
/// </para>
/// </remarks>
internal sealed class RowKernelPlan
{
    /// <summary>The widths a plan is made for, widest first.</summary>
    public static readonly int[] TierBits = { 512, 256, 128 };

    /// <summary>At most this many registers accumulate at once; wider layers are computed in column blocks of this
    /// many, each a pass over the inputs (AVX-512 has 32 registers: accumulators, the broadcast input and loads).</summary>
    public const int MaxAccumulators = 8;

    /// <summary>
    /// A block of at most this many multiply-adds (inputs × registers) is written out statement by statement; a larger one
    /// loops over its inputs with constant bounds, <see cref="StepsPerIteration"/> inputs an iteration. Each multiply-add
    /// is three calls for the JIT to inline (broadcast, load, FMA), and its inlining budget is per method: hundreds of
    /// them leave calls in the Tier-1 code, which is what made the unrolled lanes slow.
    /// </summary>
    public const int UnrollLimit = 16;

    /// <summary>Inputs per loop iteration for a block of <paramref name="registers"/> accumulators: enough independent
    /// work per iteration that the loop's own instructions do not dominate a narrow layer.</summary>
    public static int StepsPerIteration(int registers) => registers >= 4 ? 1 : registers >= 2 ? 2 : 4;

    public RowKernelPlan(NetworkPlan plan)
    {
        Plan = plan;
        var variants = new List<RowVariant>();
        foreach (int bits in TierBits)
        {
            LayerKernel[] layers = plan.Synapses.Select(s => LayerKernel.For(s, bits, plan.ElementSize)).ToArray();
            RowVariant? same = variants.FirstOrDefault(v => v.Layers.SequenceEqual(layers));
            if (same is null)
            {
                variants.Add(new RowVariant(bits, layers));
            }
            else
            {
                same.AlsoServes.Add(bits);
            }
        }

        Variants = variants;
    }

    public NetworkPlan Plan { get; }

    /// <summary>One kernel per distinct plan, widest tier first.</summary>
    public IReadOnlyList<RowVariant> Variants { get; }

    /// <summary>Name of the method that runs one row with the variant's registers.</summary>
    public string MethodName(RowVariant variant) => Variants.Count == 1 ? "ForwardRow" : $"ForwardRow{variant.Bits}";

    /// <summary>Values of the hidden layers of one row (held in a scratch buffer between layers).</summary>
    public int HiddenValues => Enumerable.Range(1, Plan.Last - 1).Sum(l => Plan.Layers[l]);

    /// <summary>Where hidden layer <paramref name="layer"/> starts in the scratch buffer.</summary>
    public int HiddenOffset(int layer) => Enumerable.Range(1, layer - 1).Sum(l => Plan.Layers[l]);

    /// <summary>One line per synapse for the generated file's header.</summary>
    public string Describe(int synapse) =>
        string.Join("; ", Variants.Select(v => $"{v.Layers[synapse].Describe(Plan.ElementSize)}{(Variants.Count == 1 ? string.Empty : $" ({v.TierText})")}"))
        + $"; {DepthSegments.For(Plan.Synapses[synapse], Plan.ElementSize).Describe()}";
}

/// <summary>The kernel of every layer for one register tier.</summary>
internal sealed class RowVariant
{
    public RowVariant(int bits, LayerKernel[] layers)
    {
        Bits = bits;
        Layers = layers;
        AlsoServes = new List<int> { bits };
    }

    /// <summary>The widest register this variant was planned for.</summary>
    public int Bits { get; }

    public LayerKernel[] Layers { get; }

    /// <summary>The tiers that share this plan.</summary>
    public List<int> AlsoServes { get; }

    public string TierText => AlsoServes.Count == RowKernelPlan.TierBits.Length ? "every width"
        : AlsoServes.Max() == 512 ? "AVX-512"
        : AlsoServes.Contains(128) ? "128-bit" : "256-bit";
}

/// <summary>
/// One layer of one row: the registers that cover its <c>Columns</c> neurons, each given by its width in bits and the
/// neuron it starts at. When the width is not a multiple of the register, the last register overlaps the one before
/// it (it ends at the last neuron): the overlapping neurons are computed twice, identically, and stored twice.
/// A layer narrower than the smallest register is computed one neuron at a time (<see cref="Scalar"/>).
/// </summary>
internal sealed record LayerKernel(int Rows, int Columns, IReadOnlyList<(int Bits, int Start)> Registers)
{
    public bool Scalar => Registers.Count == 0;

    public bool Equals(LayerKernel? other) =>
        other is not null && Rows == other.Rows && Columns == other.Columns && Registers.SequenceEqual(other.Registers);

    public override int GetHashCode() => (Rows, Columns, Registers.Count).GetHashCode();

    public static LayerKernel For(SynapsePlan s, int tierBits, int elementSize)
    {
        int Lanes(int bits) => bits / (8 * elementSize);
        int[] allowed = RowKernelPlan.TierBits.Where(b => b <= tierBits && Lanes(b) <= s.Columns).ToArray();
        var registers = new List<(int, int)>();
        if (allowed.Length > 0)
        {
            int widest = allowed.Max();
            int start = 0;
            for (; start + Lanes(widest) <= s.Columns; start += Lanes(widest))
            {
                registers.Add((widest, start));
            }

            int left = s.Columns - start;
            if (left > 0)
            {
                int tail = allowed.Where(b => Lanes(b) >= left).Min();
                registers.Add((tail, s.Columns - Lanes(tail)));
            }
        }

        return new LayerKernel(s.Rows, s.Columns, registers);
    }

    public string Describe(int elementSize)
    {
        if (Scalar)
        {
            return $"one row: {Columns} neuron{(Columns == 1 ? string.Empty : "s")} one at a time (narrower than a 128-bit register)";
        }

        var groups = Registers.GroupBy(r => r.Bits).Select(g => $"{g.Count()}×{g.Key}-bit");
        bool overlaps = Registers.Count > 1 && Registers.Last().Start < Registers[Registers.Count - 2].Start + (Registers[Registers.Count - 2].Bits / (8 * elementSize));
        return $"one row: {string.Join(" + ", groups)} registers across the {Columns} neurons{(overlaps ? " (the last overlapping)" : string.Empty)}";
    }
}
