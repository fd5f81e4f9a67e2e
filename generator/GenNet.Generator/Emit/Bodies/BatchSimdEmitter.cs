using System;
using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// The fast path of a small network: the unrolled math of <see cref="LayerMathEmitter"/> written once against a SIMD
/// register type <c>TLanes</c> whose lane k holds row k of a block of rows. The JIT compiles it per width (512, 256,
/// 128 bits, and one lane for the rows left over), so a 4-row double batch is one 256-bit register per neuron.
/// </summary>
/// <remarks>
/// Per lane the operations and their order are those of the scalar path (no fused multiply-add, sums in ascending
/// index order); what differs is the exponential (the BCL's vector <c>Exp</c>, used at every width and for the
/// leftover rows alike, so a row's result does not depend on its place in the batch) and the order in which the
/// gradient adds up rows (a register's lanes are summed, then the blocks).
/// </remarks>
internal static class BatchSimdEmitter
{
    private const int TermsPerLine = 4;

    private const int MultiplyAddsPerLine = 2;

    public static void Write(SourceWriter w, SimdPlan simd)
    {
        WriteForwardRows(w, simd);
        WriteBackpropagate(w, simd);
        WriteForwardLanes(w, simd);
        WriteBackpropagateLanes(w, simd);
    }

    private static void WriteForwardRows(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        w.Line("// Rows forward in blocks of the widest SIMD register (lane k of a register is row k of the block), then one at a time.");
        w.Line($"private void ForwardRows{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line("// Unchecked reads and writes: Predict and PredictBatch checked at entry that inputs and outputs hold `rows` whole rows.");
            w.Line($"ref {t} x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputs);");
            w.Line($"ref {t} y = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(outputs);");
            WriteBlocks(w, simd, lane =>
                lane == simd.Lane("ScalarLane")
                    ? "ForwardRow(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, row * InputCount), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref y, row * OutputCount));"
                    : $"ForwardLanes{ActivationTypes.ForwardedWithLane(plan, lane)}(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, row * InputCount), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref y, row * OutputCount));");
        }

        w.Line();
    }

    private static void WriteBackpropagate(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        w.Line("// Forward and backward over every row, blocks of rows in SIMD lanes, summing ∂E/∂w into gradient.");
        w.Line(MethodAttributes.HotMethod);
        w.Line($"private {t} Backpropagate{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            w.Line("// Unchecked reads: ComputeGradient and TrainStep checked at entry that inputs and targets hold `rows` whole rows.");
            w.Line($"ref {t} x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputs);");
            w.Line($"ref {t} y = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(targets);");
            w.Line($"{t} errorSum = 0;");
            WriteBlocks(w, simd, lane =>
                $"errorSum += BackpropagateLanes{ActivationTypes.ForwardedWithLane(plan, lane)}(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, row * InputCount), ref global::System.Runtime.CompilerServices.Unsafe.Add(ref y, row * OutputCount), gradient);");
            w.Line();
            LossFragments.WriteScaleAndReturn(w, plan);
        }

        w.Line();
    }

    // for each width, widest first: while a whole register of rows is left, run the body on it.
    private static void WriteBlocks(SourceWriter w, SimdPlan simd, Func<string, string> body)
    {
        w.Line("int row = 0;");
        foreach (string name in SimdPlan.LaneTypes)
        {
            string lane = simd.Lane(name);
            string loop = $"for (; row <= rows - {lane}.Count; row += {lane}.Count)";
            if (name == "ScalarLane")
            {
                using (w.Block(loop))
                {
                    w.Line(body(lane));
                }

                continue;
            }

            using (w.Block($"if ({lane}.IsHardwareAccelerated)"))
            using (w.Block(loop))
            {
                w.Line(body(lane));
            }
        }
    }

    private static void WriteForwardLanes(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        w.Line("// One block of rows forward: lane k of every register is row k.");
        w.Line($"private void ForwardLanes{ActivationTypes.Parameters(plan, withLanes: true)}(ref {t} input, ref {t} output)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: true);
        using (w.Block(string.Empty))
        {
            WriteForward(w, plan);
            w.Line();
            w.Line($"// outputs: lane k to row k");
            for (int k = 0; k < plan.Layers[plan.Last]; k++)
            {
                w.Line($"TLanes.Scatter({Value(plan.Last, k)}, ref {Offset("output", k)}, OutputCount);");
            }
        }

        w.Line();
    }

    private static void WriteBackpropagateLanes(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        int last = plan.Last;
        w.Line("// One block of rows forward and backward, adding its ∂E/∂w to gradient; returns the sum of its loss terms.");
        w.Line(MethodAttributes.HotMethod);
        w.Line($"private {t} BackpropagateLanes{ActivationTypes.Parameters(plan, withLanes: true)}(ref {t} input, ref {t} target, global::System.Span<{t}> gradient)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: true);
        using (w.Block(string.Empty))
        {
            WriteForward(w, plan);
            w.Line();
            WriteOutputDelta(w, plan);
            for (int l = last - 1; l >= 1; l--)
            {
                SynapsePlan s = plan.Synapses[l];
                w.Line();
                w.Line($"// layer_{l}_delta = (layer_{l + 1}_delta · synapse_{l}ᵀ) ⊙ {Symbol(plan, l)}'(layer_{l})");
                for (int i = 0; i < s.Rows; i++)
                {
                    IEnumerable<string> terms = Enumerable.Range(0, s.Columns).Select(j => $"{Delta(l + 1, j)} * TLanes.Create(w[{s.At(i, j)}])");
                    Assignment.Write(w, $"TLanes {Delta(l, i)}", "(", terms, $") * {Derivative(plan, l, Value(l, i))}", TermsPerLine);
                }
            }

            for (int index = plan.Synapses.Length - 1; index >= 0; index--)
            {
                SynapsePlan s = plan.Synapses[index];
                w.Line();
                w.Line($"// ∂E/∂synapse_{s.Index} += layer_{s.Index}ᵀ · layer_{s.Index + 1}_delta" + (s.HasBias ? $";  ∂E/∂bias_{s.Index} += layer_{s.Index + 1}_delta" : string.Empty) + ", the block's rows summed");
                for (int i = 0; i < s.Rows; i++)
                {
                    for (int j = 0; j < s.Columns; j++)
                    {
                        w.Line($"gradient[{s.At(i, j)}] += TLanes.Sum({Value(s.Index, i)} * {Delta(s.Index + 1, j)});");
                    }
                }

                if (s.HasBias)
                {
                    for (int j = 0; j < s.Columns; j++)
                    {
                        w.Line($"gradient[{s.BiasAt(j)}] += TLanes.Sum({Delta(s.Index + 1, j)});");
                    }
                }
            }

            w.Line();
            w.Line(plan.Loss.Squared ? "return TLanes.Sum(errorTerms);" : "return errorSum;");
        }

        w.Line();
    }

    // layer_0 gathered from the rows, then layer_1 … layer_K as one register per neuron.
    private static void WriteForward(SourceWriter w, NetworkPlan plan)
    {
        w.Line($"global::System.ReadOnlySpan<{plan.T}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
        w.Line("// layer_0: input i of each row (rows are InputCount apart)");
        for (int i = 0; i < plan.Layers[0]; i++)
        {
            w.Line($"TLanes {Value(0, i)} = TLanes.Gather(ref {Offset("input", i)}, InputCount);");
        }

        foreach (SynapsePlan s in plan.Synapses)
        {
            int from = s.Index, to = s.Index + 1;
            bool elementwise = plan.HasElementwiseActivation(to);
            string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
            w.Line();
            w.Line(elementwise
                ? $"// layer_{to} = {Symbol(plan, to)}(layer_{from} · synapse_{s.Index}{bias})"
                : $"// z = layer_{from} · synapse_{s.Index}{bias}; layer_{to} = softmax(z) = e^(z − max z) / Σ e^(z − max z), per row (lane)");
            DepthSegments segments = DepthSegments.For(s, plan.ElementSize);
            for (int j = 0; j < s.Columns; j++)
            {
                // z starts at the bias and adds the inputs in ascending order with fused multiply-adds, in the layer's
                // depth segments (each later one from zero, added in order), as the one-row kernel does.
                string z = elementwise ? $"z{to}_{j}" : $"z{j}";
                for (int g = 0; g < segments.Count; g++)
                {
                    string zg = g == 0 ? z : $"{z}s{g}";
                    w.Line($"TLanes {zg} = {(g == 0 && s.HasBias ? $"TLanes.Create(w[{s.BiasAt(j)}])" : "TLanes.Create(0)")};");
                    for (int i = segments.Start(g); i < segments.End(g); i += MultiplyAddsPerLine)
                    {
                        w.Line(string.Join(" ", Enumerable.Range(i, Math.Min(MultiplyAddsPerLine, segments.End(g) - i))
                            .Select(k => $"{zg} = TLanes.MultiplyAdd({Value(from, k)}, TLanes.Create(w[{s.At(k, j)}]), {zg});")));
                    }
                }

                if (segments.Count > 1)
                {
                    w.Line($"{z} = {z} + {string.Join(" + ", Enumerable.Range(1, segments.Count - 1).Select(g => $"{z}s{g}"))};");
                }

                if (elementwise)
                {
                    w.Line($"TLanes {Value(to, j)} = global::GenNet.CompilerServices.ActivationLanes.Activate<{plan.ActivationType(to)}, {plan.T}, TLanes>({z});");
                }
            }

            if (!elementwise)
            {
                if (plan.Spec.OutputActivation == Model.NetworkSpec.PortableSoftmaxActivation)
                {
                    w.Line("// PortableSoftmax computes here as Softmax does, with the lanes' exp: the fast path is not bit-portable.");
                }

                string max = "z0";
                for (int j = 1; j < s.Columns; j++)
                {
                    max = $"TLanes.Max({max}, z{j})";
                }

                w.Line($"TLanes zMax = {max};");
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"TLanes e{j} = TLanes.Exp(z{j} - zMax);");
                }

                w.Line($"TLanes eSum = {string.Join(" + ", Enumerable.Range(0, s.Columns).Select(j => $"e{j}"))};");
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"TLanes {Value(to, j)} = e{j} / eSum;");
                }
            }
        }
    }

    // The loss's output delta per output neuron, and its terms summed into errorTerms (squared losses) or errorSum.
    private static void WriteOutputDelta(SourceWriter w, NetworkPlan plan)
    {
        int last = plan.Last;
        string t = plan.T;
        string f = Symbol(plan, last);
        w.Line(plan.Loss.DeltaComment(last, f));
        w.Line(plan.Loss.Squared ? "TLanes errorTerms = TLanes.Create(0);" : $"{t} errorSum = 0;");
        for (int k = 0; k < plan.Layers[last]; k++)
        {
            string p = Value(last, k), error = $"error{last}_{k}";
            w.Line($"TLanes target{k} = TLanes.Gather(ref {Offset("target", k)}, OutputCount);");
            w.Line($"TLanes {error} = {p} - target{k};");
            (string addTerm, string delta) = plan.Loss.LaneTerms(p, $"target{k}", error, Derivative(plan, last, p));
            w.Line(addTerm);
            w.Line($"TLanes {Delta(last, k)} = {delta};");
        }
    }

    private static string Derivative(NetworkPlan plan, int layer, string value) =>
        $"global::GenNet.CompilerServices.ActivationLanes.DerivativeFromOutput<{plan.ActivationType(layer)}, {plan.T}, TLanes>({value})";

    private static string Offset(string reference, int index) =>
        index == 0 ? reference : $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {index})";

    private static string Value(int layer, int neuron) => $"layer{layer}_{neuron}";

    private static string Delta(int layer, int neuron) => $"delta{layer}_{neuron}";

    private static string Symbol(NetworkPlan plan, int layer) => ActivationTypes.Symbol(plan, layer);
}
