using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the one-row forward kernels of the fast path (<see cref="RowKernelPlan"/>): a dispatcher on the machine's
/// widest accelerated register, and one private method per distinct plan, each layer a block that starts every
/// neuron's register at its bias and adds <c>x[i] · W[i, :]</c> for ascending i with fused multiply-adds.
/// </summary>
internal static class RowKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static void Write(SourceWriter w, RowKernelPlan rows, bool softmaxAsLanes)
    {
        NetworkPlan plan = rows.Plan;
        string t = plan.T;
        if (rows.Variants.Count > 1)
        {
            w.Line("// One row forward with the widest registers the machine accelerates (the JIT folds the checks to constants).");
            using (w.Block($"private void ForwardRow(ref {t} input, ref {t} output)"))
            {
                for (int v = 0; v < rows.Variants.Count; v++)
                {
                    RowVariant variant = rows.Variants[v];
                    string call = $"{rows.MethodName(variant)}(ref input, ref output);";
                    if (v == rows.Variants.Count - 1)
                    {
                        using (w.Block("else"))
                        {
                            w.Line(call);
                        }
                    }
                    else
                    {
                        using (w.Block($"{(v == 0 ? "if" : "else if")} (global::System.Runtime.Intrinsics.Vector{variant.Bits}.IsHardwareAccelerated)"))
                        {
                            w.Line(call);
                        }
                    }
                }
            }

            w.Line();
        }

        foreach (RowVariant variant in rows.Variants)
        {
            WriteVariant(w, rows, variant, softmaxAsLanes);
        }
    }

    private static void WriteVariant(SourceWriter w, RowKernelPlan rows, RowVariant variant, bool softmaxAsLanes)
    {
        NetworkPlan plan = rows.Plan;
        string t = plan.T;
        w.Line(rows.Variants.Count == 1
            ? "// One row forward, each layer vectorised across its neurons: registers start at the bias and add x[i]·W[i, :], i ascending."
            : $"// One row forward with registers of up to {variant.Bits} bits ({variant.TierText}): each layer's registers start at the bias and add x[i]·W[i, :], i ascending.");
        using (w.Block($"private void {rows.MethodName(variant)}(ref {t} input, ref {t} output)"))
        {
            w.Line($"ref {t} w = ref {Marshal}.GetArrayDataReference(_parameters);");
            int hidden = rows.HiddenValues;
            bool rent = hidden * plan.ElementSize > NetworkPlan.StackLimitBytes;
            if (hidden > 0)
            {
                w.Line(rent
                    ? $"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent({hidden});"
                    : $"global::System.Span<{t}> hidden = stackalloc {t}[{hidden}];");
                w.Line(rent
                    ? $"ref {t} h = ref {Marshal}.GetArrayDataReference(rented);"
                    : $"ref {t} h = ref {Marshal}.GetReference(hidden);");
            }

            for (int l = 1; l <= plan.Last; l++)
            {
                w.Line();
                WriteLayer(w, rows, variant.Layers[l - 1], l, softmaxAsLanes);
            }

            if (rent)
            {
                w.Line();
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }

        w.Line();
    }

    private static void WriteLayer(SourceWriter w, RowKernelPlan rows, LayerKernel kernel, int to, bool softmaxAsLanes)
    {
        NetworkPlan plan = rows.Plan;
        SynapsePlan s = plan.Synapses[to - 1];
        string source = to == 1 ? "input" : Hidden(rows, to - 1);
        string target = to == plan.Last ? "output" : Hidden(rows, to);
        bool elementwise = plan.HasElementwiseActivation(to);
        string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
        string how = kernel.Scalar ? "one neuron at a time" : $"{kernel.Registers.Count} register{(kernel.Registers.Count == 1 ? string.Empty : "s")}";
        w.Line(elementwise
            ? $"// layer_{to} = {LayerMathEmitter.Symbol(plan, to)}(layer_{to - 1} · synapse_{s.Index}{bias}): {s.Rows}×{s.Columns}, {how}"
            : $"// z = layer_{to - 1} · synapse_{s.Index}{bias}: {s.Rows}×{s.Columns}, {how}; then layer_{to} = softmax(z)");
        if (kernel.Scalar)
        {
            WriteScalarLayer(w, plan, s, source, target, elementwise ? plan.Spec.Activations[to - 1] : null);
        }
        else
        {
            var registers = kernel.Registers.ToList();
            for (int first = 0; first < registers.Count; first += RowKernelPlan.MaxAccumulators)
            {
                WriteRegisterBlock(w, plan, s, source, target, registers.Skip(first).Take(RowKernelPlan.MaxAccumulators).ToList(), elementwise ? plan.Spec.Activations[to - 1] : null);
            }
        }

        if (!elementwise)
        {
            WriteSoftmax(w, plan, s.Columns, softmaxAsLanes);
        }
    }

    // Registers `block` of a layer: start at the bias, one pass over the inputs, activate, store.
    private static void WriteRegisterBlock(SourceWriter w, NetworkPlan plan, SynapsePlan s, string source, string target, List<(int Bits, int Start)> block, string? activation)
    {
        string t = plan.T;
        using (w.Block(string.Empty))
        {
            for (int r = 0; r < block.Count; r++)
            {
                string lane = Lane(plan, block[r].Bits);
                w.Line(s.HasBias
                    ? $"{lane} a{r} = {lane}.Load(ref {At("w", s.BiasOffset + block[r].Start)});"
                    : $"{lane} a{r} = {lane}.Create(0);");
            }

            foreach (int bits in block.Select(b => b.Bits).Distinct())
            {
                w.Line($"{Lane(plan, bits)} x{bits};");
            }

            bool unrolled = s.Rows * block.Count <= RowKernelPlan.UnrollLimit;
            if (unrolled)
            {
                for (int i = 0; i < s.Rows; i++)
                {
                    int row = i;
                    WriteStep(w, plan, block, At(source, i), start => At("w", s.At(row, start)));
                }
            }
            else
            {
                int steps = RowKernelPlan.StepsPerIteration(block.Count);
                int looped = s.Rows - (s.Rows % steps);
                using (w.Block($"for (int i = 0; i < {looped}; i += {steps})"))
                {
                    w.Line($"ref {t} wi = ref {Unsafe}.Add(ref w, {s.Offset} + (i * {s.Columns}));");
                    w.Line($"ref {t} xi = ref {Unsafe}.Add(ref {source}, i);");
                    for (int k = 0; k < steps; k++)
                    {
                        int step = k;
                        WriteStep(w, plan, block, At("xi", k), start => At("wi", (step * s.Columns) + start));
                    }
                }

                for (int i = looped; i < s.Rows; i++)
                {
                    int row = i;
                    WriteStep(w, plan, block, At(source, i), start => At("w", s.At(row, start)));
                }
            }

            for (int r = 0; r < block.Count; r++)
            {
                string lane = Lane(plan, block[r].Bits);
                string value = activation is null ? $"a{r}" : $"global::GenNet.Activations.ActivationLanes.Activate<{activation}, {t}, {lane}>(a{r})";
                w.Line($"{lane}.Store({value}, ref {At(target, block[r].Start)});");
            }
        }
    }

    // One input's contribution to every register of the block: a broadcast and one fused multiply-add per register.
    private static void WriteStep(SourceWriter w, NetworkPlan plan, List<(int Bits, int Start)> block, string input, System.Func<int, string> weightAt)
    {
        foreach (int bits in block.Select(b => b.Bits).Distinct())
        {
            w.Line($"x{bits} = {Lane(plan, bits)}.Create({input});");
        }

        for (int r = 0; r < block.Count; r++)
        {
            string lane = Lane(plan, block[r].Bits);
            w.Line($"a{r} = {lane}.MultiplyAdd(x{block[r].Bits}, {lane}.Load(ref {weightAt(block[r].Start)}), a{r});");
        }
    }

    // A layer narrower than the smallest register: one fused multiply-add chain per neuron, then the lane form of the activation.
    private static void WriteScalarLayer(SourceWriter w, NetworkPlan plan, SynapsePlan s, string source, string target, string? activation)
    {
        string t = plan.T;
        string math = t == "float" ? "global::System.MathF" : "global::System.Math";
        string scalar = $"global::GenNet.Numerics.Lanes.ScalarLane<{t}>";
        using (w.Block(string.Empty))
        {
            for (int j = 0; j < s.Columns; j++)
            {
                w.Line(s.HasBias ? $"{t} a{j} = {At("w", s.BiasAt(j))};" : $"{t} a{j} = 0;");
            }

            bool unrolled = s.Rows * s.Columns <= RowKernelPlan.UnrollLimit;
            if (unrolled)
            {
                for (int i = 0; i < s.Rows; i++)
                {
                    for (int j = 0; j < s.Columns; j++)
                    {
                        w.Line($"a{j} = {math}.FusedMultiplyAdd({At(source, i)}, {At("w", s.At(i, j))}, a{j});");
                    }
                }
            }
            else
            {
                int steps = RowKernelPlan.StepsPerIteration(s.Columns);
                int looped = s.Rows - (s.Rows % steps);
                using (w.Block($"for (int i = 0; i < {looped}; i += {steps})"))
                {
                    w.Line($"ref {t} xi = ref {Unsafe}.Add(ref {source}, i);");
                    w.Line($"ref {t} wi = ref {Unsafe}.Add(ref w, {s.Offset} + (i * {s.Columns}));");
                    for (int k = 0; k < steps; k++)
                    {
                        for (int j = 0; j < s.Columns; j++)
                        {
                            w.Line($"a{j} = {math}.FusedMultiplyAdd({At("xi", k)}, {At("wi", (k * s.Columns) + j)}, a{j});");
                        }
                    }
                }

                for (int i = looped; i < s.Rows; i++)
                {
                    for (int j = 0; j < s.Columns; j++)
                    {
                        w.Line($"a{j} = {math}.FusedMultiplyAdd({At(source, i)}, {At("w", s.At(i, j))}, a{j});");
                    }
                }
            }

            for (int j = 0; j < s.Columns; j++)
            {
                string value = activation is null ? $"a{j}" : $"global::GenNet.Activations.ActivationLanes.Activate<{activation}, {t}, {scalar}>(new(a{j})).Value";
                w.Line($"{At(target, j)} = {value};");
            }
        }
    }

    // The softmax of the output row, as the batch kernels of the same network compute it, so that rows agree bit for bit.
    private static void WriteSoftmax(SourceWriter w, NetworkPlan plan, int columns, bool asLanes)
    {
        string t = plan.T;
        if (!asLanes)
        {
            w.Line($"{plan.Spec.OutputActivation}.Apply({Marshal}.CreateSpan(ref output, {columns}));");
            return;
        }

        string scalar = $"global::GenNet.Numerics.Lanes.ScalarLane<{t}>";
        w.Line("// softmax(z) = e^(z − max z) / Σ e^(z − max z), in the order and with the exp of the SIMD lanes across rows");
        if (plan.Spec.OutputActivation == Model.NetworkSpec.PortableSoftmaxActivation)
        {
            w.Line("// PortableSoftmax computes here as Softmax does, with the lanes' exp: the fast path is not bit-portable.");
        }

        using (w.Block(string.Empty))
        {
            w.Line($"{t} zMax = output;");
            using (w.Block($"for (int j = 1; j < {columns}; j++)"))
            {
                w.Line($"zMax = {scalar}.Max(new(zMax), new({Unsafe}.Add(ref output, j))).Value;");
            }

            w.Line($"{t} eSum = 0;");
            using (w.Block($"for (int j = 0; j < {columns}; j++)"))
            {
                w.Line($"ref {t} p = ref {Unsafe}.Add(ref output, j);");
                w.Line($"p = {scalar}.Exp(new(p - zMax)).Value;");
                w.Line("eSum += p;");
            }

            using (w.Block($"for (int j = 0; j < {columns}; j++)"))
            {
                w.Line($"{Unsafe}.Add(ref output, j) /= eSum;");
            }
        }
    }

    private static string Hidden(RowKernelPlan rows, int layer) => rows.HiddenOffset(layer) == 0 ? "h" : $"{Unsafe}.Add(ref h, {rows.HiddenOffset(layer)})";

    private static string Lane(NetworkPlan plan, int bits) => $"global::GenNet.Numerics.Lanes.Lanes{bits}<{plan.T}>";

    // The element at a constant offset from a reference (a reference expression, usable with `ref`).
    private static string At(string reference, int offset)
    {
        if (offset == 0)
        {
            return reference;
        }

        // Hidden layers are already Unsafe.Add(ref h, k): fold the offsets.
        string prefix = $"{Unsafe}.Add(ref h, ";
        if (reference.StartsWith(prefix, System.StringComparison.Ordinal))
        {
            int inner = int.Parse(reference.Substring(prefix.Length, reference.Length - prefix.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
            return $"{prefix}{inner + offset})";
        }

        return $"{Unsafe}.Add(ref {reference}, {offset})";
    }
}
