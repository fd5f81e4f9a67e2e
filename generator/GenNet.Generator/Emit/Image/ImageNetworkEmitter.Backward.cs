using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class ImageNetworkEmitter
{
    // Backpropagation in groups of rows: each image's maps forward, the dense layers forward and back for the whole group as
    // matrix products, the dense weight gradients, then each image's maps back, adding their ∂E/∂W and ∂E/∂b into gradient.
    private static void WriteBackward(SourceWriter w, ImagePlan plan)
    {
        if (plan.HasBatchNorm)
        {
            WriteBatchNormBackward(w, plan);
            return;
        }

        string t = plan.T;
        var group = new DenseGroup(plan);
        w.Line("// Backpropagation, a group of rows at a time: the image layers forward one image after another (each keeping its maps");
        w.Line("// in its slot of the records), the dense layers forward for the whole group as matrix products, δ of the output from");
        w.Line("// the loss, the dense layers back (Δ_(d−1) = (Δ_d·synapseᵀ) ⊙ f′, ∂E/∂synapse += Xᵀ·Δ), then the image layers back, one");
        w.Line("// image after another: a pooling routes its output's gradient to its inputs; a Conv2D layer takes δ = ∂E/∂y ⊙ f′(y),");
        w.Line("// adds ∂E/∂W = δ ⋆ x and ∂E/∂b = Σ δ, and passes ∂E/∂x = Wᵀ ⋆ δ down. Rows are summed in order.");
        using (w.Block($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int rows)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            WriteLossSetup(w, plan);
            WithWorkspace(w, plan, () =>
            {
                w.Line($"{Span}<{t}> records = workspace.Slice(0, DenseGroupRows * MapsLength);");
                w.Line($"{Span}<{t}> dense = workspace.Slice(DenseGroupRows * MapsLength, DenseGroupRows * DenseRowLength);");
                w.Line($"{Span}<{t}> transposed = workspace.Slice(DenseGroupRows * (MapsLength + DenseRowLength), TransposedLength);");
                w.Line($"{Span}<{t}> deltaA = workspace.Slice((DenseGroupRows * (MapsLength + DenseRowLength)) + TransposedLength, GradientLength);");
                w.Line($"{Span}<{t}> deltaB = workspace.Slice((DenseGroupRows * (MapsLength + DenseRowLength)) + TransposedLength + GradientLength, GradientLength);");
                w.Line($"{Span}<{t}> scratch = workspace.Slice((DenseGroupRows * (MapsLength + DenseRowLength)) + TransposedLength + (2 * GradientLength), KernelScratchLength);");
                w.Line();
                w.Line("// Each synapse transposed once per call: Δ·synapseᵀ is then the same product kernel as the forward pass.");
                foreach (SynapseLayout s in plan.Dense.Synapses)
                {
                    w.Line($"{DenseKernels}.Transpose<{t}>(p.Slice({s.WeightOffset}, {s.WeightCount}), {s.Rows}, {s.Columns}, transposed.Slice({group.Transposed(s.Index)}, {s.WeightCount}));");
                }

                w.Line();
                using (w.Block("for (int first = 0; first < rows; first += DenseGroupRows)"))
                {
                    w.Line("int count = global::System.Math.Min(DenseGroupRows, rows - first);");
                    w.Line();
                    w.Line("// The image layers forward, one image after another, each keeping its maps in its slot of the records.");
                    using (w.Block("for (int slot = 0; slot < count; slot++)"))
                    {
                        w.Line("ForwardMaps(inputs.Slice((first + slot) * InputCount, InputCount), records.Slice(slot * MapsLength, MapsLength), scratch);");
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
                    w.Line("// The image layers back, one image after another, from its row of ∂E/∂ of the flattened map.");
                    using (w.Block("for (int slot = 0; slot < count; slot++)"))
                    {
                        w.Line($"{ReadOnlySpan}<{t}> image = inputs.Slice((first + slot) * InputCount, InputCount);");
                        w.Line($"{Span}<{t}> record = records.Slice(slot * MapsLength, MapsLength);");
                        w.Line($"delta0.Slice(slot * {plan.DenseSizes[0]}, {plan.DenseSizes[0]}).CopyTo(deltaA);");
                        WriteImageLayersBackward(w, plan);
                    }
                }
            }, "TrainingWorkspaceLength");

            w.Line();
            WriteReturnError(w, plan);
        }
    }

    // The reported error of the pass, from the summed loss terms.
    private static void WriteReturnError(SourceWriter w, ImagePlan plan) =>
        w.Line(plan.Spec.Loss switch
        {
            LossKind.SumSquaredError => $"return errorSum / ({plan.T})(rows * OutputCount);   // the blog's reported error, mean |output − target|",
            LossKind.CategoricalCrossEntropy => "return errorSum / rows;",
            _ => $"return errorSum / ({plan.T})(rows * OutputCount);",
        });

    // The dense layers forward for the group: layer_d = f_d(bias + layer_(d−1)·synapse), count rows at once; layer_0 is each
    // slot's flattened last map, read in place (its rows MapsLength apart).
    private static void WriteGroupForward(SourceWriter w, ImagePlan plan, DenseGroup group)
    {
        string t = plan.T;
        w.Line("// The dense layers forward for the group's rows at once; the flattened last maps are read in place, MapsLength apart.");
        foreach (SynapseLayout s in plan.Dense.Synapses)
        {
            int d = s.Index + 1;
            bool last = d == plan.LastDense;
            string name = DenseName(plan, d);
            string activation = plan.Activation(d);
            string fn = last && plan.SoftmaxOutput ? "softmax" : Short(activation);
            w.Line($"// {(last ? "output" : $"layer_{d}")} = {fn}({(s.HasBias ? $"bias_{s.Index} + " : string.Empty)}{(s.Index == 0 ? "flattened" : $"layer_{s.Index}")}·synapse_{s.Index}), count × {s.Columns}.");
            w.Line($"{Span}<{t}> {name} = dense.Slice({group.Values(d)}, count * {s.Columns});");
            w.Line(s.HasBias ? $"{DenseKernels}.RepeatRow<{t}>(p.Slice({s.BiasOffset}, {s.Columns}), {name});" : $"{name}.Clear();");
            (string input, string stride) = DenseInput(plan, s.Index);
            w.Line($"{DenseKernels}.MultiplyAccumulate<{t}>({input}, {stride}, 1, p.Slice({s.WeightOffset}, {s.WeightCount}), {name}, count, {s.Columns}, {s.Rows});");
            if (s.Normalized)
            {
                WriteDenseNormalize(w, plan, s, name);
            }

            if (last && plan.SoftmaxOutput)
            {
                using (w.Block("for (int slot = 0; slot < count; slot++)"))
                {
                    w.Line($"{activation}.Apply({name}.Slice(slot * OutputCount, OutputCount));");
                }
            }
            else if (!IsLinear(activation))
            {
                w.Line($"{Lanes}.Activate<{activation}, {t}>({name});");
            }

            if (!last && plan.HasDropout)
            {
                w.Line($"// dropout: keep each layer_{d} value with probability 1 − DropoutRate, scaled by 1 / (1 − DropoutRate); the next layer reads dropped{d}.");
                w.Line($"{Span}<{t}> mask{d} = dense.Slice({group.Masks(d)}, count * {s.Columns});");
                w.Line($"{Span}<{t}> dropped{d} = dense.Slice({group.Dropped(d)}, count * {s.Columns});");
                using (w.Block($"for (int k = 0; k < count * {s.Columns}; k++)"))
                {
                    w.Line($"mask{d}[k] = _dropout.Next<{t}>(DropoutRate, DropoutKeepScale);");
                    w.Line($"dropped{d}[k] = {name}[k] * mask{d}[k];");
                }
            }
        }
    }

    // δ of the output pre-activation, row by row in order (the error is summed in row order).
    private static void WriteGroupLoss(SourceWriter w, ImagePlan plan, DenseGroup group)
    {
        string t = plan.T;
        int last = plan.LastDense;
        w.Line("// δ of the output pre-activation, from the loss, row by row.");
        w.Line($"{Span}<{t}> delta{last} = dense.Slice({group.Deltas(last)}, count * OutputCount);");
        using (w.Block("for (int slot = 0; slot < count; slot++)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> target = targets.Slice((first + slot) * OutputCount, OutputCount);");
            using (w.Block("for (int j = 0; j < OutputCount; j++)"))
            {
                w.Line($"{t} y = output[(slot * OutputCount) + j];");
                w.Line($"{t} error = y - target[j];");
                w.Line(plan.Spec.Loss switch
                {
                    LossKind.SumSquaredError => $"errorSum += {t}.Abs(error);",
                    LossKind.MeanSquaredError => "errorSum += error * error;",
                    LossKind.BinaryCrossEntropy => "errorSum += global::GenNet.CompilerServices.LossTerms.BinaryCrossEntropy(y, target[j]);",
                    _ => "errorSum += global::GenNet.CompilerServices.LossTerms.CrossEntropy(y, target[j]);",
                });
                w.Line($"delta{last}[(slot * OutputCount) + j] = scale * error;");
            }
        }

        string outputActivation = plan.Activation(last);
        bool fused = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        if (!fused && !IsLinear(outputActivation))
        {
            w.Line($"{Lanes}.MultiplyByDerivative<{outputActivation}, {t}>(delta{last}, output);");
        }
    }

    // The dense layers back for the group: Δ_s = (Δ_(s+1)·synapse_sᵀ) ⊙ f_s′(layer_s), down to ∂E/∂ of the flattened maps.
    private static void WriteGroupDenseBackward(SourceWriter w, ImagePlan plan, DenseGroup group)
    {
        string t = plan.T;
        for (int s = plan.LastDense - 1; s >= 0; s--)
        {
            SynapseLayout synapse = plan.Dense.Synapses[s];
            w.Line(s == 0
                ? "// ∂E/∂ of the flattened last maps: δ_1·synapse_0ᵀ (the map's own activation, if any, is its Conv2D layer's)."
                : $"// layer_{s}'s delta: (δ_{s + 1}·synapse_{s}ᵀ) ⊙ {Short(plan.Activation(s))}′(layer_{s}){(plan.HasDropout ? $" ⊙ mask_{s}" : string.Empty)}.");
            w.Line($"{Span}<{t}> delta{s} = dense.Slice({group.Deltas(s)}, count * {synapse.Rows});");
            w.Line($"delta{s}.Clear();");
            w.Line($"{DenseKernels}.MultiplyAccumulate<{t}>(delta{s + 1}, {synapse.Columns}, 1, transposed.Slice({group.Transposed(s)}, {synapse.WeightCount}), delta{s}, count, {synapse.Rows}, {synapse.Columns});");
            if (s > 0 && !IsLinear(plan.Activation(s)))
            {
                w.Line($"{Lanes}.MultiplyByDerivative<{plan.Activation(s)}, {t}>(delta{s}, {DenseName(plan, s)});");
            }

            if (s > 0 && plan.Dense.Synapses[s - 1].Normalized)
            {
                WriteDenseNormalizeBackward(w, plan, plan.Dense.Synapses[s - 1]);
            }

            if (s > 0 && plan.HasDropout)
            {
                using (w.Block($"for (int k = 0; k < count * {synapse.Rows}; k++)"))
                {
                    w.Line($"delta{s}[k] *= mask{s}[k];   // a dropped value passed nothing on");
                }
            }
        }
    }

    // Each synapse's weight gradient in one product over the group's rows, in row order: ∂E/∂synapse += Xᵀ·Δ, and
    // ∂E/∂bias += Δ's column sums.
    private static void WriteGroupDenseGradients(SourceWriter w, ImagePlan plan, DenseGroup group)
    {
        string t = plan.T;
        w.Line("// The group's dense weight gradients, rows in order: ∂E/∂synapse += Xᵀ·Δ, ∂E/∂bias += Σ rows of Δ.");
        foreach (SynapseLayout s in plan.Dense.Synapses)
        {
            (string input, string stride) = DenseInput(plan, s.Index);
            w.Line($"{DenseKernels}.MultiplyAccumulate<{t}>({input}, 1, {stride}, delta{s.Index + 1}, gradient.Slice({s.WeightOffset}, {s.WeightCount}), {s.Rows}, {s.Columns}, count);");
            if (s.HasBias)
            {
                w.Line($"{DenseKernels}.AddColumnSums<{t}>(delta{s.Index + 1}, count, gradient.Slice({s.BiasOffset}, {s.Columns}));");
            }
        }
    }

    // One image's layers back, from ∂E/∂ of its flattened last map in deltaA; the buffers ping-pong between deltaA and deltaB.
    private static void WriteImageLayersBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string f = plan.ConvolutionActivation;
        bool inA = true;
        for (int i = plan.Layout.Layers.Count - 1; i >= 0; i--)
        {
            ImageLayerLayout l = plan.Layout.Layers[i];
            string dy = inA ? "deltaA" : "deltaB", dx = inA ? "deltaB" : "deltaA";
            string input = i == 0 ? "image" : $"record.Slice({plan.MapOffsets[i - 1]}, {l.InputLength})";
            w.Line();
            if (l.Kind == ImageLayerKind.Convolution)
            {
                w.Line($"// {Name(plan, l)}: δ = ∂E/∂y ⊙ {Short(f)}′(y); ∂E/∂W += δ ⋆ x, ∂E/∂b += Σ δ{(i > 0 ? "; ∂E/∂x = Wᵀ ⋆ δ for the layer below" : string.Empty)}.");
                w.Line($"{Span}<{t}> {dy}{i} = {dy}.Slice(0, {l.OutputLength});");
                if (!IsLinear(f))
                {
                    w.Line($"{Lanes}.MultiplyByDerivative<{f}, {t}>({dy}{i}, record.Slice({plan.MapOffsets[i]}, {l.OutputLength}));");
                }

                WriteConvolutionGradients(w, plan, l, input, $"{dy}{i}", $"{dx}.Slice(0, {l.InputLength})");
            }
            else
            {
                w.Line(PoolingComment(plan, l, string.Empty));
                w.Line(PoolingBackward(plan, l, input, $"{dy}.Slice(0, {l.OutputLength})", $"{dx}.Slice(0, {l.InputLength})"));
            }

            inA = !inA;
        }
    }

    // A Conv2D layer's ∂E/∂W += δ ⋆ x and ∂E/∂b += Σ δ, and ∂E/∂x = Wᵀ ⋆ δ when a layer below needs it.
    private static void WriteConvolutionGradients(SourceWriter w, ImagePlan plan, ImageLayerLayout l, string input, string delta, string below)
    {
        w.Line($"{Conv}.AccumulateWeightGradient<{plan.T}>(in {ShapeName(plan, l)}, {input}, {delta}, gradient.Slice({l.WeightOffset}, {l.WeightCount}), gradient.Slice({l.BiasOffset}, {l.OutChannels}), scratch);");
        if (l.Index > 0)
        {
            w.Line($"{Conv}.InputGradient<{plan.T}>(in {ShapeName(plan, l)}, {delta}, p.Slice({l.WeightOffset}, {l.WeightCount}), {below}, scratch);");
        }
    }

    // What a pooling layer does with its output's gradient, in words, then as a kernel call.
    private static string PoolingComment(ImagePlan plan, ImageLayerLayout l, string suffix) => l.Kind == ImageLayerKind.MaxPooling
        ? $"// {Name(plan, l)}: each window's gradient goes to its largest input{suffix}."
        : $"// {Name(plan, l)}: each window's gradient is shared equally by its {l.KernelHeight * l.KernelWidth} inputs{suffix}.";

    private static string PoolingBackward(ImagePlan plan, ImageLayerLayout l, string input, string delta, string below) => l.Kind == ImageLayerKind.MaxPooling
        ? $"{Pool}.MaxBackward<{plan.T}>(in {ShapeName(plan, l)}, {input}, {delta}, {below});"
        : $"{Pool}.AverageBackward<{plan.T}>(in {ShapeName(plan, l)}, {delta}, {below});";

    private static void WriteLossSetup(SourceWriter w, ImagePlan plan) =>
        LossScaleFragment.Write(w, plan.T, plan.Spec.Loss, "rows", "row");

    // The local holding dense layer d's values for the group: layer1, layer2, …, output.
    private static string DenseName(ImagePlan plan, int d) => d == plan.LastDense ? "output" : $"layer{d}";

    // Synapse s's input for the group and its row stride: the flattened last maps in the records, or the previous layer.
    private static (string Input, string Stride) DenseInput(ImagePlan plan, int s) => s == 0
        ? ($"records.Slice({plan.MapOffsets[plan.MapOffsets.Length - 1]})", "MapsLength")
        : (plan.HasDropout ? $"dropped{s}" : DenseName(plan, s), plan.DenseSizes[s].ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Where a group's dense values and deltas sit in the dense block, and each synapse's transposed copy: constants for a
    /// group of DenseGroupRows rows, or expressions in <c>rows</c> when the whole batch is one group (batch normalisation).
    /// </summary>
    private sealed class DenseGroup
    {
        private readonly ImagePlan _plan;
        private readonly int _rows;

        public DenseGroup(ImagePlan plan, bool wholeBatch = false)
        {
            _plan = plan;
            _rows = wholeBatch ? 0 : DenseGroupRows(plan);
        }

        // layer_d's values (d ≥ 1): after layers 1 … d−1, a row's worth per group row each.
        public string Values(int d) => Rows(_plan.DenseSizes.Skip(1).Take(d - 1).Sum());

        // Δ_d (d ≥ 0, Δ_0 = ∂E/∂ of the flattened maps): after every layer's values and Δ_0 … Δ_(d−1).
        public string Deltas(int d) => Rows(DeltasPerRow(d));

        public int Transposed(int s) => _plan.Dense.Synapses.Take(s).Sum(o => o.WeightCount);

        // With dropout, hidden layer d's dropped values, then its mask: after every δ, hidden layer after hidden layer.
        public string Dropped(int d) => Rows(DeltasPerRow(_plan.LastDense + 1) + (2 * _plan.DenseSizes.Skip(1).Take(d - 1).Sum()));

        public string Masks(int d) => Rows(DeltasPerRow(_plan.LastDense + 1) + (2 * _plan.DenseSizes.Skip(1).Take(d - 1).Sum()) + _plan.DenseSizes[d]);

        private int DeltasPerRow(int d) => _plan.DenseSizes.Skip(1).Sum() + _plan.DenseSizes.Take(d).Sum();

        private string Rows(int perRow) => _rows > 0
            ? (_rows * perRow).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : perRow == 0 ? "0" : $"rows * {perRow}";
    }
}
