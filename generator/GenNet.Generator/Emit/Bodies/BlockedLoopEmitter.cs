using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// The fast path of a large network: each layer of a batch is a row-major matrix, and each synapse is one call of
/// the register-tiled kernel <c>DenseKernels.MultiplyAccumulate</c> with the synapse's sizes as constants (forward
/// <c>layer · synapse</c>, backward <c>delta · synapseᵀ</c>, gradient <c>layerᵀ · delta</c>), followed by the activation
/// or its derivative over the whole matrix, a register at a time.
/// </summary>
/// <remarks>
/// The kernel sums with fused multiply-adds, each output in ascending order of its terms: results differ from the
/// scalar path in the last bits, and a row's outputs do not depend on the rows computed with it.
/// </remarks>
internal static class BlockedLoopEmitter
{
    public static void Write(SourceWriter w, SimdPlan simd)
    {
        WriteForwardRows(w, simd.Plan);
        WriteBackpropagate(w, simd.Plan);
    }

    private static void WriteForwardRows(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        int hidden = Enumerable.Range(1, plan.Last - 1).Sum(l => plan.Layers[l]);
        w.Line("// Rows forward, layer by layer, each layer of the batch a row-major matrix.");
        w.Line($"private void ForwardRows{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> layer0, global::System.Span<{t}> outputs, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            if (hidden == 0)
            {
                WriteForwardLayers(w, plan, lastInto: "outputs");
            }
            else
            {
                Scratch.WithLength(w, plan, $"rows * {hidden}", () =>
                {
                    int offset = 0;
                    for (int l = 1; l < plan.Last; l++)
                    {
                        w.Line($"global::System.Span<{t}> layer{l} = scratch.Slice(rows * {offset}, rows * {plan.Layers[l]});");
                        offset += plan.Layers[l];
                    }

                    WriteForwardLayers(w, plan, lastInto: "outputs");
                });
            }
        }

        w.Line();
    }

    private static void WriteBackpropagate(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        int last = plan.Last;
        int widths = Enumerable.Range(1, last).Sum(l => plan.Layers[l]);
        int transposed = plan.Synapses.Skip(1).Select(s => s.Rows * s.Columns).DefaultIfEmpty(0).Max();
        w.Line("// Forward and backward over the whole batch, each layer a row-major matrix, summing ∂E/∂w into gradient.");
        w.Line($"private {t} Backpropagate{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> layer0, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            w.Line($"// values and deltas of layer_1 … layer_{last} for every row, and one transposed synapse");
            Scratch.WithLength(w, plan, $"(2 * rows * {widths}) + {transposed}", () =>
            {
                int offset = 0;
                foreach (string name in new[] { "layer", "delta" })
                {
                    for (int l = 1; l <= last; l++)
                    {
                        w.Line($"global::System.Span<{t}> {name}{l} = scratch.Slice(rows * {offset}, rows * {plan.Layers[l]});");
                        offset += plan.Layers[l];
                    }
                }

                if (transposed > 0)
                {
                    w.Line($"global::System.Span<{t}> transposed = scratch.Slice(rows * {offset}, {transposed});");
                }

                WriteForwardLayers(w, plan, lastInto: null);
                w.Line();
                WriteOutputDelta(w, plan);
                for (int l = last - 1; l >= 1; l--)
                {
                    SynapsePlan s = plan.Synapses[l];
                    w.Line();
                    w.Line($"// layer_{l}_delta = (layer_{l + 1}_delta · synapse_{l}ᵀ) ⊙ {Symbol(plan, l)}'(layer_{l})");
                    w.Line($"global::GenNet.CompilerServices.DenseKernels.Transpose<{t}>(w.Slice({s.Offset}, {s.Rows * s.Columns}), {s.Rows}, {s.Columns}, transposed.Slice(0, {s.Rows * s.Columns}));");
                    w.Line($"delta{l}.Clear();");
                    w.Line($"global::GenNet.CompilerServices.DenseKernels.MultiplyAccumulate<{t}>(delta{l + 1}, {s.Columns}, 1, transposed.Slice(0, {s.Rows * s.Columns}), delta{l}, rows, {s.Rows}, {s.Columns});");
                    w.Line($"global::GenNet.CompilerServices.ActivationLanes.MultiplyByDerivative<{plan.ActivationType(l)}, {t}>(delta{l}, layer{l});");
                }

                for (int index = plan.Synapses.Length - 1; index >= 0; index--)
                {
                    SynapsePlan s = plan.Synapses[index];
                    w.Line();
                    w.Line($"// ∂E/∂synapse_{s.Index} = layer_{s.Index}ᵀ · layer_{s.Index + 1}_delta ({s.Rows}×{s.Columns}, rows summed in order)" + (s.HasBias ? $";  ∂E/∂bias_{s.Index} = Σ rows of layer_{s.Index + 1}_delta" : string.Empty));
                    w.Line($"global::GenNet.CompilerServices.DenseKernels.MultiplyAccumulate<{t}>(layer{s.Index}, 1, {s.Rows}, delta{s.Index + 1}, gradient.Slice({s.Offset}, {s.WeightCount}), {s.Rows}, {s.Columns}, rows);");
                    if (s.HasBias)
                    {
                        w.Line($"global::GenNet.CompilerServices.DenseKernels.AddColumnSums<{t}>(delta{s.Index + 1}, rows, gradient.Slice({s.BiasOffset}, {s.Columns}));");
                    }
                }

                w.Line();
                LossFragments.WriteScaleAndReturn(w, plan);
            });
        }

        w.Line();
    }

    // layer_1 … layer_K from layer0; the last into `lastInto` when given, else into the span layerK.
    private static void WriteForwardLayers(SourceWriter w, NetworkPlan plan, string? lastInto)
    {
        foreach (SynapsePlan s in plan.Synapses)
        {
            int from = s.Index, to = s.Index + 1;
            string target = to == plan.Last && lastInto is not null ? lastInto : $"layer{to}";
            string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
            w.Line();
            DepthSegments segments = DepthSegments.For(s, plan.ElementSize);
            w.Line($"// layer_{to} = {Symbol(plan, to)}(layer_{from} · synapse_{s.Index}{bias}): {s.Rows}×{s.Columns}, register-tiled, {segments.Describe()}");
            w.Line(s.HasBias
                ? $"global::GenNet.CompilerServices.DenseKernels.RepeatRow<{plan.T}>(w.Slice({s.BiasOffset}, {s.Columns}), {target});"
                : $"{target}.Clear();");
            w.Line(segments.Count == 1
                ? $"global::GenNet.CompilerServices.DenseKernels.MultiplyAccumulate<{plan.T}>(layer{from}, {s.Rows}, 1, w.Slice({s.Offset}, {s.WeightCount}), {target}, rows, {s.Columns}, {s.Rows});"
                : $"global::GenNet.CompilerServices.DenseKernels.MultiplyAccumulate<{plan.T}>(layer{from}, {s.Rows}, 1, w.Slice({s.Offset}, {s.WeightCount}), {target}, rows, {s.Columns}, {s.Rows}, depthSegments: {segments.Count});");
            if (plan.HasElementwiseActivation(to))
            {
                w.Line($"global::GenNet.CompilerServices.ActivationLanes.Activate<{plan.ActivationType(to)}, {plan.T}>({target});");
            }
            else
            {
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"{plan.Spec.OutputActivation}.Apply({target}.Slice(row * {s.Columns}, {s.Columns}));");
                }
            }
        }
    }

    // The loss's output delta for the whole batch and the sum of its terms (errorSum).
    private static void WriteOutputDelta(SourceWriter w, NetworkPlan plan)
    {
        int last = plan.Last;
        string t = plan.T;
        string f = Symbol(plan, last);
        w.Line();
        w.Line(plan.Loss.DeltaComment(last, f));
        w.Line($"{t} errorSum = global::GenNet.CompilerServices.LossLanes.{plan.Loss.BatchKernel}<{t}>(layer{last}, targets, delta{last});");
        if (plan.Loss.Squared)
        {
            w.Line($"global::GenNet.CompilerServices.ActivationLanes.MultiplyByDerivative<{plan.ActivationType(last)}, {t}>(delta{last}, layer{last});");
        }
    }

    private static string Symbol(NetworkPlan plan, int layer) => ActivationTypes.Symbol(plan, layer);
}
