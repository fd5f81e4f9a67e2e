using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class ImageNetworkEmitter
{
    private static void WriteTraining(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string loss = $"global::GenNet.LossFunction.{plan.Spec.Loss}";
        bool checksTargets = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        w.Line("/// <summary>");
        w.Line($"/// Computes the gradient of the {plan.Spec.Loss} loss over all rows (images) into <paramref name=\"gradient\"/>, without");
        w.Line("/// changing the weights. Rows are taken one after another, so the result does not depend on any thread count.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line("/// <returns>The reported error of this forward pass, as a fully connected network with this loss reports it.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), or a value is NaN or infinite (the message names its row and column).</exception>");
        w.Line("/// <remarks>Only reads the weights and writes <paramref name=\"gradient\"/>: chunks of one batch may run on several threads at");
        w.Line("/// once (<c>GenNet.Training.ParallelGradient</c>). Allocation-free once warm.</remarks>");
        using (w.Block($"public {t} ComputeGradient({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient)"))
        {
            w.Line($"int rows = {Guard}.TrainingRows(inputs, InputCount, targets, OutputCount);");
            if (checksTargets)
            {
                w.Line($"{Guard}.Targets(targets, OutputCount, {loss});");
            }

            w.Line($"{Guard}.Length<{t}>(gradient, ParameterCount);");
            w.Line("return Backpropagate(inputs, targets, gradient, rows);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent: <c>parameters −= learningRate · ∂E/∂parameters</c>, all gradients taken before");
        w.Line("/// any update (see <see cref=\"ComputeGradient\"/>).");
        w.Line("/// </summary>");
        w.Line("/// <returns>The reported error of the forward pass before the update.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match, a value is NaN or infinite, or the");
        w.Line("/// learning rate is not positive and finite.</exception>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        w.Line("/// <exception cref=\"global::System.NotFiniteNumberException\">The step's error or an updated weight would be NaN or infinite:");
        w.Line("/// the step was not applied and the network is as it was before the call.</exception>");
        using (w.Block($"public {t} TrainStep({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {t} learningRate)"))
        {
            w.Line($"int rows = {Guard}.TrainingRows(inputs, InputCount, targets, OutputCount);");
            if (checksTargets)
            {
                w.Line($"{Guard}.Targets(targets, OutputCount, {loss});");
            }

            w.Line($"{Guard}.LearningRate(learningRate);");
            w.Line($"{Lock}.Enter(this);");
            using (w.Block("try"))
            {
                w.Line($"{t} error = Backpropagate(inputs, targets, _gradient, rows);");
                w.Line("// A step that would leave the error or a weight NaN or infinite is not applied (TryApply puts the weights back).");
                using (w.Block($"if (!{t}.IsFinite(error) || !global::GenNet.CompilerServices.GradientDescent.TryApply<{t}>(_parameters, _gradient, learningRate))"))
                {
                    w.Line("global::GenNet.CompilerServices.GradientDescent.ThrowStepNotFinite(error);");
                }

                w.Line();
                w.Line("return error;");
            }

            using (w.Block("finally"))
            {
                w.Line($"{Lock}.Exit(this);");
            }
        }

        w.Line();
        w.Line("// TrainStep for GenNet's Trainer, which checks the data's values and the learning rate once per run and holds the");
        w.Line("// training lock for the whole run: only the sizes, and that this thread holds the lock, are checked here.");
        using (w.Block($"{t} global::GenNet.ITrainableNetwork<{t}>.TrainStepUnchecked({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {t} learningRate)"))
        {
            w.Line($"int rows = {Guard}.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"{Lock}.EnsureHeld(this);");
            w.Line($"{t} error = Backpropagate(inputs, targets, _gradient, rows);");
            w.Line($"global::GenNet.CompilerServices.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
    }

    private static void WriteCopies(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string type = Identifier(plan.Spec.TypeName);
        w.Line("/// <summary>Copies this network's weights into <paramref name=\"destination\"/> as of one whole training step: a step in");
        w.Line("/// progress on another thread is waited for, never torn.</summary>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training <paramref name=\"destination\"/>.</exception>");
        using (w.Block($"public void CopyWeightsTo({type} destination)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(destination);");
            using (w.Block("if (ReferenceEquals(destination, this))"))
            {
                w.Line("return;");
            }

            w.Line();
            w.Line("// Read this network under its lock first, then write the destination under its own: never both locks at once.");
            w.Line($"var copy = {Lock}.Snapshot(this, () => ({t}[])_parameters.Clone());");
            w.Line($"{Lock}.Enter(destination);");
            using (w.Block("try"))
            {
                w.Line("copy.CopyTo(destination._parameters, 0);");
            }

            using (w.Block("finally"))
            {
                w.Line($"{Lock}.Exit(destination);");
            }
        }

        w.Line();
        if (!plan.Spec.CanConstruct)
        {
            return;
        }

        w.Line($"/// <summary>A new {type} holding this network's weights as of one whole training step (see <see cref=\"CopyWeightsTo\"/>).</summary>");
        using (w.Block($"public {type} Snapshot()"))
        {
            w.Line($"var snapshot = new {type}();");
            w.Line("CopyWeightsTo(snapshot);");
            w.Line("return snapshot;");
        }

        w.Line();
    }

    // Row after row: forward (keeping every layer's values), the loss's delta, the dense layers back, then the image layers
    // back, each adding its ∂E/∂W and ∂E/∂b into gradient.
    private static void WriteBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string f = plan.ConvolutionActivation;
        w.Line("// Backpropagation, one image at a time: forward keeping every layer's values in the record, δ of the output from the");
        w.Line("// loss, then back through the dense layers (∂E/∂synapse += layerᵀ·δ) to ∂E/∂ of the flattened map, and back through");
        w.Line("// the image layers: a pooling routes its output's gradient to its inputs; a Conv2D layer takes δ = ∂E/∂y ⊙ f′(y), adds");
        w.Line("// ∂E/∂W = δ ⋆ x and ∂E/∂b = Σ δ, and passes ∂E/∂x = Wᵀ ⋆ δ down. Rows are summed in order.");
        using (w.Block($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int rows)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            WriteLossSetup(w, plan);
            WithWorkspace(w, plan, () =>
            {
                w.Line($"{Span}<{t}> record = workspace.Slice(0, RecordLength);");
                w.Line($"{Span}<{t}> deltaA = workspace.Slice(RecordLength, GradientLength);");
                w.Line($"{Span}<{t}> deltaB = workspace.Slice(RecordLength + GradientLength, GradientLength);");
                w.Line($"{Span}<{t}> scratch = workspace.Slice(RecordLength + (2 * GradientLength), KernelScratchLength);");
                w.Line($"{Span}<{t}> group = workspace.Slice(WorkspaceLength, DenseGroupLength);");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"{ReadOnlySpan}<{t}> image = inputs.Slice(row * InputCount, InputCount);");
                    w.Line($"{ReadOnlySpan}<{t}> target = targets.Slice(row * OutputCount, OutputCount);");
                    w.Line("int slot = row % DenseGroupRows;");
                    w.Line("Forward(image, record, scratch);");
                    w.Line();
                    bool inA = WriteDenseBackward(w, plan);
                    w.Line();
                    WriteDenseGroupGradients(w, plan);
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

                            w.Line($"{Conv}.AccumulateWeightGradient<{t}>(in {ShapeName(plan, l)}, {input}, {dy}{i}, gradient.Slice({l.WeightOffset}, {l.WeightCount}), gradient.Slice({l.BiasOffset}, {l.OutChannels}), scratch);");
                            if (i > 0)
                            {
                                w.Line($"{Conv}.InputGradient<{t}>(in {ShapeName(plan, l)}, {dy}{i}, p.Slice({l.WeightOffset}, {l.WeightCount}), {dx}.Slice(0, {l.InputLength}), scratch);");
                            }
                        }
                        else
                        {
                            bool max = l.Kind == ImageLayerKind.MaxPooling;
                            w.Line(max
                                ? $"// {Name(plan, l)}: each window's gradient goes to its largest input."
                                : $"// {Name(plan, l)}: each window's gradient is shared equally by its {l.KernelHeight * l.KernelWidth} inputs.");
                            w.Line(max
                                ? $"{Pool}.MaxBackward<{t}>(in {ShapeName(plan, l)}, {input}, {dy}.Slice(0, {l.OutputLength}), {dx}.Slice(0, {l.InputLength}));"
                                : $"{Pool}.AverageBackward<{t}>(in {ShapeName(plan, l)}, {dy}.Slice(0, {l.OutputLength}), {dx}.Slice(0, {l.InputLength}));");
                        }

                        inA = !inA;
                    }
                }
            }, "TrainingWorkspaceLength");

            w.Line();
            w.Line(plan.Spec.Loss switch
            {
                LossKind.SumSquaredError => $"return errorSum / ({t})(rows * OutputCount);   // the blog's reported error, mean |output − target|",
                LossKind.CategoricalCrossEntropy => "return errorSum / rows;",
                _ => $"return errorSum / ({t})(rows * OutputCount);",
            });
        }
    }

    private static void WriteLossSetup(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        switch (plan.Spec.Loss)
        {
            case LossKind.SumSquaredError:
                w.Line("// E = ½ Σ (output − target)² over every row: ∂E/∂output = output − target.");
                w.Line($"{t} scale = 1;");
                break;
            case LossKind.MeanSquaredError:
                w.Line("// E = Σ (output − target)² / (rows · OutputCount): ∂E/∂output = 2 (output − target) / (rows · OutputCount).");
                w.Line($"{t} scale = ({t})2 / ({t})(rows * OutputCount);");
                break;
            case LossKind.BinaryCrossEntropy:
                w.Line("// E = mean binary cross-entropy over rows · OutputCount; fused with the sigmoid: ∂E/∂a = (p − y) / (rows · OutputCount).");
                w.Line($"{t} scale = ({t})1 / ({t})(rows * OutputCount);");
                break;
            default:
                w.Line("// E = Σ −y·log p / rows; fused with the softmax: ∂E/∂a = (p − y) / rows.");
                w.Line($"{t} scale = ({t})1 / ({t})rows;");
                break;
        }

        w.Line($"{t} errorSum = 0;");
    }

    // Where synapse s's input (X) and δ (Δ) rows sit in the dense group: X_s then Δ_s, synapse after synapse, each
    // DenseGroupRows rows long.
    private static (int Inputs, int Deltas) GroupOffsets(ImagePlan plan, int synapse)
    {
        int offset = 0;
        for (int s = 0; s < synapse; s++)
        {
            offset += (plan.Dense.Synapses[s].Rows + plan.Dense.Synapses[s].Columns) * DenseGroupRows(plan);
        }

        return (offset, offset + (plan.Dense.Synapses[synapse].Rows * DenseGroupRows(plan)));
    }

    // The row's slot in a group block that starts at offset and holds width values per row.
    private static string Slot(int offset, int width) => offset == 0 ? $"slot * {width}" : $"{offset} + (slot * {width})";

    // One row's dense layers backwards, ending with ∂E/∂ of the flattened map in deltaA (returns true: it is in deltaA).
    // Each synapse's input and δ go to the row's slot of the dense group; their weight gradients wait for the group's end.
    private static bool WriteDenseBackward(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        int last = plan.LastDense;
        string outputActivation = plan.Activation(last);
        int outputOffset = plan.DenseValueOffsets[last];
        SynapseLayout top = plan.Dense.Synapses[last - 1];
        w.Line("// δ of the output pre-activation, from the loss.");
        w.Line($"{Span}<{t}> delta{last} = group.Slice({Slot(GroupOffsets(plan, last - 1).Deltas, top.Columns)}, OutputCount);");
        using (w.Block("for (int j = 0; j < OutputCount; j++)"))
        {
            w.Line($"{t} y = record[{outputOffset} + j];");
            w.Line($"{t} error = y - target[j];");
            w.Line(plan.Spec.Loss switch
            {
                LossKind.SumSquaredError => $"errorSum += {t}.Abs(error);",
                LossKind.MeanSquaredError => "errorSum += error * error;",
                LossKind.BinaryCrossEntropy => "errorSum += global::GenNet.CompilerServices.LossTerms.BinaryCrossEntropy(y, target[j]);",
                _ => "errorSum += global::GenNet.CompilerServices.LossTerms.CrossEntropy(y, target[j]);",
            });
            w.Line("delta" + last + "[j] = scale * error;");
        }

        bool fused = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        if (!fused && !IsLinear(outputActivation))
        {
            w.Line($"{Lanes}.MultiplyByDerivative<{outputActivation}, {t}>(delta{last}, record.Slice({outputOffset}, OutputCount));");
        }

        for (int s = last - 1; s >= 0; s--)
        {
            SynapseLayout synapse = plan.Dense.Synapses[s];
            string previous = s == 0
                ? $"record.Slice({plan.MapOffsets[plan.MapOffsets.Length - 1]}, {synapse.Rows})"
                : $"record.Slice({plan.DenseValueOffsets[s]}, {synapse.Rows})";
            w.Line($"// synapse_{s}: its input joins the group for ∂E/∂synapse_{s} += {(s == 0 ? "flattened" : $"layer_{s}")}ᵀ·δ.");
            w.Line($"{previous}.CopyTo(group.Slice({Slot(GroupOffsets(plan, s).Inputs, synapse.Rows)}, {synapse.Rows}));");
            w.Line(s == 0
                ? "// ∂E/∂ of the flattened last map: synapse_0·δ (the map's own activation, if any, is its Conv2D layer's)."
                : $"// layer_{s}'s delta: (synapse_{s}·δ) ⊙ {Short(plan.Activation(s))}′.");
            w.Line(s == 0
                ? $"{Span}<{t}> delta0 = deltaA.Slice(0, {synapse.Rows});"
                : $"{Span}<{t}> delta{s} = group.Slice({Slot(GroupOffsets(plan, s - 1).Deltas, synapse.Rows)}, {synapse.Rows});");
            w.Line($"delta{s}.Clear();");
            w.Line($"{Kernels}.AddTransposedProduct(p.Slice({synapse.WeightOffset}, {synapse.WeightCount}), delta{s + 1}, delta{s});");
            if (s > 0 && !IsLinear(plan.Activation(s)))
            {
                w.Line($"{Lanes}.MultiplyByDerivative<{plan.Activation(s)}, {t}>(delta{s}, {previous});");
            }
        }

        return true;
    }

    // At the group's last row (or the batch's), each synapse's weight gradient in one product over the group's rows, in
    // row order: ∂E/∂synapse += Xᵀ·Δ, and ∂E/∂bias += Δ's column sums.
    private static void WriteDenseGroupGradients(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        w.Line("// The group's dense weight gradients, once it is full or the rows end: ∂E/∂synapse += Xᵀ·Δ, ∂E/∂bias += Σ rows of Δ.");
        using (w.Block("if (slot == DenseGroupRows - 1 || row == rows - 1)"))
        {
            w.Line("int count = slot + 1;");
            for (int s = 0; s < plan.Dense.Synapses.Count; s++)
            {
                SynapseLayout synapse = plan.Dense.Synapses[s];
                (int x, int d) = GroupOffsets(plan, s);
                w.Line($"{DenseKernels}.MultiplyAccumulate<{t}>(group.Slice({x}, count * {synapse.Rows}), 1, {synapse.Rows}, group.Slice({d}, count * {synapse.Columns}), gradient.Slice({synapse.WeightOffset}, {synapse.WeightCount}), {synapse.Rows}, {synapse.Columns}, count);");
                if (synapse.HasBias)
                {
                    w.Line($"{DenseKernels}.AddColumnSums<{t}>(group.Slice({d}, count * {synapse.Columns}), count, gradient.Slice({synapse.BiasOffset}, {synapse.Columns}));");
                }
            }
        }
    }
}
