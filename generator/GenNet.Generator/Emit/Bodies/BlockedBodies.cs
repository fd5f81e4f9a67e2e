using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>Large fast networks: batches on register-tiled matrix kernels (<see cref="BlockedLoopEmitter"/>), one row
/// in registers across neurons (<see cref="RowKernelEmitter"/>).</summary>
internal sealed class BlockedBodies : KernelBodies
{
    public BlockedBodies(NetworkPlan plan)
        : base(plan)
    {
    }

    public override string ForwardRowCall => RowKernelEmitter.Call;

    public override void WriteMethods(SourceWriter w)
    {
        BlockedLoopEmitter.Write(w, new SimdPlan(Plan));
        RowKernelEmitter.Write(w, new RowKernelPlan(Plan), softmaxAsLanes: false);
    }
}
