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

    // Training with batch normalisation: the whole batch layer after layer, in one buffer rented for the call.
    private static void WriteBatchNormBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        var group = new DenseGroup(plan, wholeBatch: true);
        w.Line("// Backpropagation with batch normalisation. A layer's batch statistics need every row's values, so the whole batch runs");
        w.Line("// layer after layer: the image layers forward (each Conv2D layer's sums for every row, then normalised per channel over");
        w.Line("// the batch, then activated), the dense layers as matrix products over the batch (hidden layers normalised per neuron),");
        w.Line("// δ of the output from the loss, the dense layers back, then the image layers back: a Conv2D layer's δ = ∂E/∂y ⊙ f′(y)");
        w.Line("// goes back through the normalisation for every row first, then adds ∂E/∂W = δ ⋆ x, ∂E/∂b = Σ δ and passes ∂E/∂x = Wᵀ ⋆ δ");
        w.Line("// down, row after row. The buffer grows with the batch: BatchRowLength values a row.");
        using (w.Block($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int rows)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            WriteLossSetup(w, plan);
            w.Line("int length = checked((rows * BatchRowLength) + TransposedLength + NormalizedCount + KernelScratchLength);");
            w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent(length);");
            using (w.Block("try"))
            {
                w.Line($"{Span}<{t}> buffer = global::System.MemoryExtensions.AsSpan(rented, 0, length);");
                w.Line($"{Span}<{t}> records = buffer.Slice(0, rows * MapsLength);");
                w.Line($"{Span}<{t}> normalized = buffer.Slice(rows * MapsLength, rows * NormalizedLength);");
                w.Line($"{Span}<{t}> dense = buffer.Slice(rows * (MapsLength + NormalizedLength), rows * DenseRowLength);");
                w.Line($"{Span}<{t}> deltasA = buffer.Slice(rows * (MapsLength + NormalizedLength + DenseRowLength), rows * GradientLength);");
                w.Line($"{Span}<{t}> deltasB = buffer.Slice(rows * (MapsLength + NormalizedLength + DenseRowLength + GradientLength), rows * GradientLength);");
                w.Line($"{Span}<{t}> transposed = buffer.Slice(rows * BatchRowLength, TransposedLength);");
                w.Line($"{Span}<{t}> inverseStd = buffer.Slice((rows * BatchRowLength) + TransposedLength, NormalizedCount);");
                w.Line($"{Span}<{t}> scratch = buffer.Slice((rows * BatchRowLength) + TransposedLength + NormalizedCount, KernelScratchLength);");
                w.Line("int first = 0, count = rows;   // the whole batch is one group of rows");
                w.Line();
                w.Line("// Each synapse transposed once per call: Δ·synapseᵀ is then the same product kernel as the forward pass.");
                foreach (SynapseLayout s in plan.Dense.Synapses)
                {
                    w.Line($"{DenseKernels}.Transpose<{t}>(p.Slice({s.WeightOffset}, {s.WeightCount}), {s.Rows}, {s.Columns}, transposed.Slice({group.Transposed(s.Index)}, {s.WeightCount}));");
                }

                WriteBatchMapsForward(w, plan);
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

                WriteBatchMapsBackward(w, plan);
            }

            using (w.Block("finally"))
            {
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }

            w.Line();
            WriteReturnError(w, plan);
        }
    }

    // The image layers forward over the batch, layer after layer; row r's maps at r · MapsLength in the records.
    private static void WriteBatchMapsForward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        foreach (ImageLayerLayout l in plan.Layout.Layers)
        {
            w.Line();
            string map = $"records.Slice({RowStart(plan.MapOffsets[l.Index])}, {l.OutputLength})";
            if (l.Kind == ImageLayerKind.Convolution)
            {
                w.Line($"// {Name(plan, l)}: z = b + W ⋆ x for every row; normalised per channel over the batch (z ← γ·ẑ + β); y = {Short(f)}(z).");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"{Conv}.Forward<{t}>(in {ShapeName(plan, l)}, {BatchInput(plan, l)}, p.Slice({l.WeightOffset}, {l.WeightCount}), p.Slice({l.BiasOffset}, {l.OutChannels}), {map}, scratch);");
                }


                w.Line($"{Norm}.Normalize<{t}>({(plan.MapOffsets[l.Index] == 0 ? "records" : $"records.Slice({plan.MapOffsets[l.Index]})")}, rows, MapsLength, {l.OutChannels}, {l.OutHeight * l.OutWidth}, p.Slice({l.GammaOffset}, {l.OutChannels}), p.Slice({l.BetaOffset}, {l.OutChannels}), "
                    + $"normalized.Slice({Rows(plan.NormalizedOffsets[l.Index])}, rows * {l.OutputLength}), inverseStd.Slice({plan.StatisticsOffsets[l.Index]}, {l.OutChannels}), "
                    + $"global::System.MemoryExtensions.AsSpan(_runningMean, {plan.StatisticsOffsets[l.Index]}, {l.OutChannels}), global::System.MemoryExtensions.AsSpan(_runningVariance, {plan.StatisticsOffsets[l.Index]}, {l.OutChannels}), BatchNormEpsilon, BatchNormMomentum);");
                if (!IsLinear(f))
                {
                    w.Line();
                    using (w.Block("for (int row = 0; row < rows; row++)"))
                    {
                        w.Line($"{Lanes}.Activate<{f}, {t}>({map});");
                    }
                }
            }
            else
            {
                bool max = l.Kind == ImageLayerKind.MaxPooling;
                w.Line($"// {Name(plan, l)}: the {(max ? "largest value" : "mean")} of each {l.KernelHeight}×{l.KernelWidth} window, every row.");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"{Pool}.{(max ? "Max" : "Average")}Forward<{t}>(in {ShapeName(plan, l)}, {BatchInput(plan, l)}, {map});");
                }
            }
        }
    }

    // The image layers back over the batch, from ∂E/∂ of each row's last map in deltasA (rows GradientLength apart);
    // the two buffers ping-pong between layers.
    private static void WriteBatchMapsBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        bool inA = true;
        for (int i = plan.Layout.Layers.Count - 1; i >= 0; i--)
        {
            ImageLayerLayout l = plan.Layout.Layers[i];
            string dy = inA ? "deltasA" : "deltasB", dx = inA ? "deltasB" : "deltasA";
            string dyRow = $"{dy}.Slice(row * GradientLength, {l.OutputLength})", dxRow = $"{dx}.Slice(row * GradientLength, {l.InputLength})";
            string map = $"records.Slice({RowStart(plan.MapOffsets[i])}, {l.OutputLength})";
            w.Line();
            if (l.Kind == ImageLayerKind.Convolution)
            {
                w.Line($"// {Name(plan, l)}: δ = ∂E/∂y ⊙ {Short(f)}′(y) for every row, back through the normalisation over the batch (∂E/∂γ, ∂E/∂β),");
                w.Line($"// then row after row ∂E/∂W += δ ⋆ x, ∂E/∂b += Σ δ{(i > 0 ? ", ∂E/∂x = Wᵀ ⋆ δ" : string.Empty)}.");
                if (!IsLinear(f))
                {
                    using (w.Block("for (int row = 0; row < rows; row++)"))
                    {
                        w.Line($"{Lanes}.MultiplyByDerivative<{f}, {t}>({dyRow}, {map});");
                    }

                    w.Line();
                }

                w.Line($"{Norm}.Backward<{t}>({dy}, rows, GradientLength, {l.OutChannels}, {l.OutHeight * l.OutWidth}, normalized.Slice({Rows(plan.NormalizedOffsets[l.Index])}, rows * {l.OutputLength}), "
                    + $"p.Slice({l.GammaOffset}, {l.OutChannels}), inverseStd.Slice({plan.StatisticsOffsets[l.Index]}, {l.OutChannels}), gradient.Slice({l.GammaOffset}, {l.OutChannels}), gradient.Slice({l.BetaOffset}, {l.OutChannels}));");
                w.Line();
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    WriteConvolutionGradients(w, plan, l, BatchInput(plan, l), dyRow, dxRow);
                }
            }
            else
            {
                w.Line(PoolingComment(plan, l, ", every row"));
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line(PoolingBackward(plan, l, BatchInput(plan, l), dyRow, dxRow));
                }
            }

            inA = !inA;
        }
    }

    // Row `row`'s input of image layer l: its image, or the layer below's map in its record.
    private static string BatchInput(ImagePlan plan, ImageLayerLayout l) => l.Index == 0
        ? "inputs.Slice(row * InputCount, InputCount)"
        : $"records.Slice({RowStart(plan.MapOffsets[l.Index - 1])}, {l.InputLength})";

    // Where row `row`'s map at `offset` starts in the records.
    private static string RowStart(int offset) => offset == 0 ? "row * MapsLength" : $"(row * MapsLength) + {offset}";

    // An offset per row in a block of the whole batch: rows · perRow.
    private static string Rows(int perRow) => perRow == 0 ? "0" : $"rows * {perRow}";
}
