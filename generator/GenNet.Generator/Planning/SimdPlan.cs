using System.Linq;

namespace GenNet.Generator.Planning;

/// <summary>How the fast path of a network computes: SIMD lanes across rows for small networks, blocked matrix
/// kernels across neurons for large ones. Derived from the <see cref="NetworkPlan"/>; thresholds from benchmarks.</summary>
internal sealed class SimdPlan
{
    /// <summary>
    /// A network whose every synapse has at most this many weights is unrolled with one SIMD lane per row: a 4-row
    /// double batch is one 256-bit register, and every weight is a broadcast constant index. Above it, unrolled code
    /// grows faster than it speeds up (and the JIT stops optimising very large methods), while the blocked kernels
    /// already fill whole registers across neurons: on the benchmark machine 16-64-4 (1,024 weights in one synapse)
    /// predicts a row several times faster blocked than unrolled.
    /// </summary>
    public const int LaneUnrollLimit = 256;

    /// <summary>
    /// A network with more weights than this in all runs on the blocked kernels, however small each synapse. Lane code
    /// keeps every neuron of every layer in a register-wide local (64 bytes at 512 bits) and the JIT adds a temporary per
    /// operation, so its stack frame grows with the whole network: 16-16-16-16-16-16 (1,280 weights in lanes) overflowed
    /// a 256 KiB stack in one prediction, 64 hidden layers of 16 needed over 1 MiB to train.
    /// </summary>
    public const int LaneWeightBudget = 256;

    /// <summary>The lane types, widest first; each takes the rows left by the ones before it.</summary>
    public static readonly string[] LaneTypes = { "Lanes512", "Lanes256", "Lanes128", "ScalarLane" };

    public SimdPlan(NetworkPlan plan)
    {
        Plan = plan;
        Blocked = plan.Synapses.Sum(s => s.Rows * s.Columns) > LaneWeightBudget
            || plan.Synapses.Any(s => s.Rows * s.Columns > LaneUnrollLimit);
    }

    public NetworkPlan Plan { get; }

    /// <summary>True when the network runs on the blocked kernels (some synapse is over <see cref="LaneUnrollLimit"/>, or all
    /// of them together over <see cref="LaneWeightBudget"/>).</summary>
    public bool Blocked { get; }

    /// <summary>How a synapse is computed on the fast path, for the generated file's header.</summary>
    public string Describe(SynapsePlan s) => Blocked
        ? $"register-tiled kernel (DenseKernels.MultiplyAccumulate, {s.Rows}×{s.Columns} as constants): " + (Plan.Synapses.Any(x => x.Rows * x.Columns > LaneUnrollLimit)
            ? $"the network has a synapse over the {LaneUnrollLimit}-weight limit for unrolling"
            : $"the network's weights exceed the {LaneWeightBudget} that lanes unroll in all")
        : "unrolled, one SIMD lane per row";

    /// <summary>One line on the arithmetic of the network, for the generated file's header.</summary>
    public static string DescribeArithmetic(NetworkPlan plan, SimdPlan? simd) =>
        simd is { Blocked: true } ? "Fast: register-tiled SIMD kernels with fused multiply-add; results agree with NumpyCompatible to rounding."
        : simd is not null ? "Fast: one SIMD lane per row for batches and registers across neurons for one row, both summing bias first then fused multiply-adds in ascending input order (same bits), with a vectorised exp; results agree with NumpyCompatible to rounding."
        : plan.Spec.Arithmetic == Model.ArithmeticKind.Fast ? "NumpyCompatible, scalar: dropout, batch normalisation and activations whose derivative needs the input are not on the fast path yet."
        : "NumpyCompatible: numpy's operations in numpy's order (no fused multiply-add, ascending sums, Math.Exp).";

    /// <summary>The fully qualified lane type of the given name for this network's element type.</summary>
    public string Lane(string name) => $"global::GenNet.Numerics.{name}<{Plan.T}>";
}
