using System;

namespace GenNet.Generator.Planning;

/// <summary>
/// The fast path's summation order for one synapse: each neuron sums its inputs in <see cref="Count"/> consecutive
/// segments, the first starting at the bias and each later one at zero, every segment in ascending order with fused
/// multiply-adds, and the segments added left to right. Segments of <c>Depth / Count</c> inputs, the last taking the
/// remainder (the rule <c>DenseKernels.MultiplyAccumulate</c> follows at run time).
/// </summary>
/// <remarks>
/// One row has little independent work: a 64×4 float layer is one 128-bit register whose 64 fused multiply-adds
/// form one dependency chain, about 256 cycles of latency for 64 instructions. Cutting it into four segments gives
/// four chains the core runs side by side. The count depends only on the layer's shape, never on the machine, and
/// every kernel of the layer (one row, SIMD lanes across rows, the register-tiled batch kernel) uses it, so a row's
/// outputs stay the same bits whichever kernel and batch computed them.
/// </remarks>
internal readonly record struct DepthSegments(int Count, int Depth)
{
    /// <summary>Independent accumulator chains one row should keep in flight: about FMA latency × FMA ports.</summary>
    public const int ChainsWanted = 8;

    /// <summary>At most this many segments (each adds one register per accumulator and one add at the end).</summary>
    public const int MaxSegments = 4;

    /// <summary>A segment is at least this many inputs long. A layer narrower than a register (one neuron at a time)
    /// splits down to pairs: two fused multiply-adds (8 cycles) and the add that joins them (3) beat a chain of four (16),
    /// which is what a one-row kernel waits for. Register layers keep four, so their extra accumulators stay few.</summary>
    public static int MinLength(bool scalar) => scalar ? 2 : 4;

    /// <summary>Inputs in every segment but the last.</summary>
    public int Length => Depth / Count;

    public int Start(int segment) => segment * Length;

    public int End(int segment) => segment == Count - 1 ? Depth : (segment + 1) * Length;

    /// <summary>The segment input <paramref name="i"/> belongs to.</summary>
    public int Of(int i) => Math.Min(i / Length, Count - 1);

    /// <summary>The segments of <paramref name="s"/>, from the chains its widest one-row kernel (512-bit) has without them.</summary>
    public static DepthSegments For(SynapsePlan s, int elementSize)
    {
        LayerKernel widest = LayerKernel.For(s, RowKernelPlan.TierBits[0], elementSize);
        int chains = widest.Scalar ? s.Columns : widest.Registers.Count;
        int count = Math.Min(MaxSegments, (ChainsWanted + chains - 1) / chains);
        count = Math.Max(1, Math.Min(count, s.Rows / MinLength(widest.Scalar)));
        return new DepthSegments(count, s.Rows);
    }

    /// <summary>For the generated file's header.</summary>
    public string Describe() => Count == 1
        ? "inputs summed in one chain"
        : $"inputs summed in {Count} chains of {Length}{(Depth % Count == 0 ? string.Empty : $" (the last {Depth - (Count - 1) * Length})")}, added in order";
}
