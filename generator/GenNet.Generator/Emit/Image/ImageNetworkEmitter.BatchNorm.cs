using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// Batch normalisation in image networks: every Conv2D layer per channel (BatchNorm2d) and every dense hidden layer per
/// neuron (BatchNorm1d), between the layer's sum and its activation. A batch's statistics couple its rows, so training
/// runs layer after layer over the whole batch instead of a group of rows at a time; Predict normalises with the running
/// statistics. The math is in <c>GenNet.CompilerServices.BatchNormKernels</c>.
/// </summary>
internal static partial class ImageNetworkEmitter
{
    private const string Norm = "global::GenNet.CompilerServices.BatchNormKernels";

    private static void WriteBatchNormStorage(SourceWriter w, ImagePlan plan)
    {
        BatchNormStorageFragment.Write(w, plan.T, plan.NormalizedCount, "every Conv2D layer's channels, layer after layer, then every dense hidden layer's neurons");
        w.Line("// TrainStep keeps the running statistics here while it steps, to put back if the step is refused.");
        w.Line($"private readonly {plan.T}[] _keptStatistics = new {plan.T}[2 * NormalizedCount];");
        w.Line();
    }

    // Predict's normalisation of a Conv2D map (per channel) or a dense hidden layer (per neuron) with the running statistics.
    private static void WriteInfer(SourceWriter w, ImagePlan plan, string values, int channels, int positions, int gamma, int beta, int statistics)
    {
        w.Line($"// batch normalisation with the running statistics: γ·(z − mean)/√(variance + ε) + β per {(positions == 1 ? "neuron" : "channel")}.");
        w.Line($"{Norm}.Infer<{plan.T}>({values}, {channels}, {positions}, p.Slice({gamma}, {channels}), p.Slice({beta}, {channels}), "
            + $"global::System.MemoryExtensions.AsSpan(_runningMean, {statistics}, {channels}), global::System.MemoryExtensions.AsSpan(_runningVariance, {statistics}, {channels}), BatchNormEpsilon);");
    }

    // Training's normalisation of dense hidden layer `name` over the batch (count rows).
    private static void WriteDenseNormalize(SourceWriter w, ImagePlan plan, SynapseLayout s, string name)
    {
        int d = s.Index + 1;
        w.Line($"// batch normalisation of layer_{d}: z ← γ·ẑ + β, ẑ = (z − mean)/√(variance + ε) over the batch, per neuron.");
        w.Line($"{Norm}.Normalize<{plan.T}>({name}, count, {s.Columns}, {s.Columns}, 1, p.Slice({s.GammaOffset}, {s.Columns}), p.Slice({s.BetaOffset}, {s.Columns}), "
            + $"normalized.Slice({Rows(plan.DenseNormalized(d))}, count * {s.Columns}), inverseStd.Slice({plan.DenseStatistics(d)}, {s.Columns}), "
            + $"global::System.MemoryExtensions.AsSpan(_runningMean, {plan.DenseStatistics(d)}, {s.Columns}), global::System.MemoryExtensions.AsSpan(_runningVariance, {plan.DenseStatistics(d)}, {s.Columns}), BatchNormEpsilon, BatchNormMomentum);");
    }

    // Back through dense hidden layer d's normalisation (into: the synapse that feeds it): δ becomes ∂E/∂z; γ and β get theirs.
    private static void WriteDenseNormalizeBackward(SourceWriter w, ImagePlan plan, SynapseLayout into)
    {
        int d = into.Index + 1;
        w.Line($"// back through layer_{d}'s normalisation: ∂E/∂γ += Σ δ·ẑ, ∂E/∂β += Σ δ, δ ← γ/σ · (δ − (∂E/∂β + ẑ·∂E/∂γ) / rows).");
        w.Line($"{Norm}.Backward<{plan.T}>(delta{d}, count, {into.Columns}, {into.Columns}, 1, normalized.Slice({Rows(plan.DenseNormalized(d))}, count * {into.Columns}), "
            + $"p.Slice({into.GammaOffset}, {into.Columns}), inverseStd.Slice({plan.DenseStatistics(d)}, {into.Columns}), gradient.Slice({into.GammaOffset}, {into.Columns}), gradient.Slice({into.BetaOffset}, {into.Columns}));");
    }

    // Training with batch normalisation: the whole batch layer after layer, in one buffer rented for the call. Each
    // layer's per-row work runs as a phase of chunks of rows (RunBatchPhase) on up to `threads` threads; the statistics,
    // the dense layers and the sums across chunks run here, in a fixed order, so the bits do not depend on the threads.
    private static void WriteBatchNormBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        var group = new DenseGroup(plan, wholeBatch: true);
        List<BatchStage> phases = BatchStages(BatchPhases(plan));
        w.Line("// Backpropagation with batch normalisation. A layer's batch statistics need every row's values, so the whole batch runs");
        w.Line("// layer after layer: the image layers forward (each Conv2D layer's sums for every row, then normalised per channel over");
        w.Line("// the batch, then activated), the dense layers as matrix products over the batch (hidden layers normalised per neuron),");
        w.Line("// δ of the output from the loss, the dense layers back, then the image layers back: a Conv2D layer's δ = ∂E/∂y ⊙ f′(y)");
        w.Line("// goes back through the normalisation, then adds ∂E/∂W = δ ⋆ x, ∂E/∂b = Σ δ and passes ∂E/∂x = Wᵀ ⋆ δ down. The per-row");
        w.Line("// work runs in chunks of rows (RunBatchPhase), each chunk adding its ∂E/∂W into its own partial sums, added up in chunk");
        w.Line("// order at the end: the same bits on any number of threads. The buffer grows with the batch (BatchLength).");
        w.Line($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int rows) => Backpropagate(inputs, targets, gradient, rows, threads: 1);");
        w.Line();
        using (w.Block($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int rows, int threads)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            WriteLossSetup(w, plan);
            w.Line("int chunks = BatchChunks(rows);");
            w.Line("int length = BatchLength(rows, chunks);");
            w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent(length);");
            w.Line("BatchJob job = _batchJob ??= new BatchJob(this);");
            using (w.Block("try"))
            {
                w.Line("var b = new BatchBuffers(rented, rows, chunks);");
                w.Line($"{Span}<{t}> records = b.Records, normalized = b.Normalized, dense = b.Dense, deltasA = b.DeltasA, transposed = b.Transposed, inverseStd = b.InverseStd;");
                w.Line("inputs.CopyTo(b.Images);   // where the chunks on other threads read the images");
                w.Line("b.Partials.Clear();");
                w.Line("b.GammaGradients.Clear();");
                w.Line("b.BetaGradients.Clear();");
                w.Line("job.Start(rented, rows, chunks);");
                w.Line("int first = 0, count = rows;   // the whole batch is one group of rows");
                w.Line();
                w.Line("// Each synapse transposed once per call: Δ·synapseᵀ is then the same product kernel as the forward pass.");
                foreach (SynapseLayout s in plan.Dense.Synapses)
                {
                    w.Line($"{DenseKernels}.Transpose<{t}>(p.Slice({s.WeightOffset}, {s.WeightCount}), {s.Rows}, {s.Columns}, transposed.Slice({group.Transposed(s.Index)}, {s.WeightCount}));");
                }

                foreach (BatchStage stage in phases.Where(o => o.Forward))
                {
                    w.Line();
                    WriteStageRun(w, stage);
                }

                w.Line();
                WriteGroupForward(w, plan, group);
                w.Line();
                WriteGroupLoss(w, plan, group);
                w.Line();
                WriteGroupDenseBackward(w, plan, group);
                w.Line();
                WriteGroupDenseGradients(w, plan, group);
                w.Line();
                w.Line("// ∂E/∂ of each row's flattened last map, GradientLength apart, for the image layers' way back.");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"delta0.Slice(row * {plan.DenseSizes[0]}, {plan.DenseSizes[0]}).CopyTo(deltasA.Slice(row * GradientLength, {plan.DenseSizes[0]}));");
                }

                foreach (BatchStage stage in phases.Where(o => !o.Forward))
                {
                    w.Line();
                    WriteStageRun(w, stage);
                }

                w.Line();
                w.Line("// Every chunk's ∂E/∂W and ∂E/∂b of the Conv2D layers, added in chunk order; each channel's ∂E/∂γ and ∂E/∂β.");
                using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
                {
                    w.Line($"{Kernels}.Add(gradient.Slice(0, ImageParameterCount), b.Partials.Slice(chunk * ImageParameterCount, ImageParameterCount), gradient.Slice(0, ImageParameterCount));");
                }

                foreach (ImageLayerLayout l in plan.Convolutions)
                {
                    int at = plan.StatisticsOffsets[l.Index];
                    w.Line($"{Kernels}.Add(gradient.Slice({l.GammaOffset}, {l.OutChannels}), b.GammaGradients.Slice({at}, {l.OutChannels}), gradient.Slice({l.GammaOffset}, {l.OutChannels}));");
                    w.Line($"{Kernels}.Add(gradient.Slice({l.BetaOffset}, {l.OutChannels}), b.BetaGradients.Slice({at}, {l.OutChannels}), gradient.Slice({l.BetaOffset}, {l.OutChannels}));");
                }
            }

            using (w.Block("finally"))
            {
                w.Line("job.Start(null, 0, 0);");
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }

            w.Line();
            WriteReturnError(w, plan);
        }

        w.Line();
        WriteBatchPhases(w, plan, phases);
        w.Line();
        WriteBatchBuffers(w, plan);
    }

    // One chunk of rows of one phase: the per-row work of a layer, forward or back.
    private static void WriteStageRun(SourceWriter w, BatchStage stage)
    {
        foreach (BatchPhase step in stage.Steps)
        {
            w.Line($"// {step.Comment}");
        }

        w.Line($"job.Run({stage.Id}, {Items(stage.Steps[0])}, threads);");
    }

    private static void WriteBatchPhases(SourceWriter w, ImagePlan plan, List<BatchStage> stages)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        w.Line("// One chunk of rows of one phase of Backpropagate, on whichever thread runs it. Each chunk has its own kernel scratch and");
        w.Line("// its own partial ∂E/∂ of the Conv2D parameters (named gradient here), so chunks never share what they write.");
        using (w.Block("private void RunBatchPhase(int phase, int item, int rows, int chunks, " + t + "[] array)"))
        {
            w.Line("int chunk = item;   // a chunk of rows, or for a normalisation phase a channel");
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line("var b = new BatchBuffers(array, rows, chunks);");
            w.Line($"{Span}<{t}> records = b.Records, deltasA = b.DeltasA, deltasB = b.DeltasB, normalized = b.Normalized, inverseStd = b.InverseStd;");
            w.Line($"{ReadOnlySpan}<{t}> inputs = b.Images;");
            w.Line($"{Span}<{t}> gradient = chunk < chunks ? b.Partials.Slice(chunk * ImageParameterCount, ImageParameterCount) : default;");
            w.Line($"{Span}<{t}> scratch = chunk < chunks ? b.Scratch.Slice(chunk * KernelScratchLength, KernelScratchLength) : default;");
            w.Line("int chunkRows = BatchChunkRows(rows);");
            w.Line("int first = chunk * chunkRows, end = global::System.Math.Min(rows, first + chunkRows);");
            using (w.Block("switch (phase)"))
            {
                foreach (BatchStage stage in stages)
                {
                    w.Line($"case {stage.Id}:");
                    w.Indent();
                    if (stage.Steps[0].Kind is BatchPhaseKind.Normalize or BatchPhaseKind.NormalizeBack)
                    {
                        w.Line($"// {stage.Steps[0].Comment}");
                        WriteChannelNormalization(w, plan, stage.Steps[0]);
                        w.Line("break;");
                        w.Unindent();
                        continue;
                    }

                    using (w.Block("for (int row = first; row < end; row++)"))
                    {
                        foreach (BatchPhase phase in stage.Steps)
                        {
                            WriteRowStep(w, plan, phase, comment: stage.Steps.Count > 1);
                        }
                    }

                    w.Line("break;");
                    w.Unindent();
                }
            }
        }

        w.Line();
        w.Line("// Rows per chunk: at least 8, and at most 32 chunks (their partial sums stay small); a function of the batch alone.");
        w.Line("private static int BatchChunkRows(int rows) => global::System.Math.Max(8, (rows + 31) / 32);");
        w.Line();
        w.Line("private static int BatchChunks(int rows) => (rows + BatchChunkRows(rows) - 1) / BatchChunkRows(rows);");
        w.Line();
        w.Line("// The values Backpropagate rents for a batch: per row its maps, ẑ, dense values and δ, two ∂E/∂ buffers and its image;");
        w.Line("// then the transposed synapses, 1/σ and each channel's ∂E/∂γ and ∂E/∂β; per chunk its partial ∂E/∂ of the Conv2D parameters");
        w.Line("// and its kernel scratch.");
        w.Line("private static int BatchLength(int rows, int chunks) =>");
        w.Line("    checked((rows * (BatchRowLength + InputCount)) + TransposedLength + (3 * NormalizedCount) + (chunks * (ImageParameterCount + KernelScratchLength)));");
        w.Line();
        w.Line("// What the chunks on other threads need of one Backpropagate call: its buffer, its sizes and the phase to run. Made once");
        w.Line("// per network; a batch-normalised network trains on one thread at a time.");
        w.Line("private BatchJob? _batchJob;");
        w.Line();
        using (w.Block("private sealed class BatchJob : global::GenNet.CompilerServices.IChunkJob"))
        {
            w.Line($"private readonly {Identifier(plan.Spec.TypeName)} _network;");
            w.Line($"private {t}[]? _array;");
            w.Line("private int _rows, _chunks, _phase;");
            w.Line();
            w.Line($"public BatchJob({Identifier(plan.Spec.TypeName)} network) => _network = network;");
            w.Line();
            using (w.Block($"public void Start({t}[]? array, int rows, int chunks)"))
            {
                w.Line("_array = array;");
                w.Line("_rows = rows;");
                w.Line("_chunks = chunks;");
            }

            w.Line();
            w.Line("// Runs every item of one phase (its chunks of rows, or its channels), on up to `threads` threads.");
            using (w.Block("public void Run(int phase, int items, int threads)"))
            {
                w.Line("_phase = phase;");
                w.Line("global::GenNet.CompilerServices.Chunks.Run(this, items, threads);");
            }

            w.Line();
            w.Line("void global::GenNet.CompilerServices.IChunkJob.Run(int item) => _network.RunBatchPhase(_phase, item, _rows, _chunks, _array!);");
        }
    }

    // The rented buffer as spans, laid out alike by Backpropagate and by every chunk of a phase.
    private static void WriteBatchBuffers(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        w.Line($"private const int ImageParameterCount = {plan.Layout.ParameterCount};");
        w.Line();
        w.Line("// Backpropagate's buffer as spans: the same layout for the call and for each of its chunks (see BatchLength).");
        using (w.Block("private readonly ref struct BatchBuffers"))
        {
            foreach (string name in new[] { "Records", "Normalized", "Dense", "DeltasA", "DeltasB", "Transposed", "InverseStd", "GammaGradients", "BetaGradients", "Images", "Partials", "Scratch" })
            {
                w.Line($"public readonly {Span}<{t}> {name};");
            }

            w.Line();
            using (w.Block($"public BatchBuffers({t}[] array, int rows, int chunks)"))
            {
                w.Line($"{Span}<{t}> buffer = global::System.MemoryExtensions.AsSpan(array, 0, BatchLength(rows, chunks));");
                w.Line("Records = buffer.Slice(0, rows * MapsLength);");
                w.Line("Normalized = buffer.Slice(rows * MapsLength, rows * NormalizedLength);");
                w.Line("Dense = buffer.Slice(rows * (MapsLength + NormalizedLength), rows * DenseRowLength);");
                w.Line("DeltasA = buffer.Slice(rows * (MapsLength + NormalizedLength + DenseRowLength), rows * GradientLength);");
                w.Line("DeltasB = buffer.Slice(rows * (MapsLength + NormalizedLength + DenseRowLength + GradientLength), rows * GradientLength);");
                w.Line("int at = rows * BatchRowLength;");
                w.Line("Transposed = buffer.Slice(at, TransposedLength);");
                w.Line("at += TransposedLength;");
                w.Line("InverseStd = buffer.Slice(at, NormalizedCount);");
                w.Line("GammaGradients = buffer.Slice(at + NormalizedCount, NormalizedCount);");
                w.Line("BetaGradients = buffer.Slice(at + (2 * NormalizedCount), NormalizedCount);");
                w.Line("at += 3 * NormalizedCount;");
                w.Line("Images = buffer.Slice(at, rows * InputCount);");
                w.Line("at += rows * InputCount;");
                w.Line("Partials = buffer.Slice(at, chunks * ImageParameterCount);");
                w.Line("Scratch = buffer.Slice(at + (chunks * ImageParameterCount), chunks * KernelScratchLength);");
            }
        }
    }

    // One per-row step of a stage, for row `row` of a chunk.
    private static void WriteRowStep(SourceWriter w, ImagePlan plan, BatchPhase phase, bool comment)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        ImageLayerLayout l = phase.Layer;
        string map = $"records.Slice({RowStart(plan.MapOffsets[l.Index])}, {l.OutputLength})";
        string dy = phase.InA ? "deltasA" : "deltasB", dx = phase.InA ? "deltasB" : "deltasA";
        string dyRow = $"{dy}.Slice(row * GradientLength, {l.OutputLength})", dxRow = $"{dx}.Slice(row * GradientLength, {l.InputLength})";
        if (comment)
        {
            w.Line($"// {phase.Comment}");
        }

        switch (phase.Kind)
        {
            case BatchPhaseKind.Convolution:
                w.Line($"{Conv}.Forward<{t}>(in {ShapeName(plan, l)}, {BatchInput(plan, l)}, p.Slice({l.WeightOffset}, {l.WeightCount}), p.Slice({l.BiasOffset}, {l.OutChannels}), {map}, scratch);");
                break;
            case BatchPhaseKind.Activation:
                if (!IsLinear(f))
                {
                    w.Line($"{Lanes}.Activate<{f}, {t}>({map});");
                }

                if (phase.Pooling is ImageLayerLayout pooled)
                {
                    w.Line(PoolingForward(plan, pooled, map, $"records.Slice({RowStart(plan.MapOffsets[pooled.Index])}, {pooled.OutputLength})"));
                }

                break;
            case BatchPhaseKind.Pooling:
                w.Line(PoolingForward(plan, l, BatchInput(plan, l), map));
                break;
            case BatchPhaseKind.Derivative:
                w.Line($"{Lanes}.MultiplyByDerivative<{f}, {t}>({dyRow}, {map});");
                break;
            case BatchPhaseKind.Gradient:
                WriteConvolutionGradients(w, plan, l, BatchInput(plan, l), dyRow, dxRow);
                break;
            default:
                w.Line(PoolingBackward(plan, l, BatchInput(plan, l), dyRow, dxRow));
                break;
        }
    }

    // How many items a phase runs: its layer's channels for the normalisation phases, otherwise the chunks of rows.
    private static string Items(BatchPhase phase) =>
        phase.Kind is BatchPhaseKind.Normalize or BatchPhaseKind.NormalizeBack ? phase.Layer.OutChannels.ToString(System.Globalization.CultureInfo.InvariantCulture) : "chunks";

    // One channel's normalisation over the batch, forward or back. A layer's ẑ is kept channel after channel (rows × H·W
    // each), so that each channel's call writes only its own block.
    private static void WriteChannelNormalization(SourceWriter w, ImagePlan plan, BatchPhase phase)
    {
        string t = plan.T;
        ImageLayerLayout l = phase.Layer;
        int positions = l.OutHeight * l.OutWidth, statistics = plan.StatisticsOffsets[l.Index];
        string zHat = $"normalized.Slice({(plan.NormalizedOffsets[l.Index] == 0 ? string.Empty : $"(rows * {plan.NormalizedOffsets[l.Index]}) + ")}(item * rows * {positions}), rows * {positions})";
        string gamma = $"p.Slice({l.GammaOffset} + item, 1)";
        string channel = Plus(statistics, "item"), map = Plus(plan.MapOffsets[l.Index], $"(item * {positions})");
        if (phase.Kind == BatchPhaseKind.Normalize)
        {
            w.Line($"{Norm}.Normalize<{t}>(records.Slice({map}), rows, MapsLength, 1, {positions}, {gamma}, p.Slice({l.BetaOffset} + item, 1), {zHat}, "
                + $"inverseStd.Slice({channel}, 1), global::System.MemoryExtensions.AsSpan(_runningMean, {channel}, 1), global::System.MemoryExtensions.AsSpan(_runningVariance, {channel}, 1), BatchNormEpsilon, BatchNormMomentum);");
        }
        else
        {
            string dy = phase.InA ? "deltasA" : "deltasB";
            w.Line($"{Norm}.Backward<{t}>({dy}.Slice(item * {positions}), rows, GradientLength, 1, {positions}, {zHat}, {gamma}, inverseStd.Slice({channel}, 1), "
                + $"b.GammaGradients.Slice({channel}, 1), b.BetaGradients.Slice({channel}, 1));");
        }
    }

    // "offset + term", or the term alone when the offset is 0.
    private static string Plus(int offset, string term) => offset == 0 ? term : $"{offset} + {term}";

    private static string PoolingForward(ImagePlan plan, ImageLayerLayout l, string input, string output) =>
        $"{Pool}.{(l.Kind == ImageLayerKind.MaxPooling ? "Max" : "Average")}Forward<{plan.T}>(in {ShapeName(plan, l)}, {input}, {output});";

    // The per-row phases of Backpropagate, forward then back, in the order they run.
    private static List<BatchPhase> BatchPhases(ImagePlan plan)
    {
        var phases = new List<BatchPhase>();
        string f = plan.ConvolutionActivation;
        IReadOnlyList<ImageLayerLayout> layers = plan.Layout.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            ImageLayerLayout l = layers[i];
            if (l.Kind == ImageLayerKind.Convolution)
            {
                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Convolution, l, true, false, null, $"{Name(plan, l)}: z = b + W ⋆ x for every row."));
                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Normalize, l, true, false, null, $"{Name(plan, l)}: z ← γ·ẑ + β, ẑ = (z − mean)/√(variance + ε) over the batch, a channel per item."));
                ImageLayerLayout? pooling = i + 1 < layers.Count && layers[i + 1].Kind != ImageLayerKind.Convolution ? layers[i + 1] : null;
                if (!IsLinear(f) || pooling is not null)
                {
                    string what = (IsLinear(f) ? string.Empty : $"y = {Short(f)}(z) for every row") + (pooling is null ? string.Empty : $"{(IsLinear(f) ? string.Empty : ", then ")}{Name(plan, pooling.Value)} of it");
                    phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Activation, l, true, false, pooling, $"{Name(plan, l)}: {what}."));
                }

                if (pooling is not null)
                {
                    i++;   // pooled in the activation phase
                }
            }
            else
            {
                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Pooling, l, true, false, null, $"{Name(plan, l)}: every row's windows."));
            }
        }

        bool inA = true;
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            ImageLayerLayout l = layers[i];
            if (l.Kind == ImageLayerKind.Convolution)
            {
                if (!IsLinear(f))
                {
                    phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Derivative, l, false, inA, null, $"{Name(plan, l)}: δ = ∂E/∂y ⊙ {Short(f)}′(y) for every row."));
                }

                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.NormalizeBack, l, false, inA, null,
                    $"{Name(plan, l)}: back through the normalisation, a channel per item: ∂E/∂γ = Σ δ·ẑ, ∂E/∂β = Σ δ, δ ← γ/σ · (δ − (∂E/∂β + ẑ·∂E/∂γ) / n)."));
                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.Gradient, l, false, inA, null,
                    $"{Name(plan, l)}: ∂E/∂W += δ ⋆ x, ∂E/∂b += Σ δ into each chunk's partial sums{(i > 0 ? ", ∂E/∂x = Wᵀ ⋆ δ" : string.Empty)}, every row."));
            }
            else
            {
                phases.Add(new BatchPhase(phases.Count, BatchPhaseKind.PoolingBack, l, false, inA, null, PoolingComment(plan, l, ", every row").Substring(3)));
            }

            inA = !inA;
        }

        return phases;
    }

    // Consecutive per-row steps run as one stage, row by row (each row's chain stays in cache, and one wait for the threads
    // instead of several); a normalisation step, which needs every row, is a stage of its own, a channel per item.
    private static List<BatchStage> BatchStages(List<BatchPhase> steps)
    {
        var stages = new List<BatchStage>();
        foreach (BatchPhase step in steps)
        {
            bool channels = step.Kind is BatchPhaseKind.Normalize or BatchPhaseKind.NormalizeBack;
            BatchStage? last = stages.Count > 0 ? stages[stages.Count - 1] : null;
            if (!channels && last is not null && last.Forward == step.Forward && last.Steps[0].Kind is not (BatchPhaseKind.Normalize or BatchPhaseKind.NormalizeBack))
            {
                last.Steps.Add(step);
            }
            else
            {
                stages.Add(new BatchStage(stages.Count, step.Forward, new List<BatchPhase> { step }));
            }
        }

        return stages;
    }

    // One stage: its number (the case of RunBatchPhase), whether it runs forward, and its steps in order.
    private sealed record BatchStage(int Id, bool Forward, List<BatchPhase> Steps);

    private enum BatchPhaseKind
    {
        Convolution,
        Normalize,
        NormalizeBack,
        Activation,
        Pooling,
        Derivative,
        Gradient,
        PoolingBack,
    }

    // One per-row phase: its number, what it does to which layer, whether it runs forward, where its δ is (deltasA or
    // deltasB), the pooling an activation phase does too, and its comment.
    private sealed record BatchPhase(int Id, BatchPhaseKind Kind, ImageLayerLayout Layer, bool Forward, bool InA, ImageLayerLayout? Pooling, string Comment);

    // Row `row`'s input of image layer l: its image, or the layer below's map in its record.
    private static string BatchInput(ImagePlan plan, ImageLayerLayout l) => l.Index == 0
        ? "inputs.Slice(row * InputCount, InputCount)"
        : $"records.Slice({RowStart(plan.MapOffsets[l.Index - 1])}, {l.InputLength})";

    // Where row `row`'s map at `offset` starts in the records.
    private static string RowStart(int offset) => offset == 0 ? "row * MapsLength" : $"(row * MapsLength) + {offset}";

    // An offset per row in a block of the whole batch: rows · perRow.
    private static string Rows(int perRow) => perRow == 0 ? "0" : $"rows * {perRow}";
}
