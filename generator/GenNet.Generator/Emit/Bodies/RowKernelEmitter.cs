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

    // Activations of a few instructions, always applied to the registers where they are.
    private static readonly string[] CheapActivations =
    {
        "global::GenNet.Activations.Linear", "global::GenNet.Activations.ReLU", "global::GenNet.Activations.LeakyReLU",
    };

    // At most this many registers or neurons of costly activations (exp, tanh: dozens of lane calls each) are inlined into
    // one method; a layer that would pass it is stored and activated by one call to the span-wide
    // ActivationLanes.Activate, compiled on its own. The JIT's inlining budget is per method, and when a kernel spends
    // it on copies of tanh, what remains of the kernel is left as calls.
    private const int InlinedCostlyActivations = 3;

    /// <summary>How Predict calls the kernel, after checking the spans' lengths.</summary>
    public const string Call = "ForwardRow(ref " + Marshal + ".GetReference(input), ref " + Marshal + ".GetReference(output));";

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
        // Optimised at the first call: straight-line SIMD code gains nothing from Dynamic PGO, and its Tier-0 form
        // (every lane operation a call) would be what a short run spends its time in.
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private void {rows.MethodName(variant)}(ref {t} input, ref {t} output)"))
        {
            // Costly activations are inlined layer by layer while the method's copies stay within the limit; the rest
            // go through the span helper. Then which hidden layers stay in a register (see KeepsInRegister).
            var inline = new bool[plan.Last + 1];
            var inRegister = new bool[plan.Last + 1];
            int copies = 0;
            for (int l = 1; l <= plan.Last; l++)
            {
                LayerKernel kernel = variant.Layers[l - 1];
                bool costly = plan.HasElementwiseActivation(l) && !IsCheap(plan.Spec.Activations[l - 1]);
                int layerCopies = !costly ? 0
                    : !kernel.Scalar ? kernel.Registers.Count
                    : PacksScalarLayer(plan, plan.Synapses[l - 1], plan.Spec.Activations[l - 1]) ? 1 : kernel.Columns;
                inline[l] = copies + layerCopies <= InlinedCostlyActivations;
                copies += inline[l] ? layerCopies : 0;
                inRegister[l] = l < plan.Last && (inline[l] || !costly) && KeepsInRegister(plan, kernel, variant.Layers[l]);
            }

            w.Line($"ref {t} w = ref {Marshal}.GetArrayDataReference(_parameters);");
            int hidden = Enumerable.Range(1, plan.Last - 1).Any(l => !inRegister[l]) ? rows.HiddenValues : 0;
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
                WriteLayer(w, rows, variant.Layers[l - 1], l, softmaxAsLanes, inlineCostly: inline[l], sourceInRegister: inRegister[l - 1], keepInRegister: inRegister[l]);
            }

            if (rent)
            {
                w.Line();
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }

        w.Line();
    }

    private static bool IsCheap(string activation) => System.Array.IndexOf(CheapActivations, activation) >= 0;

    // A hidden layer that is exactly one register stays in it when the next layer is written out statement by statement:
    // the next layer reads its values as register elements instead of storing and reloading them (a store-to-load
    // round trip on the critical path of a small network). Only with the intrinsics (the element indexer is theirs).
    private static bool KeepsInRegister(NetworkPlan plan, LayerKernel kernel, LayerKernel next) =>
        plan.Spec.VectorFusedMultiplyAdd
        && kernel.Registers.Count == 1 && kernel.Registers[0].Start == 0
        && kernel.Registers[0].Bits / (8 * plan.ElementSize) == kernel.Columns
        && next.Rows * (next.Scalar ? next.Columns : next.Registers.Count) <= RowKernelPlan.UnrollLimit;

    // The name of the register that holds hidden layer `layer` (see KeepsInRegister).
    private static string RegisterOf(int layer) => $"layer{layer}";

    // Input i of a layer: an element of the previous layer's register, or the value at a reference.
    private static string Input(string source, bool inRegister, int i) => inRegister ? $"{source}[{i}]" : At(source, i);

    // Two or three float neurons of a costly activation share one register for it (every lane rounds as a lone value would).
    private static bool PacksScalarLayer(NetworkPlan plan, SynapsePlan s, string? activation) =>
        activation is not null && !IsCheap(activation) && plan.T == "float" && s.Columns >= 2;

    private static void WriteLayer(SourceWriter w, RowKernelPlan rows, LayerKernel kernel, int to, bool softmaxAsLanes, bool inlineCostly, bool sourceInRegister, bool keepInRegister)
    {
        NetworkPlan plan = rows.Plan;
        SynapsePlan s = plan.Synapses[to - 1];
        string source = to == 1 ? "input" : sourceInRegister ? RegisterOf(to - 1) : Hidden(rows, to - 1);
        string target = to == plan.Last ? "output" : Hidden(rows, to);
        bool elementwise = plan.HasElementwiseActivation(to);
        string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
        string how = kernel.Scalar ? "one neuron at a time" : $"{kernel.Registers.Count} register{(kernel.Registers.Count == 1 ? string.Empty : "s")}";
        w.Line(elementwise
            ? $"// layer_{to} = {ActivationTypes.Symbol(plan, to)}(layer_{to - 1} · synapse_{s.Index}{bias}): {s.Rows}×{s.Columns}, {how}"
            : $"// z = layer_{to - 1} · synapse_{s.Index}{bias}: {s.Rows}×{s.Columns}, {how}; then layer_{to} = softmax(z)");
        string? activation = elementwise ? plan.Spec.Activations[to - 1] : null;
        bool separately = activation is not null && !inlineCostly && !IsCheap(activation);
        string? inRegisters = separately ? null : activation;
        if (keepInRegister)
        {
            w.Line($"global::System.Runtime.Intrinsics.Vector{kernel.Registers[0].Bits}<{plan.T}> {RegisterOf(to)}; // kept in its register: the next layer reads its elements");
        }

        if (kernel.Scalar)
        {
            WriteScalarLayer(w, plan, s, source, sourceInRegister, target, inRegisters);
        }
        else
        {
            var registers = kernel.Registers.ToList();
            int perBlock = System.Math.Max(1, RowKernelPlan.MaxAccumulators / DepthSegments.For(s, plan.ElementSize).Count);

            // Whole blocks of full-width registers at a constant stride: written once in a loop over the columns when
            // there are several (a block per iteration), so a wide layer does not grow the method.
            int lanes = registers[0].Bits / (8 * plan.ElementSize);
            int uniform = registers.TakeWhile((r, k) => r.Bits == registers[0].Bits && r.Start == k * lanes).Count();
            int looped = uniform / perBlock >= 2 ? (uniform / perBlock) * perBlock : 0;
            if (looped > 0)
            {
                using (w.Block($"for (int c = 0; c < {looped * lanes}; c += {perBlock * lanes})"))
                {
                    w.Line($"ref {plan.T} wc = ref {Unsafe}.Add(ref w, c);");
                    w.Line($"ref {plan.T} tc = ref {Unsafe}.Add(ref {target}, c);");
                    WriteRegisterBlock(w, plan, s, source, sourceInRegister, "tc", registers.Take(perBlock).ToList(), inRegisters, weights: "wc");
                }
            }

            for (int first = looped; first < registers.Count; first += perBlock)
            {
                WriteRegisterBlock(w, plan, s, source, sourceInRegister, target, registers.Skip(first).Take(perBlock).ToList(), inRegisters, keepAs: keepInRegister ? RegisterOf(to) : null);
            }
        }

        if (separately)
        {
            w.Line($"global::GenNet.CompilerServices.ActivationLanes.Activate<{activation}, {plan.T}>({Marshal}.CreateSpan(ref {target}, {s.Columns}));");
        }

        if (!elementwise)
        {
            WriteSoftmax(w, plan, s.Columns, softmaxAsLanes);
        }
    }

    // Registers `block` of a layer: start at the bias, one pass over the inputs (in depth segments), activate, store.
    private static void WriteRegisterBlock(SourceWriter w, NetworkPlan plan, SynapsePlan s, string source, bool sourceInRegister, string target, List<(int Bits, int Start)> block, string? activation, string weights = "w", string? keepAs = null)
    {
        string t = plan.T;
        DepthSegments segments = DepthSegments.For(s, plan.ElementSize);
        using (w.Block(string.Empty))
        {
            for (int r = 0; r < block.Count; r++)
            {
                Registers v = new(plan, block[r].Bits);
                w.Line(s.HasBias
                    ? $"{v.Type} a{r} = {v.Load(At(weights, s.BiasOffset + block[r].Start))};"
                    : $"{v.Type} a{r} = {v.Zero};");
                for (int g = 1; g < segments.Count; g++)
                {
                    w.Line($"{v.Type} {Accumulator(r, g)} = {v.Zero};");
                }
            }

            foreach (int bits in block.Select(b => b.Bits).Distinct())
            {
                w.Line($"{new Registers(plan, bits).Type} x{bits};");
            }

            WriteDepth(w, plan, s, segments, source, sourceInRegister, weights, block.Count, (input, weightAt, segment) =>
            {
                foreach (int bits in block.Select(b => b.Bits).Distinct())
                {
                    w.Line($"x{bits} = {new Registers(plan, bits).Broadcast(input)};");
                }

                for (int r = 0; r < block.Count; r++)
                {
                    Registers v = new(plan, block[r].Bits);
                    w.Line($"{Accumulator(r, segment)} = {v.MultiplyAdd($"x{block[r].Bits}", v.Load(weightAt(block[r].Start)), Accumulator(r, segment))};");
                }
            });

            WriteSegmentSums(w, segments, block.Count);
            for (int r = 0; r < block.Count; r++)
            {
                Registers v = new(plan, block[r].Bits);
                string value = activation is null ? $"a{r}" : v.Activate(activation, $"a{r}");
                w.Line(keepAs is null ? $"{v.Store(value, At(target, block[r].Start))};" : $"{keepAs} = {value};");
            }
        }
    }

    /// <summary>
    /// How a row kernel writes register operations. With .NET 9's <c>Vector128/256/512.FusedMultiplyAdd</c> it uses the
    /// intrinsics directly: they cost the JIT nothing from its per-method inlining budget, which is then left for the
    /// activations. On .NET 8 it goes through GenNet's lane wrappers (the same operations, each a small inlined call).
    /// Either way the same instructions and the same bits.
    /// </summary>
    private readonly struct Registers
    {
        private readonly NetworkPlan _plan;
        private readonly int _bits;

        public Registers(NetworkPlan plan, int bits)
        {
            _plan = plan;
            _bits = bits;
        }

        private bool Direct => _plan.Spec.VectorFusedMultiplyAdd;

        private string Vector => $"global::System.Runtime.Intrinsics.Vector{_bits}";

        private string Lane => RowKernelEmitter.Lane(_plan, _bits);

        public string Type => Direct ? $"{Vector}<{_plan.T}>" : Lane;

        public string Zero => Direct ? $"{Vector}<{_plan.T}>.Zero" : $"{Lane}.Create(0)";

        public string Broadcast(string value) => Direct ? $"{Vector}.Create({value})" : $"{Lane}.Create({value})";

        public string Load(string reference) => Direct ? $"{Vector}.LoadUnsafe(ref {reference})" : $"{Lane}.Load(ref {reference})";

        public string Store(string value, string reference) =>
            Direct ? $"{Vector}.StoreUnsafe({value}, ref {reference})" : $"{Lane}.Store({value}, ref {reference})";

        public string MultiplyAdd(string a, string b, string c) =>
            Direct ? $"{Vector}.FusedMultiplyAdd({a}, {b}, {c})" : $"{Lane}.MultiplyAdd({a}, {b}, {c})";

        public string Activate(string activation, string value) =>
            Direct
                ? $"global::GenNet.CompilerServices.ActivationLanes.Activate<{activation}, {_plan.T}, {Lane}>(new({value})).Value"
                : $"global::GenNet.CompilerServices.ActivationLanes.Activate<{activation}, {_plan.T}, {Lane}>({value})";
    }

    // A layer narrower than the smallest register: one fused multiply-add chain per neuron and segment, then the lane form of the activation.
    private static void WriteScalarLayer(SourceWriter w, NetworkPlan plan, SynapsePlan s, string source, bool sourceInRegister, string target, string? activation)
    {
        string t = plan.T;
        string math = t == "float" ? "global::System.MathF" : "global::System.Math";
        string scalar = $"global::GenNet.Numerics.ScalarLane<{t}>";
        DepthSegments segments = DepthSegments.For(s, plan.ElementSize);
        using (w.Block(string.Empty))
        {
            for (int j = 0; j < s.Columns; j++)
            {
                w.Line(s.HasBias ? $"{t} a{j} = {At("w", s.BiasAt(j))};" : $"{t} a{j} = 0;");
                for (int g = 1; g < segments.Count; g++)
                {
                    w.Line($"{t} {Accumulator(j, g)} = 0;");
                }
            }

            WriteDepth(w, plan, s, segments, source, sourceInRegister, "w", s.Columns, (input, weightAt, segment) =>
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"{Accumulator(j, segment)} = {math}.FusedMultiplyAdd({input}, {weightAt(j)}, {Accumulator(j, segment)});");
                }
            });

            WriteSegmentSums(w, segments, s.Columns);
            if (PacksScalarLayer(plan, s, activation))
            {
                // The neurons' sums side by side in one 128-bit register: one copy of the activation instead of one per neuron.
                string lane = Lane(plan, 128);
                string sums = string.Join(", ", Enumerable.Range(0, 4).Select(j => j < s.Columns ? $"a{j}" : "0f"));
                w.Line($"{lane} activated = global::GenNet.CompilerServices.ActivationLanes.Activate<{activation}, {t}, {lane}>(new(global::System.Runtime.Intrinsics.Vector128.Create({sums})));");
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"{At(target, j)} = global::System.Runtime.Intrinsics.Vector128.GetElement(activated.Value, {j});");
                }

                return;
            }

            for (int j = 0; j < s.Columns; j++)
            {
                string value = activation is null ? $"a{j}" : $"global::GenNet.CompilerServices.ActivationLanes.Activate<{activation}, {t}, {scalar}>(new(a{j})).Value";
                w.Line($"{At(target, j)} = {value};");
            }
        }
    }

    // The pass over the inputs: each input's step (given the input, where its weights start and its segment), written out
    // when the block is small, else a loop with constant bounds that advances every segment by the same inputs each iteration.
    private static void WriteDepth(SourceWriter w, NetworkPlan plan, SynapsePlan s, DepthSegments segments, string source, bool sourceInRegister, string weights, int accumulators, System.Action<string, System.Func<int, string>, int> step)
    {
        if (s.Rows * accumulators <= RowKernelPlan.UnrollLimit || sourceInRegister)
        {
            for (int i = 0; i < s.Rows; i++)
            {
                int row = i;
                step(Input(source, sourceInRegister, i), start => At(weights, s.At(row, start)), segments.Of(i));
            }

            return;
        }

        int length = segments.Length;
        int steps = System.Math.Min(RowKernelPlan.StepsPerIteration(accumulators * segments.Count), length);
        int looped = length - (length % steps);
        using (w.Block($"for (int i = 0; i < {looped}; i += {steps})"))
        {
            w.Line($"ref {plan.T} xi = ref {Unsafe}.Add(ref {source}, i);");
            w.Line($"ref {plan.T} wi = ref {Unsafe}.Add(ref {weights}, {s.Offset} + (i * {s.Columns}));");
            for (int k = 0; k < steps; k++)
            {
                for (int g = 0; g < segments.Count; g++)
                {
                    int offset = segments.Start(g) + k;
                    step(At("xi", offset), start => At("wi", (offset * s.Columns) + start), g);
                }
            }
        }

        // What the loop left: the same tail of every segment, then the last segment's remainder.
        for (int g = 0; g < segments.Count; g++)
        {
            for (int i = segments.Start(g) + looped; i < segments.End(g); i++)
            {
                int row = i;
                step(At(source, i), start => At(weights, s.At(row, start)), g);
            }
        }
    }

    // a = ((a + a_1) + a_2) + …: the segments in order, as DenseKernels adds them to C.
    private static void WriteSegmentSums(SourceWriter w, DepthSegments segments, int accumulators)
    {
        if (segments.Count == 1)
        {
            return;
        }

        for (int r = 0; r < accumulators; r++)
        {
            w.Line($"a{r} = a{r} + {string.Join(" + ", Enumerable.Range(1, segments.Count - 1).Select(g => Accumulator(r, g)))};");
        }
    }

    private static string Accumulator(int register, int segment) => segment == 0 ? $"a{register}" : $"a{register}_{segment}";

    // The softmax of the output row, as the batch kernels of the same network compute it, so that rows agree bit for bit.
    private static void WriteSoftmax(SourceWriter w, NetworkPlan plan, int columns, bool asLanes)
    {
        string t = plan.T;
        if (!asLanes)
        {
            w.Line($"{plan.Spec.OutputActivation}.Apply({Marshal}.CreateSpan(ref output, {columns}));");
            return;
        }

        string scalar = $"global::GenNet.Numerics.ScalarLane<{t}>";
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

    private static string Lane(NetworkPlan plan, int bits) => $"global::GenNet.Numerics.Lanes{bits}<{plan.T}>";

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
