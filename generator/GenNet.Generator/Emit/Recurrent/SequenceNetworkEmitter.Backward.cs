using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class SequenceNetworkEmitter
{
    private static void WriteTraining(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        w.Line("/// <summary>");
        w.Line("/// Backpropagation through time over one sequence: writes ∂E/∂parameters into <paramref name=\"gradient\"/> (overwritten)");
        w.Line($"/// and returns the reported error. E is the {plan.Spec.Loss} loss over every step's output, each step counted as a row.");
        w.Line("/// The sequence starts from the current <see cref=\"State\"/>, which is not changed.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>The per-step values are kept in a buffer of the instance, grown once to the longest sequence seen");
        w.Line("/// (<see cref=\"ReserveSequence\"/> grows it up front); after that a call allocates nothing.</remarks>");
        w.Line("/// <param name=\"inputs\">The sequence: rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> targets per step.</param>");
        w.Line("/// <param name=\"gradient\"><see cref=\"ParameterCount\"/> values, overwritten.</param>");
        w.Line("/// <param name=\"truncateAfter\">0: full backpropagation through time. k &gt; 0: windows of k steps; the state flows forward");
        w.Line("/// from window to window, the gradient does not flow back across a window's start (truncated BPTT).</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match, or a value is NaN or infinite.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"truncateAfter\"/> is negative.</exception>");
        using (w.Block($"public {t} ComputeSequenceGradient({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int truncateAfter = 0)"))
        {
            w.Line("int steps = global::GenNet.CompilerServices.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(gradient, ParameterCount);");
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(truncateAfter);");
            w.Line("return BackpropagateThroughTime(inputs, targets, gradient, steps, truncateAfter);");
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
            w.Line($"{t} error = BackpropagateThroughTime(inputs, targets, _gradient, steps, truncateAfter);");
            w.Line("global::GenNet.CompilerServices.GradientDescent.Apply<" + t + ">(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
        w.Line("/// <summary>Grows the training buffers for sequences of up to <paramref name=\"steps\"/> samples now, so that no later");
        w.Line("/// <see cref=\"ComputeSequenceGradient\"/> or <see cref=\"TrainSequence\"/> of that length allocates.</summary>");
        using (w.Block("public void ReserveSequence(int steps)"))
        {
            w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);");
            w.Line("long length = (long)steps * RecordLength;");
            using (w.Block("if (length > global::System.Array.MaxLength)"))
            {
                w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(steps), steps, $\"A sequence of {steps} steps needs {length} values of training history; at most {(global::System.Array.MaxLength)} fit in an array.\");");
            }

            w.Line();

            using (w.Block("if (_history.Length < length)"))
            {
                w.Line($"_history = new {t}[length];");
            }
        }

        w.Line();
    }

    private static void WriteBackwardMethod(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        int layers = plan.Layout.Layers.Count;
        w.Line();
        w.Line("// Backpropagation through time. The forward pass keeps one record per step (gate activations, h" + (plan.Cell == RecurrentCell.Lstm ? ", c" : string.Empty)
            + (plan.Cell == RecurrentCell.Gru ? ", the recurrent products" : string.Empty) + ", dense values);");
        w.Line("// the backward pass walks the steps from the last, carrying ∂E/∂hₜ₋₁" + (plan.Cell == RecurrentCell.Lstm ? " and ∂E/∂cₜ₋₁" : string.Empty)
            + " of every layer into the step before, and adds each step's");
        w.Line("// share into the gradient: ∂E/∂W += xₜᵀ·δ, ∂E/∂R += hₜ₋₁ᵀ·δ, ∂E/∂Wb and ∂E/∂Rb += δ.");
        using (w.Block($"private {t} BackpropagateThroughTime({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int steps, int truncateAfter)"))
        {
            w.Line("ReserveSequence(steps);");
            w.Line($"{Span}<{t}> history = _history;");
            w.Line($"{ReadOnlySpan}<{t}> state = _state;");
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line();
            w.Line("// Forward through time from the current state, which stays as it is.");
            using (w.Block("for (int step = 0; step < steps; step++)"))
            {
                w.Line($"{Span}<{t}> record = history.Slice(step * RecordLength, RecordLength);");
                w.Line($"{ReadOnlySpan}<{t}> previous = step == 0 ? default : history.Slice((step - 1) * RecordLength, RecordLength);");
                foreach (RecurrentLayerLayout l in plan.Layout.Layers)
                {
                    RecordSlices r = plan.Records[l.Index];
                    string x = l.Index == 0 ? "inputs.Slice(step * InputCount, InputCount)" : $"record.Slice({plan.Records[l.Index - 1].H}, {l.Inputs})";
                    string hPrevious = $"step == 0 ? state.Slice({l.StateOffset}, {l.Units}) : previous.Slice({r.H}, {l.Units})";
                    string gates = $"record.Slice({r.Gates}, {l.Width})";
                    string h = $"record.Slice({r.H}, {l.Units})";
                    w.Line(plan.Cell switch
                    {
                        RecurrentCell.Gru => $"Recurrent{l.Index}({x}, {hPrevious}, {gates}, record.Slice({r.Recurrent}, {l.Width}), {h});",
                        RecurrentCell.Lstm => $"Recurrent{l.Index}({x}, {hPrevious}, step == 0 ? state.Slice({l.StateOffset + l.Units}, {l.Units}) : previous.Slice({r.C}, {l.Units}), {gates}, {h}, record.Slice({r.C}, {l.Units}));",
                        _ => $"Recurrent{l.Index}({x}, {hPrevious}, {gates}, {h});",
                    });
                }

                w.Line($"Dense(record.Slice({plan.Records[layers - 1].H}, {plan.Top.Units}), record.Slice({(plan.LastDense > 1 ? plan.DenseValueOffsets[1] : plan.DenseValueOffsets[plan.LastDense])}, {plan.DenseHidden}), record.Slice({plan.DenseValueOffsets[plan.LastDense]}, OutputCount));");
            }

            w.Line();
            int o = plan.Layout.StateLength;
            w.Line($"{Span}<{t}> backward = _backward;");
            w.Line($"{Span}<{t}> carry = backward.Slice(0, StateLength);          // ∂E/∂ of the state at step − 1, as laid out in State");
            w.Line($"{Span}<{t}> fromAbove = backward.Slice({o}, {plan.MaxUnits});   // ∂E/∂hₜ of the layer being differentiated, from the layer above");
            w.Line($"{Span}<{t}> inputSide = backward.Slice({o + plan.MaxUnits}, {plan.MaxWidth});   // δ of the gates' pre-activations, input side");
            w.Line($"{Span}<{t}> recurrentSide = backward.Slice({o + plan.MaxUnits + plan.MaxWidth}, {plan.MaxWidth});   // and recurrent side" + (plan.Cell == RecurrentCell.Gru ? " (differs in h: rₜ ⊙)" : " (equal but for a GRU)"));
            w.Line($"{Span}<{t}> deltaA = backward.Slice({o + plan.MaxUnits + (2 * plan.MaxWidth)}, {plan.MaxDense});");
            w.Line($"{Span}<{t}> deltaB = backward.Slice({o + plan.MaxUnits + (2 * plan.MaxWidth) + plan.MaxDense}, {plan.MaxDense});");
            w.Line("carry.Clear();");
            w.Line("gradient.Clear();");
            w.Line();
            WriteLossSetup(w, plan);
            w.Line();
            using (w.Block("for (int step = steps - 1; step >= 0; step--)"))
            {
                w.Line($"{ReadOnlySpan}<{t}> record = history.Slice(step * RecordLength, RecordLength);");
                w.Line($"{ReadOnlySpan}<{t}> previous = step == 0 ? default : history.Slice((step - 1) * RecordLength, RecordLength);");
                w.Line($"{ReadOnlySpan}<{t}> target = targets.Slice(step * OutputCount, OutputCount);");
                WriteDenseBackward(w, plan);
                for (int i = layers - 1; i >= 0; i--)
                {
                    WriteRecurrentBackward(w, plan, plan.Layout.Layers[i]);
                }

                w.Line();
                w.Line("// Truncated BPTT: nothing flows back across the start of a window.");
                using (w.Block("if (truncateAfter > 0 && step % truncateAfter == 0)"))
                {
                    w.Line("carry.Clear();");
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

    private static void WriteLossSetup(SourceWriter w, RecurrentPlan plan) =>
        LossScaleFragment.Write(w, plan.T, plan.Spec.Loss, "steps", "step");

    private static void WriteDenseBackward(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        int last = plan.LastDense;
        string outputActivation = plan.Activation(last);
        int outputOffset = plan.DenseValueOffsets[last];
        w.Line();
        w.Line("// Output delta δ = ∂E/∂a of this step's output pre-activation.");
        w.Line($"{Span}<{t}> delta{last} = {(last % 2 == 0 ? "deltaA" : "deltaB")}.Slice(0, OutputCount);");
        using (w.Block("for (int j = 0; j < OutputCount; j++)"))
        {
            w.Line($"{t} y = record[{outputOffset} + j];");
            w.Line($"{t} error = y - target[j];");
            switch (plan.Spec.Loss)
            {
                case LossKind.SumSquaredError:
                    w.Line($"errorSum += {t}.Abs(error);");
                    break;
                case LossKind.MeanSquaredError:
                    w.Line("errorSum += error * error;");
                    break;
                case LossKind.BinaryCrossEntropy:
                    w.Line("errorSum += global::GenNet.CompilerServices.LossTerms.BinaryCrossEntropy(y, target[j]);");
                    break;
                default:
                    w.Line("errorSum += global::GenNet.CompilerServices.LossTerms.CrossEntropy(y, target[j]);");
                    break;
            }

            bool fused = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
            w.Line(fused || IsLinear(outputActivation)
                ? $"delta{last}[j] = scale * error;"
                : $"delta{last}[j] = scale * error * {Slope(plan, outputActivation, "y")};");
        }

        w.Line();

        for (int s = last - 1; s >= 0; s--)
        {
            SynapseLayout synapse = plan.Dense.Synapses[s];
            string previous = s == 0 ? $"record.Slice({plan.Records[plan.Records.Length - 1].H}, {synapse.Rows})" : $"record.Slice({plan.DenseValueOffsets[s]}, {synapse.Rows})";
            w.Line($"// synapse_{s}: ∂E/∂synapse_{s} += {(s == 0 ? "h" : $"layer_{s}")}ᵀ·δ{(synapse.HasBias ? $", ∂E/∂bias_{s} += δ" : string.Empty)}.");
            w.Line($"{Kernels}.AddOuter({previous}, delta{s + 1}, gradient.Slice({synapse.WeightOffset}, {synapse.WeightCount}));");
            if (synapse.HasBias)
            {
                using (w.Block($"for (int j = 0; j < {synapse.Columns}; j++)"))
                {
                    w.Line($"gradient[{synapse.BiasOffset} + j] += delta{s + 1}[j];");
                }
            }

            w.Line();

            if (s == 0)
            {
                w.Line("// ∂E/∂hₜ of the last recurrent layer: synapse_0·δ.");
                w.Line($"fromAbove.Slice(0, {synapse.Rows}).Clear();");
                w.Line($"{Kernels}.AddTransposedProduct(p.Slice({synapse.WeightOffset}, {synapse.WeightCount}), delta1, fromAbove.Slice(0, {synapse.Rows}));");
            }
            else
            {
                string activation = plan.Activation(s);
                w.Line($"// layer_{s}'s delta: (synapse_{s}·δ) ⊙ {Short(activation)}′.");
                w.Line($"{Span}<{t}> delta{s} = {(s % 2 == 0 ? "deltaA" : "deltaB")}.Slice(0, {synapse.Rows});");
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

    private static void WriteRecurrentBackward(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l)
    {
        string t = plan.T;
        RecordSlices r = plan.Records[l.Index];
        int u1 = l.Units, u2 = 2 * l.Units, u3 = 3 * l.Units;
        string cell = plan.Cell.ToString().ToUpperInvariant();
        w.Line();
        using (w.Block($"// recurrent_{l.Index} ({cell} {l.Inputs} → {l.Units}): ∂E/∂hₜ = from above + carried from step t + 1.", close: "}"))
        {
            w.Line($"{Span}<{t}> dh = fromAbove.Slice(0, {l.Units});");
            w.Line($"{Span}<{t}> carryH = carry.Slice({l.StateOffset}, {l.Units});");
            if (plan.Cell == RecurrentCell.Lstm)
            {
                w.Line($"{Span}<{t}> carryC = carry.Slice({l.StateOffset + l.Units}, {l.Units});");
                w.Line($"{ReadOnlySpan}<{t}> cPrevious = step == 0 ? state.Slice({l.StateOffset + l.Units}, {l.Units}) : previous.Slice({r.C}, {l.Units});");
            }

            w.Line($"{ReadOnlySpan}<{t}> hPrevious = step == 0 ? state.Slice({l.StateOffset}, {l.Units}) : previous.Slice({r.H}, {l.Units});");
            w.Line($"{ReadOnlySpan}<{t}> gates = record.Slice({r.Gates}, {l.Width});");
            w.Line($"{Span}<{t}> dInput = inputSide.Slice(0, {l.Width});");
            w.Line(plan.Cell == RecurrentCell.Gru
                ? $"{Span}<{t}> dRecurrent = recurrentSide.Slice(0, {l.Width});"
                : $"{Span}<{t}> dRecurrent = dInput;   // one pre-activation per gate: both sides get the same δ");
            if (plan.Cell == RecurrentCell.Gru)
            {
                w.Line($"{ReadOnlySpan}<{t}> recurrent = record.Slice({r.Recurrent}, {l.Width});");
            }

            using (w.Block($"for (int u = 0; u < {l.Units}; u++)"))
            {
                w.Line("dh[u] += carryH[u];");
                switch (plan.Cell)
                {
                    case RecurrentCell.Gru:
                        w.Line($"{t} z = gates[u], r = gates[{u1} + u], candidate = gates[{u2} + u];");
                        w.Line("// hₜ = (1 − z) h̃ + z hₜ₋₁:  δz = ∂E/∂h · (hₜ₋₁ − h̃) · z(1 − z),  δh̃ = ∂E/∂h · (1 − z) · (1 − h̃²).");
                        w.Line($"{t} dz = dh[u] * (hPrevious[u] - candidate) * z * (1 - z);");
                        w.Line($"{t} dCandidate = dh[u] * (1 - z) * (1 - (candidate * candidate));");
                        w.Line($"// h̃ = tanh(x·W_h + Wb_h + r ⊙ (hₜ₋₁·R_h + Rb_h)):  δr = δh̃ · (hₜ₋₁·R_h + Rb_h) · r(1 − r).");
                        w.Line($"{t} dr = dCandidate * recurrent[{u2} + u] * r * (1 - r);");
                        w.Line("dInput[u] = dz;");
                        w.Line($"dInput[{u1} + u] = dr;");
                        w.Line($"dInput[{u2} + u] = dCandidate;");
                        w.Line("dRecurrent[u] = dz;");
                        w.Line($"dRecurrent[{u1} + u] = dr;");
                        w.Line($"dRecurrent[{u2} + u] = dCandidate * r;");
                        w.Line("// The direct path z ⊙ hₜ₋₁ into the step before; R·δ is added below.");
                        w.Line("carryH[u] = dh[u] * z;");
                        break;
                    case RecurrentCell.Lstm:
                        w.Line($"{t} i = gates[u], o = gates[{u1} + u], f = gates[{u2} + u], candidate = gates[{u3} + u];");
                        w.Line($"{t} tanhC = {t}.Tanh(record[{r.C} + u]);");
                        w.Line("// hₜ = o tanh(cₜ):  ∂E/∂cₜ = carried + ∂E/∂h · o · (1 − tanh²cₜ);  δo = ∂E/∂h · tanh cₜ · o(1 − o).");
                        w.Line($"{t} dc = carryC[u] + (dh[u] * o * (1 - (tanhC * tanhC)));");
                        w.Line("// cₜ = f cₜ₋₁ + i c̃:  δi = ∂E/∂c · c̃ · i(1 − i),  δf = ∂E/∂c · cₜ₋₁ · f(1 − f),  δc̃ = ∂E/∂c · i · (1 − c̃²).");
                        w.Line("dInput[u] = dc * candidate * i * (1 - i);");
                        w.Line($"dInput[{u1} + u] = dh[u] * tanhC * o * (1 - o);");
                        w.Line($"dInput[{u2} + u] = dc * cPrevious[u] * f * (1 - f);");
                        w.Line($"dInput[{u3} + u] = dc * i * (1 - (candidate * candidate));");
                        w.Line("carryC[u] = dc * f;");
                        break;
                    default:
                        w.Line("// hₜ = tanh(a):  δa = ∂E/∂h · (1 − hₜ²).");
                        w.Line("dInput[u] = dh[u] * (1 - (gates[u] * gates[u]));");
                        break;
                }
            }

            w.Line();

            string x = l.Index == 0 ? "inputs.Slice(step * InputCount, InputCount)" : $"record.Slice({plan.Records[l.Index - 1].H}, {l.Inputs})";
            w.Line($"// ∂E/∂W += xₜᵀ·δ, ∂E/∂R += hₜ₋₁ᵀ·δ, ∂E/∂Wb += δ, ∂E/∂Rb += δ (all gates at once).");
            w.Line($"{Kernels}.AddOuter({x}, dInput, gradient.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}));");
            w.Line($"{Kernels}.AddOuter(hPrevious, dRecurrent, gradient.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}));");
            using (w.Block($"for (int j = 0; j < {l.Width}; j++)"))
            {
                w.Line($"gradient[{l.InputBiasOffset} + j] += dInput[j];");
                w.Line($"gradient[{l.RecurrentBiasOffset} + j] += dRecurrent[j];");
            }

            w.Line();

            w.Line("// ∂E/∂hₜ₋₁ carried into the step before: R·δ" + (plan.Cell == RecurrentCell.Gru ? " (added to the direct path)." : "."));
            if (plan.Cell != RecurrentCell.Gru)
            {
                w.Line("carryH.Clear();");
            }

            w.Line($"{Kernels}.AddTransposedProduct(p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), dRecurrent, carryH);");
            if (l.Index > 0)
            {
                w.Line();
                w.Line($"// ∂E/∂xₜ = W·δ: the layer below's ∂E/∂hₜ from above.");
                w.Line($"{Span}<{t}> below = fromAbove.Slice(0, {l.Inputs});");
                w.Line("below.Clear();");
                w.Line($"{Kernels}.AddTransposedProduct(p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), dInput, below);");
            }
        }
    }
}
