using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>Small fast networks: batches in SIMD lanes across rows (<see cref="BatchSimdEmitter"/>), one row in
/// registers across neurons (<see cref="RowKernelEmitter"/>).</summary>
internal sealed class LaneBodies : KernelBodies
{
    public LaneBodies(NetworkPlan plan)
        : base(plan)
    {
    }

    public override string ForwardRowCall => RowKernelEmitter.Call;

    public override void WriteMethods(SourceWriter w)
    {
        BatchSimdEmitter.Write(w, new SimdPlan(Plan));
        RowKernelEmitter.Write(w, new RowKernelPlan(Plan), softmaxAsLanes: true);
    }
}
