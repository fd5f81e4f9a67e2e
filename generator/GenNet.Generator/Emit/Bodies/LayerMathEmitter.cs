using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the math of the network, one block per synapse, each opened by its formula in the blog's words.
/// An unrolled synapse becomes one statement per neuron with constant indices; a large one becomes two loops
/// with constant bounds. Both sum in ascending index order from zero and add the bias last, so they round
/// identically (and, without bias, exactly as numpy's <c>np.dot</c>).
/// </summary>
internal static class LayerMathEmitter
{
    private const int TermsPerLine = 6;

    /// <summary>layer_1 … layer_K from layer0 (a span) and the weights w; while training, with dropout masks.</summary>
    public static void WriteForward(SourceWriter w, NetworkPlan plan, bool training)
    {
        foreach (SynapsePlan s in plan.Synapses)
        {
            int from = s.Index, to = s.Index + 1;
            bool elementwise = plan.HasElementwiseActivation(to);
            string open = elementwise ? $"{plan.ActivationType(to)}.Activate(" : string.Empty;
            string close = elementwise ? ")" : string.Empty;
            if (from > 0)
            {
                w.Line();
            }

            string bias = s.HasBias ? $" + bias_{s.Index}" : string.Empty;
            w.Line(elementwise
                ? $"// layer_{to} = {Symbol(plan, to)}(layer_{from} · synapse_{s.Index}{bias})"
                : $"// z = layer_{from} · synapse_{s.Index}{bias}; layer_{to} = softmax(z)");
            if (s.Unrolled)
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    IEnumerable<string> terms = Enumerable.Range(0, s.Rows).Select(i => $"{Input(plan, from, i, training)} * w[{s.At(i, j)}]");
                    if (s.HasBias)
                    {
                        terms = terms.Append($"w[{s.BiasAt(j)}]");
                    }

                    if (training && elementwise && plan.NeedsInput(to))
                    {
                        // Its derivative needs the input: keep z.
                        Assignment.Write(w, Declare(plan, "z", to, j), string.Empty, terms, string.Empty, TermsPerLine);
                        w.Line($"{Declare(plan, "layer", to, j)} = {open}{Z(plan, to, j)}{close};");
                    }
                    else
                    {
                        Assignment.Write(w, Declare(plan, "layer", to, j), open, terms, close, TermsPerLine);
                    }
                }
            }
            else
            {
                using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                {
                    w.Line($"{plan.T} sum = 0;");
                    using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                    {
                        w.Line($"sum += {InputSpan(plan, from, training)}[i] * w[{Index(s)}];");
                    }

                    w.Line();
                    string total = s.HasBias ? $"sum + w[{s.BiasOffset} + j]" : "sum";
                    if (s.Normalized)
                    {
                        w.Line($"// batch normalisation with the running statistics: γ·(z − mean) / √(variance + ε) + β");
                        w.Line($"{plan.T} normalized = ({total} - _runningMean[{s.StatisticsOffset} + j]) / {plan.T}.Sqrt(_runningVariance[{s.StatisticsOffset} + j] + BatchNormEpsilon);");
                        total = $"(w[{s.GammaOffset} + j] * normalized) + w[{s.BetaOffset} + j]";
                    }

                    if (training && elementwise && plan.NeedsInput(to))
                    {
                        w.Line($"z{to}[j] = {total};");
                        w.Line($"layer{to}[j] = {open}z{to}[j]{close};");
                    }
                    else
                    {
                        w.Line($"layer{to}[j] = {open}{total}{close};");
                    }
                }
            }

            if (!elementwise)
            {
                w.Line($"{plan.Spec.OutputActivation}.Apply(layer{to});");
            }

            if (training && plan.HasDropout && to < plan.Last)
            {
                w.Line();
                w.Line($"// dropout: keep each layer_{to} neuron with probability 1 − DropoutRate, scaled by 1 / (1 − DropoutRate)");
                using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                {
                    w.Line($"mask{to}[j] = _dropout.Next<{plan.T}>(DropoutRate, DropoutKeepScale);");
                    w.Line($"dropped{to}[j] = layer{to}[j] * mask{to}[j];");
                }
            }
        }
    }

    /// <summary>Copies the output layer into <c>output</c>.</summary>
    public static void WriteCopyOutput(SourceWriter w, NetworkPlan plan)
    {
        if (plan.IsSpan(plan.Last))
        {
            w.Line($"layer{plan.Last}.CopyTo(output);");
            return;
        }

        for (int k = 0; k < plan.Layers[plan.Last]; k++)
        {
            w.Line($"output[{k}] = {Value(plan, plan.Last, k)};");
        }
    }

    /// <summary>The deltas from the output back to layer_1, then the gradient of every synapse.</summary>
    public static void WriteBackward(SourceWriter w, NetworkPlan plan)
    {
        WriteOutputDelta(w, plan);

        for (int l = plan.Last - 1; l >= 1; l--)
        {
            SynapsePlan s = plan.Synapses[l];
            w.Line();
            string mask = plan.HasDropout ? $" ⊙ mask_{l}" : string.Empty;
            string at = plan.NeedsInput(l) ? $"z_{l}" : $"layer_{l}";
            w.Line($"// layer_{l}_delta = (layer_{l + 1}_delta · synapse_{l}ᵀ) ⊙ {Symbol(plan, l)}'({at}){mask}");
            if (s.Unrolled)
            {
                for (int i = 0; i < s.Rows; i++)
                {
                    IEnumerable<string> terms = Enumerable.Range(0, s.Columns).Select(j => $"{Delta(plan, l + 1, j)} * w[{s.At(i, j)}]");
                    string maskFactor = plan.HasDropout ? $" * mask{l}[{i}]" : string.Empty;
                    Assignment.Write(w, Declare(plan, "delta", l, i), "(", terms, $") * {plan.Slope(l, Value(plan, l, i), Z(plan, l, i))}{maskFactor}", TermsPerLine);
                }
            }
            else
            {
                using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                {
                    w.Line($"{plan.T} error = 0;");
                    using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                    {
                        w.Line($"error += delta{l + 1}[j] * w[{Index(s)}];");
                    }

                    w.Line();
                    w.Line($"delta{l}[i] = error * {plan.Slope(l, $"layer{l}[i]", $"z{l}[i]")}{(plan.HasDropout ? $" * mask{l}[i]" : string.Empty)};");
                }
            }
        }

        for (int index = plan.Synapses.Length - 1; index >= 0; index--)
        {
            WriteSynapseGradient(w, plan, plan.Synapses[index]);
        }
    }

    /// <summary>The loss's contribution to the reported error and the output delta, per output neuron.</summary>
    private static void WriteOutputDelta(SourceWriter w, NetworkPlan plan)
    {
        int last = plan.Last;
        string t = plan.T;
        w.Line(plan.Loss.DeltaComment(last, Symbol(plan, last)));

        (string Sum, string Delta) Terms(string p, string y, string error, string z) => OutputLossTerms(plan, p, y, error, z);

        if (plan.IsSpan(last))
        {
            using (w.Block($"for (int k = 0; k < {plan.Layers[last]}; k++)"))
            {
                w.Line($"{t} error = layer{last}[k] - target[k];");
                (string sum, string delta) = Terms($"layer{last}[k]", "target[k]", "error", $"z{last}[k]");
                w.Line($"errorTerms.Add({sum});");
                w.Line($"delta{last}[k] = {delta};");
            }

            return;
        }

        for (int k = 0; k < plan.Layers[last]; k++)
        {
            string error = $"error{last}_{k}";
            (string sum, string delta) = Terms(Value(plan, last, k), $"target[{k}]", error, Z(plan, last, k));
            w.Line($"{t} {error} = {Value(plan, last, k)} - target[{k}];");
            w.Line($"errorTerms.Add({sum});");
            w.Line($"{Declare(plan, "delta", last, k)} = {delta};");
        }
    }

    private static void WriteSynapseGradient(SourceWriter w, NetworkPlan plan, SynapsePlan s)
    {
        int to = s.Index + 1;
        w.Line();
        w.Line($"// ∂E/∂synapse_{s.Index} += layer_{s.Index}ᵀ · layer_{to}_delta" + (s.HasBias ? $";  ∂E/∂bias_{s.Index} += layer_{to}_delta" : string.Empty));
        if (s.Unrolled)
        {
            for (int i = 0; i < s.Rows; i++)
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"gradient[{s.At(i, j)}] += {Input(plan, s.Index, i, training: true)} * {Delta(plan, to, j)};");
                }
            }

            if (s.HasBias)
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    w.Line($"gradient[{s.BiasAt(j)}] += {Delta(plan, to, j)};");
                }
            }

            return;
        }

        using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
        {
            w.Line($"{plan.T} input = {InputSpan(plan, s.Index, training: true)}[i];");
            using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
            {
                w.Line($"gradient[{Index(s)}] += input * delta{to}[j];");
            }
        }

        if (s.HasBias)
        {
            using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
            {
                w.Line($"gradient[{s.BiasOffset} + j] += delta{to}[j];");
            }
        }
    }

    private static string Index(SynapsePlan s) =>
        (s.Offset == 0 ? string.Empty : $"{s.Offset} + ") + $"i * {s.Columns} + j";

    /// <summary>Layer values as the next synapse sees them: after dropout while training.</summary>
    private static string Input(NetworkPlan plan, int layer, int neuron, bool training) =>
        Dropped(plan, layer, training) ? $"dropped{layer}[{neuron}]" : Value(plan, layer, neuron);

    private static string InputSpan(NetworkPlan plan, int layer, bool training) =>
        Dropped(plan, layer, training) ? $"dropped{layer}" : $"layer{layer}";

    private static bool Dropped(NetworkPlan plan, int layer, bool training) =>
        training && plan.HasDropout && layer > 0 && layer < plan.Last;

    private static string Value(NetworkPlan plan, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"layer{layer}[{neuron}]" : $"layer{layer}_{neuron}";

    // The pre-activation kept for an IActivationFromInput layer while training.
    private static string Z(NetworkPlan plan, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"z{layer}[{neuron}]" : $"z{layer}_{neuron}";

    private static string Delta(NetworkPlan plan, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"delta{layer}[{neuron}]" : $"delta{layer}_{neuron}";

    private static string Declare(NetworkPlan plan, string name, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"{name}{layer}[{neuron}]" : $"{plan.T} {name}{layer}_{neuron}";

    /// <summary>
    /// For one output neuron with output <paramref name="p"/>, target <paramref name="y"/> and error
    /// <paramref name="error"/> (= p − y): the term summed into the reported error, and the neuron's delta.
    /// </summary>
    internal static (string Sum, string Delta) OutputLossTerms(NetworkPlan plan, string p, string y, string error, string z) =>
        plan.Loss.ScalarTerms(p, y, error, plan.Slope(plan.Last, p, z));

    private static string Symbol(NetworkPlan plan, int layer) => ActivationTypes.Symbol(plan, layer);
}
