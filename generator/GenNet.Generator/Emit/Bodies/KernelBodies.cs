using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// One kind of kernel body (<see cref="KernelKind"/>): writes the network's private forward and backward methods, and
/// says how the public members, which <see cref="NetworkEmitter"/> writes once for every kind, call them.
/// </summary>
/// <remarks>
/// Every kind declares <c>ForwardRows(inputs, outputs, rows)</c> and <c>Backpropagate(inputs, targets, gradient, rows)</c>
/// with the element-wise activations as type arguments; the rows are checked before these are called.
/// </remarks>
internal abstract class KernelBodies
{
    protected KernelBodies(NetworkPlan plan)
    {
        Plan = plan;
    }

    public NetworkPlan Plan { get; }

    public static KernelBodies For(NetworkPlan plan) => plan.Kernels switch
    {
        KernelKind.Lanes => new LaneBodies(plan),
        KernelKind.Blocked => new BlockedBodies(plan),
        _ => new ScalarBodies(plan),
    };

    /// <summary>The statement with which Predict runs its one row from <c>input</c> to <c>output</c>.</summary>
    public abstract string ForwardRowCall { get; }

    /// <summary>The statement with which PredictBatch runs <c>rows</c> rows from <c>inputs</c> to <c>outputs</c>.</summary>
    public string ForwardRowsCall => $"ForwardRows{ActivationTypes.Arguments(Plan, null)}(inputs, outputs, rows);";

    /// <summary>The expression that fills <paramref name="gradient"/> over <c>rows</c> rows and gives the reported error.</summary>
    public string BackpropagateCall(string gradient) => $"Backpropagate{ActivationTypes.Arguments(Plan, null)}(inputs, targets, {gradient}, rows)";

    /// <summary>Writes the private methods.</summary>
    public abstract void WriteMethods(SourceWriter w);
}
