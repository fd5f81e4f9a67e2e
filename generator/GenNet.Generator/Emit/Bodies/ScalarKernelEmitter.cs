using System.Collections.Generic;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// The private methods of the scalar path (<see cref="KernelKind.Scalar"/>): rows forward one at a time, and forward
/// and backward over every row in numpy's order. The math of each synapse is <see cref="LayerMathEmitter"/>'s; a
/// batch-normalised network trains layer by layer instead (<see cref="BatchNormEmitter"/>).
/// </summary>
internal static class ScalarKernelEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        WriteForwardRows(w, plan);
        WriteForwardRow(w, plan);
        if (plan.HasBatchNorm)
        {
            BatchNormEmitter.WriteBackpropagate(w, plan);
        }
        else
        {
            WriteBackpropagate(w, plan);
        }
    }

    private static void WriteForwardRows(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string scratch = plan.ForwardScratch > 0 ? ", scratch" : string.Empty;
        w.Line(plan.ForwardScratch > 0
            ? "// Rows forward one at a time, sharing one scratch buffer for the layers kept in spans."
            : "// Rows forward one at a time; every layer is held in locals.");
        w.Line($"private void ForwardRows{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            Scratch.WithConstant(w, plan, plan.ForwardScratch, () =>
            {
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"ForwardRow{ActivationTypes.Parameters(plan, withLanes: false)}(inputs.Slice(row * InputCount, InputCount), outputs.Slice(row * OutputCount, OutputCount){scratch});");
                }
            });
        }

        w.Line();
    }

    private static void WriteForwardRow(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string scratchParameter = plan.ForwardScratch > 0 ? $", global::System.Span<{t}> scratch" : string.Empty;
        w.Line(plan.Spec.ActivationsByName
            ? "// One row forward. The activations are structs called by name: the JIT inlines them, no virtual call per neuron."
            : "// One row forward. The activations are type parameters so that the JIT compiles this method once per\n// activation struct and inlines it: no virtual call per neuron.");
        w.Line($"private void ForwardRow{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> layer0, global::System.Span<{t}> output{scratchParameter})");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            WriteScratchSlices(w, plan, withDeltas: false);
            LayerMathEmitter.WriteForward(w, plan, training: false);
            w.Line();
            LayerMathEmitter.WriteCopyOutput(w, plan);
        }

        w.Line();
    }

    private static void WriteBackpropagate(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        w.Line("// Forward and backward over every row, summing ∂E/∂w into gradient. Rows are visited in order and each");
        w.Line("// sum runs in ascending index order without fused multiply-add, as numpy's BLAS does, so double-precision");
        w.Line("// results match the blog's numpy code.");
        w.Line(MethodAttributes.HotMethod);
        w.Line($"private {t} Backpropagate{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            Scratch.WithConstant(w, plan, plan.TrainingScratch, () =>
            {
                WriteScratchSlices(w, plan, withDeltas: true);
                LossFragments.WriteErrorTerms(w, plan);
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"global::System.ReadOnlySpan<{t}> layer0 = inputs.Slice(row * InputCount, InputCount);");
                    w.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice(row * OutputCount, OutputCount);");
                    w.Line();
                    LayerMathEmitter.WriteForward(w, plan, training: true);
                    w.Line();
                    LayerMathEmitter.WriteBackward(w, plan);
                }

                w.Line();
                LossFragments.WriteErrorSum(w, plan);
                LossFragments.WriteScaleAndReturn(w, plan);
            });
        }
    }

    // The span layers (and, training, their deltas and the dropout masks) as slices of one scratch buffer.
    private static void WriteScratchSlices(SourceWriter w, NetworkPlan plan, bool withDeltas)
    {
        int offset = 0;
        var names = new List<string> { "layer" };
        if (withDeltas)
        {
            names.Add("delta");
        }

        foreach (string name in names)
        {
            for (int l = 1; l <= plan.Last; l++)
            {
                if (plan.IsSpan(l))
                {
                    w.Line($"global::System.Span<{plan.T}> {name}{l} = scratch.Slice({offset}, {plan.Layers[l]});");
                    offset += plan.Layers[l];
                }
            }
        }

        if (withDeltas)
        {
            // Pre-activations of the span layers whose activation's derivative needs its input.
            for (int l = 1; l <= plan.Last; l++)
            {
                if (plan.IsSpan(l) && plan.NeedsInput(l))
                {
                    w.Line($"global::System.Span<{plan.T}> z{l} = scratch.Slice({offset}, {plan.Layers[l]});");
                    offset += plan.Layers[l];
                }
            }
        }

        if (withDeltas && plan.HasDropout)
        {
            foreach (string name in new[] { "mask", "dropped" })
            {
                for (int l = 1; l < plan.Last; l++)
                {
                    w.Line($"global::System.Span<{plan.T}> {name}{l} = scratch.Slice({offset}, {plan.Layers[l]});");
                    offset += plan.Layers[l];
                }
            }
        }
    }
}
