using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class SequenceNetworkEmitter
{
    private const string StreamKernels = "global::GenNet.CompilerServices.StreamKernels";

    // CreateStreams and the nested Streams class: many independent streams of this network in one step, the state kept
    // stream-minor ([value, stream]) so that every gate is a vectorised loop across streams. The math is the one of
    // Recurrent{l} and Dense above, call for call, on blocks of rows of `stride` streams instead of single values.
    private static void WriteStreams(SourceWriter w, RecurrentPlan plan, string version)
    {
        string t = plan.T;
        string type = Identifier(plan.Spec.TypeName);
        bool gru = plan.Cell == RecurrentCell.Gru;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// <paramref name=\"count\"/> independent streams through this network, stepped together: each has its own state, all");
        w.Line("/// read this network's weights. One <see cref=\"Streams.Step\"/> advances every stream by one sample, vectorised across streams.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"count\"/> is not positive.</exception>");
        w.Line("public Streams CreateStreams(int count) => new(this, count);");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Many independent streams through a <see cref=\"{type}\"/> (see <see cref=\"global::GenNet.ISequenceStreams{{T}}\"/>): inputs");
        w.Line("/// and outputs one row per stream, each stream's state laid out as <see cref=\"State\"/>. The weights are the network's,");
        w.Line("/// read at every step: training it changes the next step (on another thread, during a step, it is a data race).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>Inside, streams go in groups of a stride (the count rounded up to whole registers, at most");
        w.Line("/// StreamKernels.MaxGroup) and a group's blocks are stream-minor: row k holds value k of every stream of the group,");
        w.Line("/// <c>block[k · stride + s]</c>. The padding streams of a last, partial group read zeros and are never returned.</remarks>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"GenNet\", \"{version}\")]");
        using (w.Block($"public sealed class Streams : global::GenNet.ISequenceStreams<{t}>"))
        {
            w.Line($"private readonly {type} _network;");
            w.Line("private readonly int _count;");
            w.Line("private readonly int _stride;");
            w.Line();
            w.Line("// Every stream's state: group after group of _stride streams, each StateLength rows of _stride.");
            w.Line($"private readonly {t}[] _state;");
            w.Line();
            w.Line("// One group's blocks, reused by every group: the inputs, a layer's gates" + (gru ? ", its recurrent products" : string.Empty)
                + (plan.DenseHidden > 0 ? ", the dense hidden layers" : string.Empty) + " and the outputs.");
            w.Line($"private readonly {t}[] _input;");
            w.Line($"private readonly {t}[] _gates;");
            if (gru)
            {
                w.Line($"private readonly {t}[] _recurrent;");
            }

            if (plan.DenseHidden > 0)
            {
                w.Line($"private readonly {t}[] _hidden;");
            }

            w.Line($"private readonly {t}[] _output;");
            w.Line();
            using (w.Block($"internal Streams({type} network, int count)"))
            {
                w.Line("_network = network;");
                w.Line($"_stride = {StreamKernels}.GroupStride(count);");
                w.Line("_count = count;");
                w.Line($"_state = new {t}[{StreamKernels}.GroupedLength(count, _stride, StateLength)];");
                w.Line($"_input = new {t}[checked(InputCount * _stride)];");
                w.Line($"_gates = new {t}[checked({plan.MaxWidth} * _stride)];");
                if (gru)
                {
                    w.Line($"_recurrent = new {t}[checked({plan.MaxWidth} * _stride)];");
                }

                if (plan.DenseHidden > 0)
                {
                    w.Line($"_hidden = new {t}[checked({plan.DenseHidden} * _stride)];");
                }

                w.Line($"_output = new {t}[checked(OutputCount * _stride)];");
            }

            w.Line();
            w.Line("/// <summary>The number of streams.</summary>");
            w.Line("public int Count => _count;");
            w.Line();
            string iface = $"global::GenNet.ISequenceStreams<{t}>";
            w.Line($"int {iface}.InputCount => InputCount;");
            w.Line();
            w.Line($"int {iface}.OutputCount => OutputCount;");
            w.Line();
            w.Line($"int {iface}.StateLength => StateLength;");
            w.Line();
            WriteStreamsStep(w, plan);
            w.Line();
            WriteStreamsState(w, plan);
        }
    }

    private static void WriteStreamsStep(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        w.Line("/// <summary>Advances every stream by one sample: <paramref name=\"inputs\"/> holds Count rows of <see cref=\"InputCount\"/>");
        w.Line("/// values, <paramref name=\"outputs\"/> receives Count rows of <see cref=\"OutputCount\"/>. Allocation-free.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not hold exactly its count of values.</exception>");
        using (w.Block($"public void Step({ReadOnlySpan}<{t}> inputs, {Span}<{t}> outputs)"))
        {
            w.Line("global::GenNet.CompilerServices.Guard.Length(inputs, _count * InputCount);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(outputs, _count * OutputCount);");
            w.Line("int s = _stride;");
            w.Line($"{ReadOnlySpan}<{t}> p = _network._parameters;");
            w.Line($"{Span}<{t}> gates = _gates;");
            if (plan.Cell == RecurrentCell.Gru)
            {
                w.Line($"{Span}<{t}> recurrent = _recurrent;");
            }

            if (plan.DenseHidden > 0)
            {
                w.Line($"{Span}<{t}> hidden = _hidden;");
            }

            w.Line($"{Span}<{t}> x = _input;");
            w.Line($"{Span}<{t}> output = _output;");
            w.Line("// One group of s streams at a time, so that its gates stay in the L1 cache for the whole step.");
            w.Line("for (int first = 0; first < _count; first += s)");
            w.Line("{");
            w.Indent();
            w.Line("int lanes = global::System.Math.Min(s, _count - first);");
            w.Line($"{Span}<{t}> state = global::System.MemoryExtensions.AsSpan(_state, first * StateLength, StateLength * s);");
            w.Line($"{StreamKernels}.ToStreams(inputs.Slice(first * InputCount, lanes * InputCount), x, lanes, s);");
            foreach (RecurrentLayerLayout l in plan.Layout.Layers)
            {
                w.Line();
                string input = l.Index == 0 ? "x" : $"h{l.Index - 1}";
                w.Line($"// recurrent_{l.Index}, {plan.Cell.ToString().ToUpperInvariant()} {l.Inputs} → {l.Units} (the math of Recurrent{l.Index}), every stream at once.");
                w.Line($"{Span}<{t}> h{l.Index} = {Rows("state", l.StateOffset, l.Units)};");
                switch (plan.Cell)
                {
                    case RecurrentCell.Gru:
                        WriteStreamsGru(w, plan, l, input);
                        break;
                    case RecurrentCell.Lstm:
                        WriteStreamsLstm(w, plan, l, input);
                        break;
                    default:
                        w.Line($"// a = Wb + Rb + xₜ·W + hₜ₋₁·R into gates, then hₜ = tanh(a).");
                        w.Line($"{StreamKernels}.Affine(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), h{l.Index}, {Rows("gates", 0, l.Width)}, s);");
                        w.Line($"{Lanes}<{TanhType}, {t}>({Rows("gates", 0, l.Width)});");
                        w.Line($"{Rows("gates", 0, l.Width)}.CopyTo(h{l.Index});");
                        break;
                }
            }

            w.Line();
            WriteStreamsDense(w, plan);
            w.Unindent();
            w.Line("}");
        }
    }

    private static void WriteStreamsGru(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l, string input)
    {
        string t = plan.T, h = "h" + l.Index;
        int u = l.Units;
        w.Line($"// gates = Wb + xₜ·W and recurrent = Rb + hₜ₋₁·R, apart because rₜ scales the recurrent h part.");
        w.Line($"{StreamKernels}.Affine(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, {Rows("gates", 0, l.Width)}, s);");
        w.Line($"{StreamKernels}.Affine(p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.RecurrentWeightOffset}, {u * l.Width}), {h}, {Rows("recurrent", 0, l.Width)}, s);");
        w.Line("// zₜ, rₜ = σ(both sides).");
        w.Line($"{Kernels}.Add({Rows("gates", 0, 2 * u)}, {Rows("recurrent", 0, 2 * u)}, {Rows("gates", 0, 2 * u)});");
        w.Line($"{Lanes}<{SigmoidType}, {t}>({Rows("gates", 0, 2 * u)});");
        w.Line("// h̃ₜ = tanh(input side + rₜ ⊙ recurrent side).");
        w.Line($"{Span}<{t}> candidate{l.Index} = {Rows("gates", 2 * u, u)};");
        w.Line($"{Kernels}.MultiplyAdd({Rows("gates", u, u)}, {Rows("recurrent", 2 * u, u)}, candidate{l.Index}, candidate{l.Index});");
        w.Line($"{Lanes}<{TanhType}, {t}>(candidate{l.Index});");
        w.Line("// hₜ = zₜ ⊙ (hₜ₋₁ − h̃ₜ) + h̃ₜ, in place.");
        w.Line($"{Kernels}.Subtract({h}, candidate{l.Index}, {h});");
        w.Line($"{Kernels}.MultiplyAdd({Rows("gates", 0, u)}, {h}, candidate{l.Index}, {h});");
    }

    private static void WriteStreamsLstm(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l, string input)
    {
        string t = plan.T, h = "h" + l.Index, c = "c" + l.Index;
        int u = l.Units;
        w.Line($"{Span}<{t}> {c} = {Rows("state", l.StateOffset + u, u)};");
        w.Line($"// a = Wb + Rb + xₜ·W + hₜ₋₁·R for i, o, f, c; then i, o, f = σ(a), c̃ = tanh(a).");
        w.Line($"{StreamKernels}.Affine(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, p.Slice({l.RecurrentWeightOffset}, {u * l.Width}), {h}, {Rows("gates", 0, l.Width)}, s);");
        w.Line($"{Lanes}<{SigmoidType}, {t}>({Rows("gates", 0, 3 * u)});");
        w.Line($"{Lanes}<{TanhType}, {t}>({Rows("gates", 3 * u, u)});");
        w.Line("// cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ; hₜ = oₜ ⊙ tanh(cₜ).");
        w.Line($"{Kernels}.Multiply({Rows("gates", 2 * u, u)}, {c}, {c});");
        w.Line($"{Kernels}.MultiplyAdd({Rows("gates", 0, u)}, {Rows("gates", 3 * u, u)}, {c}, {c});");
        w.Line($"{c}.CopyTo({h});");
        w.Line($"{Lanes}<{TanhType}, {t}>({h});");
        w.Line($"{Kernels}.Multiply({h}, {Rows("gates", u, u)}, {h});");
    }

    private static void WriteStreamsDense(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        w.Line("// The dense layers (the math of Dense), every stream at once; outputs back to one row per stream.");
        int hiddenOffset = 0;
        string previous = "h" + plan.Top.Index;
        foreach (SynapseLayout syn in plan.Dense.Synapses)
        {
            int d = syn.Index + 1;
            bool last = d == plan.LastDense;
            string name = last ? "output" : $"layer{d}";
            string activation = plan.Activation(d);
            if (!last)
            {
                w.Line($"{Span}<{t}> {name} = {Rows("hidden", hiddenOffset, syn.Columns)};");
                hiddenOffset += syn.Columns;
            }

            string bias = syn.HasBias ? $"p.Slice({syn.BiasOffset}, {syn.Columns})" : "default";
            w.Line($"{StreamKernels}.Affine({bias}, p.Slice({syn.WeightOffset}, {syn.WeightCount}), {previous}, {name}, s);");
            if (!(last && plan.SoftmaxOutput) && !IsLinear(activation))
            {
                w.Line($"{Lanes}<{activation}, {t}>({name});");
            }

            previous = name;
        }

        w.Line($"{StreamKernels}.FromStreams(output, outputs.Slice(first * OutputCount, lanes * OutputCount), lanes, s);");
        if (plan.SoftmaxOutput)
        {
            w.Line("// softmax across each stream's outputs.");
            using (w.Block("for (int stream = first; stream < first + lanes; stream++)"))
            {
                w.Line($"{plan.Activation(plan.LastDense)}.Apply(outputs.Slice(stream * OutputCount, OutputCount));");
            }
        }
    }

    private static void WriteStreamsState(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        w.Line("/// <summary>Sets every stream's state to zero.</summary>");
        w.Line("public void ResetState() => global::System.Array.Clear(_state);");
        w.Line();
        w.Line("/// <summary>Sets one stream's state to zero; the other streams go on.</summary>");
        using (w.Block("public void ResetState(int stream)"))
        {
            w.Line($"{StreamKernels}.CheckStream(stream, _count);");
            w.Line($"{StreamKernels}.ClearStream<{t}>(Group(stream), stream % _stride, _stride);");
        }

        w.Line();
        w.Line("/// <summary>Copies one stream's state (<see cref=\"StateLength\"/> values, laid out as <see cref=\"State\"/>) into <paramref name=\"state\"/>.</summary>");
        using (w.Block($"public void GetState(int stream, {Span}<{t}> state)"))
        {
            w.Line($"{StreamKernels}.CheckStream(stream, _count);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(state, StateLength);");
            w.Line($"{StreamKernels}.ReadStream<{t}>(Group(stream), stream % _stride, _stride, state);");
        }

        w.Line();
        w.Line("/// <summary>Sets one stream's state from <paramref name=\"state\"/> (<see cref=\"StateLength\"/> values, laid out as <see cref=\"State\"/>).</summary>");
        using (w.Block($"public void SetState(int stream, {ReadOnlySpan}<{t}> state)"))
        {
            w.Line($"{StreamKernels}.CheckStream(stream, _count);");
            w.Line("global::GenNet.CompilerServices.Guard.Length(state, StateLength);");
            w.Line($"{StreamKernels}.WriteStream(state, Group(stream), stream % _stride, _stride);");
        }

        w.Line();
        w.Line("// The states of the group that holds a stream.");
        w.Line($"private {Span}<{t}> Group(int stream) => global::System.MemoryExtensions.AsSpan(_state, stream / _stride * _stride * StateLength, StateLength * _stride);");
    }

    // Rows first … first + count − 1 of a stream-minor block.
    private static string Rows(string block, int first, int count) =>
        first == 0 ? $"{block}.Slice(0, {count} * s)" : $"{block}.Slice({first} * s, {count} * s)";
}
