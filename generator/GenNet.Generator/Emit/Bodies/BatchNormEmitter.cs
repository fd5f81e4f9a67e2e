using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// Training for batch-normalised networks. Normalisation couples the rows of a batch (each neuron is normalised with
/// the batch's mean and variance), so instead of forward-and-backward row by row, the generated method runs each
/// layer over the whole batch, in buffers rented from the shared pool for the call.
/// </summary>
internal static class BatchNormEmitter
{
    public static void WriteBackpropagate(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        int last = plan.Last;
        IEnumerable<int> normalizedLayers = plan.Synapses.Where(s => s.Normalized).Select(s => s.Index + 1);

        // Buffer layout: per row, every layer's values and deltas and every normalised layer's ẑ; then 1/σ per normalised neuron.
        var perRow = new List<(string Name, int Width)>();
        perRow.AddRange(Enumerable.Range(1, last).Select(l => ($"layer{l}", plan.Layers[l])));
        perRow.AddRange(Enumerable.Range(1, last).Select(l => ($"delta{l}", plan.Layers[l])));
        perRow.AddRange(normalizedLayers.Select(l => ($"normalized{l}", plan.Layers[l])));
        int rowWidth = perRow.Sum(p => p.Width);
        int perNeuron = normalizedLayers.Sum(l => plan.Layers[l]);

        w.Line("// Batch normalisation couples the rows of a batch, so training runs layer by layer over the whole batch");
        w.Line("// (each layer's values for every row are needed to normalise it), in buffers rented for the call.");
        w.Line(MethodAttributes.HotMethod);
        w.Line($"private {t} Backpropagate{ActivationTypes.Parameters(plan, withLanes: false)}(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient, int rows)");
        ActivationTypes.WriteConstraints(w, plan, withLanes: false);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            w.Line($"int length = (rows * {rowWidth}) + {perNeuron};");
            w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent(length);");
            using (w.Block("try"))
            {
                w.Line($"global::System.Span<{t}> buffer = global::System.MemoryExtensions.AsSpan(rented, 0, length);");
                int offset = 0;
                foreach ((string name, int width) in perRow)
                {
                    w.Line($"global::System.Span<{t}> {name} = buffer.Slice(rows * {offset}, rows * {width});");
                    offset += width;
                }

                int neuronOffset = 0;
                foreach (int l in normalizedLayers)
                {
                    w.Line($"global::System.Span<{t}> inverseStd{l} = buffer.Slice((rows * {rowWidth}) + {neuronOffset}, {plan.Layers[l]});");
                    neuronOffset += plan.Layers[l];
                }

                foreach (SynapsePlan s in plan.Synapses)
                {
                    w.Line();
                    WriteForwardLayer(w, plan, s);
                }

                w.Line();
                WriteOutputDelta(w, plan);
                for (int l = last - 1; l >= 1; l--)
                {
                    w.Line();
                    WriteHiddenDelta(w, plan, plan.Synapses[l]);
                }

                for (int s = plan.Synapses.Length - 1; s >= 0; s--)
                {
                    w.Line();
                    WriteGradient(w, plan, plan.Synapses[s]);
                }

                w.Line();
                LossFragments.WriteScaleAndReturn(w, plan);
            }

            using (w.Block("finally"))
            {
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }
    }

    private static string RowOf(NetworkPlan plan, int layer) =>
        layer == 0
            ? "inputs.Slice(row * InputCount, InputCount)"
            : $"layer{layer}.Slice(row * {plan.Layers[layer]}, {plan.Layers[layer]})";

    private static void WriteForwardLayer(SourceWriter w, NetworkPlan plan, SynapsePlan s)
    {
        string t = plan.T;
        int to = s.Index + 1, columns = s.Columns;
        bool elementwise = plan.HasElementwiseActivation(to);
        string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
        w.Line($"// z = layer_{s.Index} · synapse_{s.Index}{bias}, for every row");
        using (w.Block("for (int row = 0; row < rows; row++)"))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> input = {RowOf(plan, s.Index)};");
            w.Line($"global::System.Span<{t}> z = layer{to}.Slice(row * {columns}, {columns});");
            using (w.Block($"for (int j = 0; j < {columns}; j++)"))
            {
                w.Line($"{t} sum = 0;");
                using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                {
                    w.Line($"sum += input[i] * w[{Index(s)}];");
                }

                w.Line();
                w.Line($"z[j] = {(s.HasBias ? $"sum + w[{s.BiasOffset} + j]" : "sum")};");
            }
        }

        if (s.Normalized)
        {
            w.Line();
            w.Line($"// batch normalisation of layer_{to}: ẑ = (z − mean) / √(variance + ε) over the batch; z ← γ·ẑ + β;");
            w.Line("// the running statistics move toward the batch's (unbiased variance) for Predict.");
            using (w.Block($"for (int j = 0; j < {columns}; j++)"))
            {
                w.Line($"{t} mean = 0;");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"mean += layer{to}[(row * {columns}) + j];");
                }

                w.Line();
                w.Line("mean /= rows;");
                w.Line($"{t} variance = 0;");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"{t} deviation = layer{to}[(row * {columns}) + j] - mean;");
                    w.Line("variance += deviation * deviation;");
                }

                w.Line();
                w.Line("variance /= rows;");
                w.Line($"{t} inverseStd = 1 / {t}.Sqrt(variance + BatchNormEpsilon);");
                w.Line($"inverseStd{to}[j] = inverseStd;");
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"int at = (row * {columns}) + j;");
                    w.Line($"{t} zHat = (layer{to}[at] - mean) * inverseStd;");
                    w.Line($"normalized{to}[at] = zHat;");
                    w.Line($"layer{to}[at] = (w[{s.GammaOffset} + j] * zHat) + w[{s.BetaOffset} + j];");
                }

                w.Line();
                w.Line($"{t} unbiased = rows > 1 ? variance * rows / (rows - 1) : variance;");
                w.Line($"_runningMean[{s.StatisticsOffset} + j] = ((1 - BatchNormMomentum) * _runningMean[{s.StatisticsOffset} + j]) + (BatchNormMomentum * mean);");
                w.Line($"_runningVariance[{s.StatisticsOffset} + j] = ((1 - BatchNormMomentum) * _runningVariance[{s.StatisticsOffset} + j]) + (BatchNormMomentum * unbiased);");
            }
        }

        w.Line();
        if (elementwise)
        {
            w.Line($"// layer_{to} = {ActivationTypes.Symbol(plan, to)}(z)");
            using (w.Block($"for (int index = 0; index < rows * {columns}; index++)"))
            {
                w.Line($"layer{to}[index] = {plan.ActivationType(to)}.Activate(layer{to}[index]);");
            }
        }
        else
        {
            w.Line($"// layer_{to} = softmax(z), row by row");
            using (w.Block("for (int row = 0; row < rows; row++)"))
            {
                w.Line($"{plan.Spec.OutputActivation}.Apply(layer{to}.Slice(row * {columns}, {columns}));");
            }
        }
    }

    private static void WriteOutputDelta(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        int last = plan.Last;
        (string sum, string delta) = LayerMathEmitter.OutputLossTerms(plan, "output[k]", "target[k]", "error", z: string.Empty);
        w.Line($"// layer_{last}_error = layer_{last} − y, and the output delta of the {plan.Spec.Loss} loss");
        LossFragments.WriteErrorTerms(w, plan);
        using (w.Block("for (int row = 0; row < rows; row++)"))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice(row * OutputCount, OutputCount);");
            w.Line($"global::System.ReadOnlySpan<{t}> output = layer{last}.Slice(row * OutputCount, OutputCount);");
            w.Line($"global::System.Span<{t}> outputDelta = delta{last}.Slice(row * OutputCount, OutputCount);");
            using (w.Block("for (int k = 0; k < OutputCount; k++)"))
            {
                w.Line($"{t} error = output[k] - target[k];");
                w.Line($"errorTerms.Add({sum});");
                w.Line($"outputDelta[k] = {delta};");
            }
        }

        w.Line();
        LossFragments.WriteErrorSum(w, plan);
    }

    private static void WriteHiddenDelta(SourceWriter w, NetworkPlan plan, SynapsePlan s)
    {
        string t = plan.T;
        int l = s.Index, width = s.Rows, next = s.Columns;
        w.Line($"// layer_{l}_delta = (layer_{l + 1}_delta · synapse_{l}ᵀ) ⊙ {ActivationTypes.Symbol(plan, l)}'(layer_{l})");
        using (w.Block("for (int row = 0; row < rows; row++)"))
        {
            using (w.Block($"for (int i = 0; i < {width}; i++)"))
            {
                w.Line($"{t} error = 0;");
                using (w.Block($"for (int j = 0; j < {next}; j++)"))
                {
                    w.Line($"error += delta{l + 1}[(row * {next}) + j] * w[{Index(s)}];");
                }

                w.Line();
                w.Line($"delta{l}[(row * {width}) + i] = error * {plan.ActivationType(l)}.DerivativeFromOutput(layer{l}[(row * {width}) + i]);");
            }
        }

        SynapsePlan into = plan.Synapses[l - 1];
        if (!into.Normalized)
        {
            return;
        }

        w.Line();
        w.Line($"// back through layer_{l}'s normalisation: ∂E/∂γ = Σ δ·ẑ, ∂E/∂β = Σ δ, δ_z = γ/σ · (δ − (∂E/∂β + ẑ·∂E/∂γ) / rows)");
        using (w.Block($"for (int j = 0; j < {width}; j++)"))
        {
            w.Line($"{t} gammaGradient = 0;");
            w.Line($"{t} betaGradient = 0;");
            using (w.Block("for (int row = 0; row < rows; row++)"))
            {
                w.Line($"int at = (row * {width}) + j;");
                w.Line($"gammaGradient += delta{l}[at] * normalized{l}[at];");
                w.Line($"betaGradient += delta{l}[at];");
            }

            w.Line();
            w.Line($"gradient[{into.GammaOffset} + j] += gammaGradient;");
            w.Line($"gradient[{into.BetaOffset} + j] += betaGradient;");
            w.Line($"{t} scale = w[{into.GammaOffset} + j] * inverseStd{l}[j];");
            using (w.Block("for (int row = 0; row < rows; row++)"))
            {
                w.Line($"int at = (row * {width}) + j;");
                w.Line($"delta{l}[at] = scale * (delta{l}[at] - ((betaGradient + (normalized{l}[at] * gammaGradient)) / rows));");
            }
        }
    }

    private static void WriteGradient(SourceWriter w, NetworkPlan plan, SynapsePlan s)
    {
        string t = plan.T;
        int to = s.Index + 1;
        w.Line($"// ∂E/∂synapse_{s.Index} += layer_{s.Index}ᵀ · layer_{to}_delta" + (s.HasBias ? $";  ∂E/∂bias_{s.Index} += layer_{to}_delta" : string.Empty));
        using (w.Block("for (int row = 0; row < rows; row++)"))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> input = {RowOf(plan, s.Index)};");
            w.Line($"global::System.ReadOnlySpan<{t}> delta = delta{to}.Slice(row * {s.Columns}, {s.Columns});");
            using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
            {
                w.Line($"{t} value = input[i];");
                using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                {
                    w.Line($"gradient[{Index(s)}] += value * delta[j];");
                }
            }

            if (s.HasBias)
            {
                w.Line();
                using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                {
                    w.Line($"gradient[{s.BiasOffset} + j] += delta[j];");
                }
            }
        }
    }

    private static string Index(SynapsePlan s) =>
        (s.Offset == 0 ? string.Empty : $"{s.Offset} + ") + $"i * {s.Columns} + j";
}
