using System;
using System.Collections.Generic;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes <c>CreateStreams</c> and the nested <c>Streams</c> class (<c>GenNet.ISequenceStreams&lt;T&gt;</c>) of a sequence
/// network, recurrent or convolutional: many independent streams stepped together, in groups of a stride of streams
/// whose blocks are stream-minor (row k holds value k of every stream of the group), so that each value of a layer is a
/// vectorised loop across streams (<c>GenNet.CompilerServices.StreamKernels</c>). The network's emitter supplies the
/// layers before the dense ones; the state layout per stream is the network's <c>State</c>.
/// </summary>
internal static class StreamsEmitter
{
    public const string Kernels = "global::GenNet.CompilerServices.StreamKernels";
    private const string Lanes = "global::GenNet.CompilerServices.ActivationLanes.Activate";
    private const string Span = "global::System.Span";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";

    /// <summary>What one network's streams need.</summary>
    /// <param name="Type">The network's class name (an identifier).</param>
    /// <param name="T">float or double.</param>
    /// <param name="Blocks">One group's scratch blocks besides the inputs and outputs: a field name without its underscore
    /// (also the local's name in Step) and its rows.</param>
    /// <param name="BlocksComment">The comment over the scratch fields.</param>
    /// <param name="Layers">Writes the layers before the dense ones for one group (locals: s, p, state, x and the blocks).</param>
    /// <param name="DenseInput">The block the first dense layer reads.</param>
    public sealed record Shape(
        string Type,
        string T,
        IReadOnlyList<(string Name, int Rows)> Blocks,
        string BlocksComment,
        Action<SourceWriter> Layers,
        ParameterLayout Dense,
        int LastDense,
        Func<int, string> Activation,
        bool SoftmaxOutput,
        string DenseInput)
    {
        /// <summary>Every stream through the network's single-stream step, whatever the count: the layers have no
        /// across-streams form (a strided Conv1D layer's phase and held outputs).</summary>
        public bool StepPerStream { get; init; }
    }

    public static void Write(SourceWriter w, Shape shape, string version)
    {
        string t = shape.T;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// <paramref name=\"count\"/> independent streams through this network, stepped together: each has its own state, all");
        w.Line("/// read this network's weights. One <see cref=\"Streams.Step\"/> advances every stream by one sample, vectorised across streams.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"count\"/> is not positive.</exception>");
        w.Line("public Streams CreateStreams(int count) => new(this, count);");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Many independent streams through a <see cref=\"{shape.Type}\"/> (see <see cref=\"global::GenNet.ISequenceStreams{{T}}\"/>): inputs");
        w.Line("/// and outputs one row per stream, each stream's state laid out as <see cref=\"State\"/>. The weights are the network's,");
        w.Line("/// read at every step: training it changes the next step (on another thread, during a step, it is a data race).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>Inside, streams go in groups of a stride (the count rounded up to whole registers, at most");
        w.Line("/// StreamKernels.MaxGroup) and a group's blocks are stream-minor: row k holds value k of every stream of the group,");
        w.Line("/// <c>block[k · stride + s]</c>. The padding streams of a last, partial group read zeros and are never returned. Up to");
        w.Line("/// StreamKernels.StreamAlignment streams step one after another through the network's own single-stream step (its fused");
        w.Line("/// cells), each on its own state (a stride of 1): a group only pays off from a whole 512-bit register of streams on.</remarks>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"GenNet\", \"{version}\")]");
        using (w.Block($"public sealed class Streams : global::GenNet.ISequenceStreams<{t}>"))
        {
            w.Line($"private readonly {shape.Type} _network;");
            w.Line("private readonly int _count;");
            w.Line("private readonly int _stride;");
            w.Line();
            w.Line("// Every stream's state: group after group of _stride streams, each StateLength rows of _stride.");
            w.Line($"private readonly {t}[] _state;");
            w.Line();
            w.Line(shape.BlocksComment);
            w.Line($"private readonly {t}[] _input;");
            foreach ((string name, _) in shape.Blocks)
            {
                w.Line($"private readonly {t}[] _{name};");
            }

            w.Line($"private readonly {t}[] _output;");
            w.Line();
            w.Line("// The single-stream step's scratch, for a few streams stepped one at a time.");
            w.Line($"private readonly {t}[] _stepScratch;");
            w.Line();
            using (w.Block($"internal Streams({shape.Type} network, int count)"))
            {
                w.Line("_network = network;");
                if (shape.StepPerStream)
                {
                    w.Line($"_ = {Kernels}.GroupStride(count);   // refuses a count below 1");
                    w.Line("_stride = 1;   // every stream steps on its own (see Step)");
                }
                else
                {
                    w.Line($"int stride = {Kernels}.GroupStride(count);   // refuses a count below 1");
                    w.Line($"_stride = count <= {Kernels}.StreamAlignment ? 1 : stride;");
                }
                w.Line("_count = count;");
                w.Line($"_state = new {t}[{Kernels}.GroupedLength(count, _stride, StateLength)];");
                w.Line($"_input = new {t}[checked(InputCount * _stride)];");
                foreach ((string name, int rows) in shape.Blocks)
                {
                    w.Line($"_{name} = new {t}[checked({rows} * _stride)];");
                }

                w.Line($"_output = new {t}[checked(OutputCount * _stride)];");
                w.Line($"_stepScratch = new {t}[network._stepScratch.Length];");
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
            WriteStep(w, shape);
            w.Line();
            WriteState(w, t);
        }
    }

    /// <summary>Rows first … first + count − 1 of a stream-minor block of one group.</summary>
    public static string Rows(string block, int first, int count) =>
        first == 0 ? $"{block}.Slice(0, {count} * s)" : $"{block}.Slice({first} * s, {count} * s)";

    private static void WriteStep(SourceWriter w, Shape shape)
    {
        string t = shape.T;
        w.Line("/// <summary>Advances every stream by one sample: <paramref name=\"inputs\"/> holds Count rows of <see cref=\"InputCount\"/>");
        w.Line("/// values, <paramref name=\"outputs\"/> receives Count rows of <see cref=\"OutputCount\"/>. Allocation-free.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not hold exactly its count of values.</exception>");
        using (w.Block($"public void Step({ReadOnlySpan}<{t}> inputs, {Span}<{t}> outputs)"))
        {
            w.Line("global::GenNet.CompilerServices.Guard.Length(inputs, _count * InputCount);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(outputs, _count * OutputCount);");
            if (shape.StepPerStream)
            {
                w.Line("// Each stream through the network's single-stream step, on its own state: a strided Conv1D layer convolves on its");
                w.Line("// own phase and holds its output in between, which has no across-streams form here.");
                using (w.Block("for (int stream = 0; stream < _count; stream++)"))
                {
                    w.Line("_network.StepUnchecked(inputs.Slice(stream * InputCount, InputCount), outputs.Slice(stream * OutputCount, OutputCount), global::System.MemoryExtensions.AsSpan(_state, stream * StateLength, StateLength), _stepScratch);");
                }

                return;
            }

            using (w.Block("if (_stride == 1)"))
            {
                w.Line("// A few streams: each through the network's single-stream step, on its own state.");
                using (w.Block("for (int stream = 0; stream < _count; stream++)"))
                {
                    w.Line("_network.StepUnchecked(inputs.Slice(stream * InputCount, InputCount), outputs.Slice(stream * OutputCount, OutputCount), global::System.MemoryExtensions.AsSpan(_state, stream * StateLength, StateLength), _stepScratch);");
                }

                w.Line("return;");
            }

            w.Line();
            w.Line("int s = _stride;");
            w.Line($"{ReadOnlySpan}<{t}> p = _network._parameters;");
            foreach ((string name, _) in shape.Blocks)
            {
                w.Line($"{Span}<{t}> {name} = _{name};");
            }

            w.Line($"{Span}<{t}> x = _input;");
            w.Line($"{Span}<{t}> output = _output;");
            w.Line("// One group of s streams at a time, so that its values stay in the L1 cache for the whole step.");
            w.Line("for (int first = 0; first < _count; first += s)");
            w.Line("{");
            w.Indent();
            w.Line("int lanes = global::System.Math.Min(s, _count - first);");
            w.Line($"{Span}<{t}> state = global::System.MemoryExtensions.AsSpan(_state, first * StateLength, StateLength * s);");
            w.Line($"{Kernels}.ToStreams(inputs.Slice(first * InputCount, lanes * InputCount), x, lanes, s);");
            shape.Layers(w);
            w.Line();
            WriteDense(w, shape);
            w.Unindent();
            w.Line("}");
        }
    }

    private static void WriteDense(SourceWriter w, Shape shape)
    {
        string t = shape.T;
        w.Line("// The dense layers (the math of Dense), every stream at once; outputs back to one row per stream.");
        int hiddenOffset = 0;
        string previous = shape.DenseInput;
        foreach (SynapseLayout syn in shape.Dense.Synapses)
        {
            int d = syn.Index + 1;
            bool last = d == shape.LastDense;
            string name = last ? "output" : $"layer{d}";
            string activation = shape.Activation(d);
            if (!last)
            {
                w.Line($"{Span}<{t}> {name} = {Rows("hidden", hiddenOffset, syn.Columns)};");
                hiddenOffset += syn.Columns;
            }

            string bias = syn.HasBias ? $"p.Slice({syn.BiasOffset}, {syn.Columns})" : "default";
            w.Line($"{Kernels}.Affine({bias}, p.Slice({syn.WeightOffset}, {syn.WeightCount}), {previous}, {name}, s);");
            if (!(last && shape.SoftmaxOutput) && activation != "global::GenNet.Activations.Linear")
            {
                w.Line($"{Lanes}<{activation}, {t}>({name});");
            }

            previous = name;
        }

        w.Line($"{Kernels}.FromStreams(output, outputs.Slice(first * OutputCount, lanes * OutputCount), lanes, s);");
        if (shape.SoftmaxOutput)
        {
            w.Line("// softmax across each stream's outputs.");
            using (w.Block("for (int stream = first; stream < first + lanes; stream++)"))
            {
                w.Line($"{shape.Activation(shape.LastDense)}.Apply(outputs.Slice(stream * OutputCount, OutputCount));");
            }
        }
    }

    private static void WriteState(SourceWriter w, string t)
    {
        w.Line("/// <summary>Sets every stream's state to zero.</summary>");
        w.Line("public void ResetState() => global::System.Array.Clear(_state);");
        w.Line();
        w.Line("/// <summary>Sets one stream's state to zero; the other streams go on.</summary>");
        using (w.Block("public void ResetState(int stream)"))
        {
            w.Line($"{Kernels}.CheckStream(stream, _count);");
            w.Line($"{Kernels}.ClearStream<{t}>(Group(stream), stream % _stride, _stride);");
        }

        w.Line();
        w.Line("/// <summary>Copies one stream's state (<see cref=\"StateLength\"/> values, laid out as <see cref=\"State\"/>) into <paramref name=\"state\"/>.</summary>");
        using (w.Block($"public void GetState(int stream, {Span}<{t}> state)"))
        {
            w.Line($"{Kernels}.CheckStream(stream, _count);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(state, StateLength);");
            w.Line($"{Kernels}.ReadStream<{t}>(Group(stream), stream % _stride, _stride, state);");
        }

        w.Line();
        w.Line("/// <summary>Sets one stream's state from <paramref name=\"state\"/> (<see cref=\"StateLength\"/> values, laid out as <see cref=\"State\"/>).</summary>");
        using (w.Block($"public void SetState(int stream, {ReadOnlySpan}<{t}> state)"))
        {
            w.Line($"{Kernels}.CheckStream(stream, _count);");
            w.Line("global::GenNet.CompilerServices.Guard.Length(state, StateLength);");
            w.Line($"{Kernels}.WriteStream(state, Group(stream), stream % _stride, _stride);");
        }

        w.Line();
        w.Line("// The states of the group that holds a stream.");
        w.Line($"private {Span}<{t}> Group(int stream) => global::System.MemoryExtensions.AsSpan(_state, stream / _stride * _stride * StateLength, StateLength * _stride);");
    }
}
