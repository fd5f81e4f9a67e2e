using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class ConvolutionNetworkEmitter
{
    private static void WriteTraining(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T;
        w.Line("/// <summary>");
        w.Line("/// Backpropagation through the causal convolutions over one sequence: writes ∂E/∂parameters into <paramref name=\"gradient\"/>");
        w.Line($"/// (overwritten) and returns the reported error. E is the {plan.Spec.Loss} loss over every step's output, each step counted as");
        w.Line("/// a row. The sequence starts from the current <see cref=\"State\"/> (the samples before it), which is not changed.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>The per-step values are kept in buffers of the instance, grown once to the longest sequence seen");
        w.Line("/// (<see cref=\"ReserveSequence\"/> grows them up front); after that a call allocates nothing.</remarks>");
        w.Line("/// <param name=\"inputs\">The sequence: rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> targets per step.</param>");
        w.Line("/// <param name=\"gradient\"><see cref=\"ParameterCount\"/> values, overwritten.</param>");
        w.Line("/// <param name=\"truncateAfter\">0: the gradient flows back over the whole sequence. k &gt; 0: windows of k steps; the values");
        w.Line("/// flow forward from window to window, the gradient of a window's outputs does not flow back into an earlier window's samples.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match, or a value is NaN or infinite.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"truncateAfter\"/> is negative.</exception>");
        using (w.Block($"public {t} ComputeSequenceGradient({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int truncateAfter = 0)"))
        {
            w.Line("int steps = global::GenNet.CompilerServices.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(gradient, ParameterCount);");
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(truncateAfter);");
            w.Line("return Backpropagate(inputs, targets, gradient, steps, truncateAfter);");
        }

        w.Line();
        w.Line("/// <summary>One gradient-descent step on one sequence: parameters −= learningRate · ∂E/∂parameters (see");
        w.Line("/// <see cref=\"ComputeSequenceGradient\"/>). Returns the reported error before the update; the state is not changed.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match, or a value is NaN or infinite.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is not positive and finite, or <paramref name=\"truncateAfter\"/> is negative.</exception>");
        using (w.Block($"public {t} TrainSequence({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {t} learningRate, int truncateAfter = 0)"))
        {
            w.Line("int steps = global::GenNet.CompilerServices.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line("global::GenNet.CompilerServices.Guard.LearningRate(learningRate);");
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(truncateAfter);");
            w.Line($"{t} error = Backpropagate(inputs, targets, _gradient, steps, truncateAfter);");
            w.Line("global::GenNet.CompilerServices.GradientDescent.Apply<" + t + ">(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
        w.Line("/// <summary>Grows the training buffers for sequences of up to <paramref name=\"steps\"/> samples now, so that no later");
        w.Line("/// <see cref=\"ComputeSequenceGradient\"/> or <see cref=\"TrainSequence\"/> of that length allocates.</summary>");
        using (w.Block("public void ReserveSequence(int steps)"))
        {
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);");
            w.Line($"long widest = (long)(steps + {plan.Layout.Layers.Max(l => l.History)}) * {new[] { plan.Inputs, plan.MaxChannels, plan.DenseRecordLength }.Max()};");
            using (w.Block("if (widest > global::System.Array.MaxLength)"))
            {
                w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(steps), steps, $\"A sequence of {steps} steps needs {widest} values of training history per buffer; at most {(global::System.Array.MaxLength)} fit in an array.\");");
            }

            w.Line();
            using (w.Block($"if (_top.Length < steps * {plan.Top.Channels})"))
            {
                foreach (ConvolutionLayerLayout l in plan.Layout.Layers)
                {
                    w.Line($"_sequence{l.Index} = new {t}[(steps + {l.History - 1}) * {l.Inputs}];");
                }

                w.Line($"_top = new {t}[steps * {plan.Top.Channels}];");
                w.Line($"_dense = new {t}[steps * {plan.DenseRecordLength}];");
                w.Line($"_deltaA = new {t}[steps * {plan.MaxChannels}];");
                w.Line($"_deltaB = new {t}[steps * {plan.MaxChannels}];");
                if (plan.HasBatchNorm)
                {
                    w.Line($"_normalized = new {t}[steps * {plan.Layout.NormalizedChannels}];");
                }

                foreach (ConvolutionLayerLayout l in plan.Layout.Layers.Where(l => l.Pooling != PoolingKind.None))
                {
                    w.Line($"_raw{l.Index} = new {t}[steps * {l.Channels}];");
                }
            }
        }

        w.Line();
    }

    private static void WriteBackward(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T;
        int layers = plan.Layout.Layers.Count;
        w.Line();
        w.Line("// Backpropagation through the causal convolutions. The forward pass keeps every layer's input sequence, prefixed with");
        w.Line("// the (K − 1)·d samples before it that the state holds, and the dense values of every step. The backward pass works");
        w.Line("// window by window, layer by layer from the top: δ = ∂E/∂y ⊙ f′(y) for every step, then ∂E/∂W_k += x[t − (K − 1 − k)·d]ᵀ·δ[t],");
        w.Line("// ∂E/∂b += δ[t], and ∂E/∂x[t − (K − 1 − k)·d] += W_k·δ[t] for the layer below (samples of the window only).");
        using (w.Block($"private {t} Backpropagate({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int steps, int truncateAfter)"))
        {
            w.Line("ReserveSequence(steps);");
            w.Line($"{ReadOnlySpan}<{t}> state = _state;");
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            foreach (ConvolutionLayerLayout l in plan.Layout.Layers)
            {
                w.Line($"{Span}<{t}> sequence{l.Index} = _sequence{l.Index};");
            }

            w.Line($"{Span}<{t}> top = _top;");
            w.Line($"{Span}<{t}> dense = _dense;");
            w.Line();
            w.Line("// Each layer's input sequence starts with the samples before it: the state's history less its oldest sample.");
            foreach (ConvolutionLayerLayout l in plan.Layout.Layers.Where(l => l.History > 1))
            {
                w.Line($"state.Slice({l.StateOffset + l.Inputs}, {(l.History - 1) * l.Inputs}).CopyTo(sequence{l.Index});");
            }

            ConvolutionLayerLayout first = plan.Layout.Layers[0];
            w.Line($"inputs.CopyTo(sequence0.Slice({(first.History - 1) * first.Inputs}));");
            foreach (ConvolutionLayerLayout l in plan.Layout.Layers.Where(l => l.Stride > 1))
            {
                w.Line($"// conv_{l.Index} (stride {l.Stride}) convolves at the steps where (phase + step) mod {l.Stride} = 0, its phase read from the state.");
                w.Line($"int phase{l.Index} = global::GenNet.CompilerServices.StridePhase.Read(state[{l.HoldOffset}], {l.Stride});");
            }

            if (plan.Layout.Layers.Any(l => l.Pooling != PoolingKind.None))
            {
                w.Line("// The poolings run on a copy of their state: their windows complete where (phase + step) mod P = P − 1.");
                w.Line("state.CopyTo(_poolWork);");
                w.Line($"{Span}<{t}> poolState = _poolWork;");
                foreach (ConvolutionLayerLayout l in plan.Layout.Layers.Where(l => l.Pooling != PoolingKind.None))
                {
                    w.Line($"int firstPoolPhase{l.Index} = global::GenNet.CompilerServices.StridePhase.Read(state[{l.PoolOffset}], {l.PoolSize});");
                }
            }

            w.Line();
            if (plan.HasBatchNorm)
            {
                WriteNormalizedForward(w, plan);
            }
            else
            {
                WriteForward(w, plan);
            }

            w.Line();
            w.Line($"{Span}<{t}> deltaA = _deltaA;");
            w.Line($"{Span}<{t}> deltaB = _deltaB;");
            w.Line($"{Span}<{t}> denseA = new {Span}<{t}>(_denseDelta, 0, {plan.MaxDense});");
            w.Line($"{Span}<{t}> denseB = new {Span}<{t}>(_denseDelta, {plan.MaxDense}, {plan.MaxDense});");
            w.Line("gradient.Clear();");
            WriteLossSetup(w, plan);
            w.Line("int windowLength = truncateAfter == 0 ? steps : truncateAfter;");
            if (plan.HasBatchNorm)
            {
                WriteNormalizedBackward(w, plan);
            }
            else
            {
                using (w.Block("for (int start = 0; start < steps; start += windowLength)"))
                {
                    w.Line("int end = global::System.Math.Min(steps, start + windowLength);");
                    string topDelta = Buffer(layers - 1);
                    using (w.Block("for (int step = start; step < end; step++)"))
                    {
                        w.Line($"{ReadOnlySpan}<{t}> record = dense.Slice(step * {plan.DenseRecordLength}, {plan.DenseRecordLength});");
                        w.Line($"{ReadOnlySpan}<{t}> target = targets.Slice(step * OutputCount, OutputCount);");
                        WriteDenseBackward(w, plan, topDelta);
                    }

                    for (int i = layers - 1; i >= 0; i--)
                    {
                        WriteConvolutionBackward(w, plan, plan.Layout.Layers[i]);
                    }
                }
            }

            w.Line();
            w.Line(plan.Spec.Loss switch
            {
                LossKind.SumSquaredError => $"return errorSum / ({t})(steps * OutputCount);   // the blog's reported error, mean |output − target|",
                LossKind.CategoricalCrossEntropy => $"return errorSum / steps;",
                _ => $"return errorSum / ({t})(steps * OutputCount);",
            });
        }
    }

    // The forward pass step after step, each layer writing its output into the next one's input sequence.
    private static void WriteForward(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T;
        w.Line("// Forward over the sequence, each layer writing its output into the next one's input sequence.");
        using (w.Block("for (int step = 0; step < steps; step++)"))
        {
            foreach (ConvolutionLayerLayout l in plan.Layout.Layers)
            {
                string window = $"sequence{l.Index}.Slice(step * {l.Inputs}, {l.StateCount})";
                string y = OutputAt(plan, l, "step");
                if (l.Stride > 1)
                {
                    using (w.Block($"if ((phase{l.Index} + step) % {l.Stride} == 0)"))
                    {
                        w.Line($"Convolution{l.Index}({window}, {y});");
                    }

                    using (w.Block("else"))
                    {
                        w.Line($"// held: the previous step's output, or before the sequence the state's held outputs.");
                        w.Line($"(step == 0 ? state.Slice({l.HoldOffset + 1}, {l.Channels}) : {OutputAt(plan, l, "step - 1")}).CopyTo({y});");
                    }
                }
                else if (l.Pooling != PoolingKind.None)
                {
                    w.Line($"{Span}<{t}> raw{l.Index} = new {Span}<{t}>(_raw{l.Index}, step * {l.Channels}, {l.Channels});");
                    w.Line($"Convolution{l.Index}({window}, raw{l.Index});");
                    w.Line($"raw{l.Index}.CopyTo({y});");
                    WritePoolingStep(w, plan, l, "poolState", y);
                }
                else
                {
                    w.Line($"Convolution{l.Index}({window}, {y});");
                }
            }

            w.Line($"{Span}<{t}> record = dense.Slice(step * {plan.DenseRecordLength}, {plan.DenseRecordLength});");
            w.Line($"Dense(top.Slice(step * {plan.Top.Channels}, {plan.Top.Channels}), record.Slice(0, {plan.DenseHidden}), record.Slice({plan.DenseValueOffsets[plan.LastDense]}, OutputCount));");
        }
    }

    // With batch normalisation the forward pass goes layer after layer: a layer's sums for every step, normalised per
    // channel over the sequence (its running statistics moved toward the sequence's), then activated.
    private static void WriteNormalizedForward(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        w.Line($"{Span}<{t}> normalized = _normalized;");
        w.Line($"{Span}<{t}> inverseStd = _inverseStd;");
        int offset = 0;
        foreach (ConvolutionLayerLayout l in plan.Layout.Layers)
        {
            string outputs = Outputs(plan, l);
            w.Line();
            w.Line($"// conv_{l.Index}: the sums z = b + Σₖ x[t − (K − 1 − k)·d]·W_k for every step, then z ← γ·ẑ + β with ẑ = (z − mean)/√(variance + ε)");
            w.Line($"// per channel over the sequence's steps, then {Short(f)}.");
            using (w.Block("for (int step = 0; step < steps; step++)"))
            {
                w.Line($"Convolution{l.Index}(sequence{l.Index}.Slice(step * {l.Inputs}, {l.StateCount}), {OutputAt(plan, l, "step")});");
            }

            w.Line();
            w.Line($"global::GenNet.CompilerServices.BatchNormKernels.Normalize<{t}>({outputs}, steps, {l.Channels}, {l.Channels}, 1, {Gamma(l)}, {Beta(l)}, "
                + $"normalized.Slice({(offset == 0 ? "0" : $"steps * {offset}")}, steps * {l.Channels}), inverseStd.Slice({plan.StatisticsOffset(l)}, {l.Channels}), "
                + $"global::System.MemoryExtensions.AsSpan(_runningMean, {plan.StatisticsOffset(l)}, {l.Channels}), global::System.MemoryExtensions.AsSpan(_runningVariance, {plan.StatisticsOffset(l)}, {l.Channels}), BatchNormEpsilon, BatchNormMomentum);");
            if (!IsLinear(f))
            {
                w.Line($"global::GenNet.CompilerServices.ActivationLanes.Activate<{f}, {t}>({outputs});");
            }

            offset += l.Channels;
        }

        w.Line();
        w.Line("// The dense layers, step after step.");
        using (w.Block("for (int step = 0; step < steps; step++)"))
        {
            w.Line($"{Span}<{t}> record = dense.Slice(step * {plan.DenseRecordLength}, {plan.DenseRecordLength});");
            w.Line($"Dense(top.Slice(step * {plan.Top.Channels}, {plan.Top.Channels}), record.Slice(0, {plan.DenseHidden}), record.Slice({plan.DenseValueOffsets[plan.LastDense]}, OutputCount));");
        }
    }

    // With batch normalisation the backward pass goes layer after layer too: the dense layers for every step (∂E/∂ of the
    // top layer's outputs), then per layer from the top δ = ∂E/∂y ⊙ f′(y) for every step, back through the normalisation
    // (its sums run over the whole sequence), then the convolution's gradients window by window as without it.
    private static void WriteNormalizedBackward(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T, f = plan.ConvolutionActivation;
        int layers = plan.Layout.Layers.Count;
        using (w.Block("for (int step = 0; step < steps; step++)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> record = dense.Slice(step * {plan.DenseRecordLength}, {plan.DenseRecordLength});");
            w.Line($"{ReadOnlySpan}<{t}> target = targets.Slice(step * OutputCount, OutputCount);");
            WriteDenseBackward(w, plan, Buffer(layers - 1));
        }

        int offset = plan.Layout.Layers.Sum(o => o.Channels);
        for (int i = layers - 1; i >= 0; i--)
        {
            ConvolutionLayerLayout l = plan.Layout.Layers[i];
            offset -= l.Channels;
            string delta = $"{Buffer(i)}.Slice(0, steps * {l.Channels})";
            w.Line();
            w.Line($"// conv_{i}: δ = ∂E/∂y ⊙ {Short(f)}′(y) for every step, then back through its normalisation: ∂E/∂γ += Σ δ·ẑ, ∂E/∂β += Σ δ,");
            w.Line("// δ ← γ/σ · (δ − (∂E/∂β + ẑ·∂E/∂γ) / steps).");
            if (!IsLinear(f))
            {
                w.Line($"global::GenNet.CompilerServices.ActivationLanes.MultiplyByDerivative<{f}, {t}>({delta}, {Outputs(plan, l)});");
            }

            w.Line($"global::GenNet.CompilerServices.BatchNormKernels.Backward<{t}>({delta}, steps, {l.Channels}, {l.Channels}, 1, normalized.Slice({(offset == 0 ? "0" : $"steps * {offset}")}, steps * {l.Channels}), "
                + $"{Gamma(l)}, inverseStd.Slice({plan.StatisticsOffset(l)}, {l.Channels}), gradient.Slice({l.GammaOffset}, {l.Channels}), gradient.Slice({l.BetaOffset}, {l.Channels}));");
            using (w.Block("for (int start = 0; start < steps; start += windowLength)"))
            {
                w.Line("int end = global::System.Math.Min(steps, start + windowLength);");
                WriteConvolutionBackward(w, plan, l, derivativeApplied: true);
            }
        }
    }

    // Layer l's outputs for every step: the next layer's input sequence after the samples its state holds, or top.
    private static string Outputs(ConvolutionPlan plan, ConvolutionLayerLayout l) => l.Index + 1 < plan.Layout.Layers.Count
        ? $"sequence{l.Index + 1}.Slice({(plan.Layout.Layers[l.Index + 1].History - 1) * l.Channels}, steps * {l.Channels})"
        : $"top.Slice(0, steps * {l.Channels})";

    // Every (tap, group) block of a layer's W, taps outer, groups inner: the order W stores them in.
    private static System.Collections.Generic.IEnumerable<(int Tap, int Group)> TapsAndGroups(ConvolutionLayerLayout l)
    {
        for (int k = 0; k < l.KernelSize; k++)
        {
            for (int g = 0; g < l.Groups; g++)
            {
                yield return (k, g);
            }
        }
    }

    // Where layer l's output at `step` goes: the next layer's input sequence (after the samples its state holds), or top.
    private static string OutputAt(ConvolutionPlan plan, ConvolutionLayerLayout l, string step) => l.Index + 1 < plan.Layout.Layers.Count
        ? $"sequence{l.Index + 1}.Slice(({plan.Layout.Layers[l.Index + 1].History - 1} + {step}) * {l.Channels}, {l.Channels})"
        : $"top.Slice({(step == "step" ? "step" : $"({step})")} * {l.Channels}, {l.Channels})";

    // ∂E/∂ of layer l's outputs for every step: deltaA for even layers, deltaB for odd ones.
    private static string Buffer(int layer) => layer % 2 == 0 ? "deltaA" : "deltaB";

    private static void WriteLossSetup(SourceWriter w, ConvolutionPlan plan) =>
        LossScaleFragment.Write(w, plan.T, plan.Spec.Loss, "steps", "step");

    // One step's dense layers backwards, ending with ∂E/∂ of the last Conv1D layer's output in its delta buffer.
    private static void WriteDenseBackward(SourceWriter w, ConvolutionPlan plan, string topDelta)
    {
        string t = plan.T;
        int last = plan.LastDense;
        string outputActivation = plan.Activation(last);
        int outputOffset = plan.DenseValueOffsets[last];
        w.Line("// Output delta δ = ∂E/∂a of this step's output pre-activation.");
        w.Line($"{Span}<{t}> delta{last} = {(last % 2 == 0 ? "denseA" : "denseB")}.Slice(0, OutputCount);");
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
            bool fused = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
            w.Line(fused || IsLinear(outputActivation)
                ? $"delta{last}[j] = scale * error;"
                : $"delta{last}[j] = scale * error * {Slope(plan, outputActivation, "y")};");
        }

        for (int s = last - 1; s >= 0; s--)
        {
            SynapseLayout synapse = plan.Dense.Synapses[s];
            string previous = s == 0 ? $"top.Slice(step * {synapse.Rows}, {synapse.Rows})" : $"record.Slice({plan.DenseValueOffsets[s]}, {synapse.Rows})";
            w.Line($"// synapse_{s}: ∂E/∂synapse_{s} += {(s == 0 ? "x" : $"layer_{s}")}ᵀ·δ{(synapse.HasBias ? $", ∂E/∂bias_{s} += δ" : string.Empty)}.");
            w.Line($"{Kernels}.AddOuter({previous}, delta{s + 1}, gradient.Slice({synapse.WeightOffset}, {synapse.WeightCount}));");
            if (synapse.HasBias)
            {
                w.Line($"{Kernels}.Add(gradient.Slice({synapse.BiasOffset}, {synapse.Columns}), delta{s + 1}, gradient.Slice({synapse.BiasOffset}, {synapse.Columns}));");
            }

            if (s == 0)
            {
                w.Line("// ∂E/∂ of the last Conv1D layer's output at this step: synapse_0·δ.");
                w.Line($"{Span}<{t}> fromDense = {topDelta}.Slice(step * {synapse.Rows}, {synapse.Rows});");
                w.Line("fromDense.Clear();");
                w.Line($"{Kernels}.AddTransposedProduct(p.Slice({synapse.WeightOffset}, {synapse.WeightCount}), delta1, fromDense);");
            }
            else
            {
                string activation = plan.Activation(s);
                w.Line($"// layer_{s}'s delta: (synapse_{s}·δ) ⊙ {Short(activation)}′.");
                w.Line($"{Span}<{t}> delta{s} = {(s % 2 == 0 ? "denseA" : "denseB")}.Slice(0, {synapse.Rows});");
                w.Line($"delta{s}.Clear();");
                w.Line($"{Kernels}.AddTransposedProduct(p.Slice({synapse.WeightOffset}, {synapse.WeightCount}), delta{s + 1}, delta{s});");
                if (!IsLinear(activation))
                {
                    using (w.Block($"for (int i = 0; i < {synapse.Rows}; i++)"))
                    {
                        w.Line($"delta{s}[i] *= {Slope(plan, activation, $"record[{plan.DenseValueOffsets[s]} + i]")};");
                    }
                }
            }
        }
    }

    private static void WriteConvolutionBackward(SourceWriter w, ConvolutionPlan plan, ConvolutionLayerLayout l, bool derivativeApplied = false)
    {
        string t = plan.T;
        int layers = plan.Layout.Layers.Count;
        string f = plan.ConvolutionActivation;
        string delta = Buffer(l.Index);
        string outputs = l.Pooling != PoolingKind.None ? $"_raw{l.Index}"   // before the pooling: what f′ reads
            : l.Index + 1 < layers ? $"sequence{l.Index + 1}.Slice({(plan.Layout.Layers[l.Index + 1].History - 1) * l.Channels})"
            : "top";
        w.Line();
        using (w.Block($"// conv_{l.Index} (Conv1D {l.Inputs} → {l.Channels}, K = {l.KernelSize}, d = {l.Dilation}) over the window's steps.", close: "}"))
        {
            w.Line($"{ReadOnlySpan}<{t}> outputs = {outputs};");
            if (l.Index > 0)
            {
                w.Line($"// ∂E/∂ of its input samples in the window: the layer below's outputs.");
                w.Line($"{Span}<{t}> below = {Buffer(l.Index - 1)};");
                w.Line($"below.Slice(start * {l.Inputs}, (end - start) * {l.Inputs}).Clear();");
            }

            if (l.Pooling != PoolingKind.None)
            {
                w.Line($"// pool_{l.Index}: a held output's gradient goes to the step whose window completed it, then to that window's "
                    + (l.Pooling == PoolingKind.Max ? "first maximum." : $"{l.PoolSize} outputs, / {l.PoolSize}."));
                w.Line($"global::GenNet.CompilerServices.Pooling1DKernels.Backward<{t}>({delta}, _raw{l.Index}, {l.Channels}, start, end, firstPoolPhase{l.Index}, {l.PoolSize}, max: {(l.Pooling == PoolingKind.Max ? "true" : "false")}, "
                    + $"state.Slice({l.PoolOffset + 1}, {l.Channels}), _poolCarry);");
                w.Line();
            }

            if (l.Stride > 1)
            {
                w.Line($"// stride {l.Stride}: a held output's gradient belongs to the step that convolved it; latest first, each held step");
                w.Line("// hands its ∂E/∂y to the step before it (not past the window's start: an earlier window's outputs are not differentiated).");
                using (w.Block("for (int step = end - 1; step >= start; step--)"))
                {
                    using (w.Block($"if ((phase{l.Index} + step) % {l.Stride} != 0)"))
                    {
                        w.Line($"{Span}<{t}> held = {delta}.Slice(step * {l.Channels}, {l.Channels});");
                        using (w.Block("if (step > start)"))
                        {
                            w.Line($"{Span}<{t}> before = {delta}.Slice((step - 1) * {l.Channels}, {l.Channels});");
                            w.Line($"{Kernels}.Add(before, held, before);");
                        }

                        w.Line("held.Clear();");
                    }
                }

                w.Line();
            }

            using (w.Block("for (int step = start; step < end; step++)"))
            {
                if (l.Stride > 1)
                {
                    using (w.Block($"if ((phase{l.Index} + step) % {l.Stride} != 0)"))
                    {
                        w.Line("continue;   // held, not convolved: nothing flows back from this step");
                    }

                    w.Line();
                }

                w.Line($"{Span}<{t}> d = {delta}.Slice(step * {l.Channels}, {l.Channels});");
                if (!IsLinear(f) && !derivativeApplied)
                {
                    w.Line($"// δ = ∂E/∂y ⊙ {Short(f)}′(y).");
                    using (w.Block($"for (int o = 0; o < {l.Channels}; o++)"))
                    {
                        w.Line($"d[o] *= {Slope(plan, f, $"outputs[(step * {l.Channels}) + o]")};");
                    }
                }

                w.Line($"{ReadOnlySpan}<{t}> window = sequence{l.Index}.Slice(step * {l.Inputs}, {l.StateCount});");
                w.Line($"{Kernels}.Add(gradient.Slice({l.BiasOffset}, {l.Channels}), d, gradient.Slice({l.BiasOffset}, {l.Channels}));   // ∂E/∂b += δ");
                bool depthwise = l.Groups > 1 && l.GroupInputs == 1 && l.GroupChannels == 1;
                for (int k = 0; depthwise && k < l.KernelSize; k++)
                {
                    // Depthwise: each channel its own 1 × 1 block, a tap's blocks one run, so both products are element-wise.
                    int delay = (l.KernelSize - 1 - k) * l.Dilation, weights = GroupWeights(l, k, 0);
                    w.Line($"{Kernels}.MultiplyAdd(window.Slice({k * l.Dilation * l.Inputs}, {l.Inputs}), d, gradient.Slice({weights}, {l.Channels}), gradient.Slice({weights}, {l.Channels}));   // ∂E/∂w_{k} += x[t − {delay}] ⊙ δ");
                    if (l.Index > 0)
                    {
                        string at = delay == 0 ? $"step * {l.Inputs}" : $"(step - {delay}) * {l.Inputs}";
                        string product = $"{Kernels}.MultiplyAdd(p.Slice({weights}, {l.Channels}), d, below.Slice({at}, {l.Inputs}), below.Slice({at}, {l.Inputs}));";
                        if (delay == 0)
                        {
                            w.Line(product);
                        }
                        else
                        {
                            using (w.Block($"if (step - {delay} >= start)   // ∂E/∂x[t − {delay}] += w_{k} ⊙ δ, within the window"))
                            {
                                w.Line(product);
                            }
                        }
                    }
                }

                foreach ((int k, int g) in depthwise ? System.Array.Empty<(int, int)>() : TapsAndGroups(l))
                {
                    // One (I/G) × (O/G) block per tap and group: the group's inputs of x[t − delay] and its channels of δ.
                    int delay = (l.KernelSize - 1 - k) * l.Dilation;
                    int weights = GroupWeights(l, k, g), block = l.GroupInputs * l.GroupChannels;
                    string x = $"window.Slice({(k * l.Dilation * l.Inputs) + (g * l.GroupInputs)}, {l.GroupInputs})";
                    string dg = l.Groups == 1 ? "d" : $"d.Slice({g * l.GroupChannels}, {l.GroupChannels})";
                    string name = l.Groups == 1 ? $"W_{k}" : $"W_{k},{g}";
                    w.Line($"{Kernels}.AddOuter({x}, {dg}, gradient.Slice({weights}, {block}));   // ∂E/∂{name} += x[t − {delay}]ᵀ·δ");
                    if (l.Index > 0)
                    {
                        string product = $"{Kernels}.AddTransposedProduct(p.Slice({weights}, {block}), {dg}, below.Slice({(g > 0 ? $"((step - {delay}) * {l.Inputs}) + {g * l.GroupInputs}" : $"(step - {delay}) * {l.Inputs}")}, {l.GroupInputs}));";
                        if (delay == 0)
                        {
                            w.Line(product.Replace("(step - 0)", "step"));
                        }
                        else
                        {
                            using (w.Block($"if (step - {delay} >= start)   // ∂E/∂x[t − {delay}] += W_{k}·δ, within the window"))
                            {
                                w.Line(product);
                            }
                        }
                    }
                }
            }
        }
    }
}
