using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>numpy's order of operations: <see cref="ScalarKernelEmitter"/>. One row is a batch of one.</summary>
internal sealed class ScalarBodies : KernelBodies
{
    public ScalarBodies(NetworkPlan plan)
        : base(plan)
    {
    }

    public override string ForwardRowCall => $"ForwardRows{ActivationTypes.Arguments(Plan, null)}(input, output, 1);";

    public override void WriteMethods(SourceWriter w) => ScalarKernelEmitter.Write(w, Plan);
}
