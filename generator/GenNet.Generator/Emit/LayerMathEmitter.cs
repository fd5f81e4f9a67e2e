using System.Collections.Generic;
using System.Linq;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the math of the network, one block per synapse, each opened by its formula in the blog's words.
/// An unrolled synapse becomes one statement per neuron with constant indices; a large one becomes two loops
/// with constant bounds. Both sum in ascending index order from zero, so they round identically.
/// </summary>
internal static class LayerMathEmitter
{
    private const int TermsPerLine = 6;

    /// <summary>layer_1 … layer_K from layer0 (a span) and the weights w.</summary>
    public static void WriteForward(SourceWriter w, NetworkPlan plan)
    {
        foreach (SynapsePlan s in plan.Synapses)
        {
            int from = s.Index, to = s.Index + 1;
            if (from > 0)
            {
                w.Line();
            }

            w.Line($"// layer_{to} = {Symbol(plan, to)}(layer_{from} · synapse_{s.Index})");
            if (s.Unrolled)
            {
                for (int j = 0; j < s.Columns; j++)
                {
                    IEnumerable<string> terms = Enumerable.Range(0, s.Rows).Select(i => $"{Value(plan, from, i)} * w[{s.At(i, j)}]");
                    WriteAssignment(w, Declare(plan, "layer", to, j), $"{plan.ActivationType(to)}.Activate(", terms, ")");
                }
            }
            else
            {
                using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                {
                    w.Line($"{plan.T} sum = 0;");
                    using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                    {
                        w.Line($"sum += layer{from}[i] * w[{Index(s)}];");
                    }

                    w.Line();
                    w.Line($"layer{to}[j] = {plan.ActivationType(to)}.Activate(sum);");
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
        int last = plan.Last;
        string t = plan.T;
        string derivative = $"{plan.ActivationType(last)}.DerivativeFromOutput";

        w.Line($"// layer_{last}_error = layer_{last} − y;  layer_{last}_delta = error ⊙ {Symbol(plan, last)}'(layer_{last})");
        if (plan.IsSpan(last))
        {
            using (w.Block($"for (int k = 0; k < {plan.Layers[last]}; k++)"))
            {
                w.Line($"{t} error = layer{last}[k] - target[k];");
                w.Line($"absoluteErrorSum += {t}.Abs(error);");
                w.Line($"delta{last}[k] = error * {derivative}(layer{last}[k]);");
            }
        }
        else
        {
            for (int k = 0; k < plan.Layers[last]; k++)
            {
                w.Line($"{t} error{last}_{k} = {Value(plan, last, k)} - target[{k}];");
                w.Line($"absoluteErrorSum += {t}.Abs(error{last}_{k});");
                w.Line($"{Declare(plan, "delta", last, k)} = error{last}_{k} * {derivative}({Value(plan, last, k)});");
            }
        }

        for (int l = last - 1; l >= 1; l--)
        {
            SynapsePlan s = plan.Synapses[l];
            string layerDerivative = $"{plan.ActivationType(l)}.DerivativeFromOutput";
            w.Line();
            w.Line($"// layer_{l}_delta = (layer_{l + 1}_delta · synapse_{l}ᵀ) ⊙ {Symbol(plan, l)}'(layer_{l})");
            if (s.Unrolled)
            {
                for (int i = 0; i < s.Rows; i++)
                {
                    IEnumerable<string> terms = Enumerable.Range(0, s.Columns).Select(j => $"{Delta(plan, l + 1, j)} * w[{s.At(i, j)}]");
                    WriteAssignment(w, Declare(plan, "delta", l, i), "(", terms, $") * {layerDerivative}({Value(plan, l, i)})");
                }
            }
            else
            {
                using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                {
                    w.Line($"{t} error = 0;");
                    using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                    {
                        w.Line($"error += delta{l + 1}[j] * w[{Index(s)}];");
                    }

                    w.Line();
                    w.Line($"delta{l}[i] = error * {layerDerivative}(layer{l}[i]);");
                }
            }
        }

        for (int index = plan.Synapses.Length - 1; index >= 0; index--)
        {
            SynapsePlan s = plan.Synapses[index];
            w.Line();
            w.Line($"// ∂E/∂synapse_{s.Index} += layer_{s.Index}ᵀ · layer_{s.Index + 1}_delta");
            if (s.Unrolled)
            {
                for (int i = 0; i < s.Rows; i++)
                {
                    for (int j = 0; j < s.Columns; j++)
                    {
                        w.Line($"gradient[{s.At(i, j)}] += {Value(plan, s.Index, i)} * {Delta(plan, s.Index + 1, j)};");
                    }
                }
            }
            else
            {
                using (w.Block($"for (int i = 0; i < {s.Rows}; i++)"))
                {
                    w.Line($"{t} input = layer{s.Index}[i];");
                    using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                    {
                        w.Line($"gradient[{Index(s)}] += input * delta{s.Index + 1}[j];");
                    }
                }
            }
        }
    }

    // "name = prefix term + term + … suffix;", wrapped after every few terms so wide layers stay readable.
    private static void WriteAssignment(SourceWriter w, string target, string prefix, IEnumerable<string> terms, string suffix)
    {
        string[] all = terms.ToArray();
        if (all.Length <= TermsPerLine)
        {
            w.Line($"{target} = {prefix}{string.Join(" + ", all)}{suffix};");
            return;
        }

        w.Line($"{target} = {prefix}");
        w.Indent();
        for (int start = 0; start < all.Length; start += TermsPerLine)
        {
            string chunk = string.Join(" + ", all.Skip(start).Take(TermsPerLine));
            bool lastChunk = start + TermsPerLine >= all.Length;
            w.Line((start == 0 ? string.Empty : "+ ") + chunk + (lastChunk ? suffix + ";" : string.Empty));
        }

        w.Unindent();
    }

    private static string Index(SynapsePlan s) =>
        (s.Offset == 0 ? string.Empty : $"{s.Offset} + ") + $"i * {s.Columns} + j";

    private static string Value(NetworkPlan plan, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"layer{layer}[{neuron}]" : $"layer{layer}_{neuron}";

    private static string Delta(NetworkPlan plan, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"delta{layer}[{neuron}]" : $"delta{layer}_{neuron}";

    private static string Declare(NetworkPlan plan, string name, int layer, int neuron) =>
        plan.IsSpan(layer) ? $"{name}{layer}[{neuron}]" : $"{plan.T} {name}{layer}_{neuron}";

    private static string Symbol(NetworkPlan plan, int layer) =>
        plan.Spec.Activations[layer - 1].EndsWith(".Sigmoid", System.StringComparison.Ordinal) ? "σ" : "f";
}
