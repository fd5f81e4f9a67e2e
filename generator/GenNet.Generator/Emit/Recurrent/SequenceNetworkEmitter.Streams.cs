using System.Collections.Generic;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class SequenceNetworkEmitter
{
    private const string StreamKernels = StreamsEmitter.Kernels;

    // CreateStreams and the nested Streams class (StreamsEmitter): the recurrent layers here, the math of Recurrent{l}
    // above on a group's blocks of rows of s streams instead of single values.
    private static void WriteStreams(SourceWriter w, RecurrentPlan plan, string version)
    {
        bool gru = plan.Cell == RecurrentCell.Gru;
        var blocks = new List<(string, int)> { ("gates", plan.MaxWidth) };
        if (gru)
        {
            blocks.Add(("recurrent", plan.MaxWidth));
        }

        if (plan.DenseHidden > 0)
        {
            blocks.Add(("hidden", plan.DenseHidden));
        }

        string comment = "// One group's blocks, reused by every group: the inputs, a layer's gates" + (gru ? ", its recurrent products" : string.Empty)
            + (plan.DenseHidden > 0 ? ", the dense hidden layers" : string.Empty) + " and the outputs.";
        var shape = new StreamsEmitter.Shape(
            Identifier(plan.Spec.TypeName), plan.T, blocks, comment, writer => WriteStreamsLayers(writer, plan),
            plan.Dense, plan.LastDense, plan.Activation, plan.SoftmaxOutput, "h" + plan.Top.Index);
        StreamsEmitter.Write(w, shape, version);
    }

    private static void WriteStreamsLayers(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        foreach (RecurrentLayerLayout l in plan.Layout.Layers)
        {
            w.Line();
            string input = l.Index == 0 ? "x" : $"h{l.Index - 1}";
            w.Line($"// recurrent_{l.Index}, {plan.Cell.ToString().ToUpperInvariant()} {l.Inputs} → {l.Units} (the math of Recurrent{l.Index}), every stream at once.");
            w.Line($"{Span}<{t}> h{l.Index} = {Rows("state", l.StateOffset, l.Units)};");
            switch (plan.Cell)
            {
                case RecurrentCell.Gru:
                    WriteStreamsGru(w, l, input);
                    break;
                case RecurrentCell.Lstm:
                    WriteStreamsLstm(w, plan, l, input);
                    break;
                default:
                    w.Line($"// a = Wb + Rb + xₜ·W + hₜ₋₁·R into gates, then hₜ = tanh(a).");
                    w.Line($"{StreamKernels}.Affine(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), h{l.Index}, {Rows("gates", 0, l.Width)}, s);");
                    w.Line($"{Lanes}<{TanhType}, {t}>({Rows("gates", 0, l.Width)});");
                    w.Line($"{Rows("gates", 0, l.Width)}.CopyTo(h{l.Index});");
                    break;
            }
        }
    }

    private static void WriteStreamsGru(SourceWriter w, RecurrentLayerLayout l, string input)
    {
        string h = "h" + l.Index;
        w.Line("// zₜ = σ(Wb_z + Rb_z + xₜ·W_z + hₜ₋₁·R_z), rₜ likewise, h̃ₜ = tanh(Wb_h + xₜ·W_h + rₜ ⊙ (Rb_h + hₜ₋₁·R_h)),");
        w.Line("// hₜ = zₜ ⊙ (hₜ₋₁ − h̃ₜ) + h̃ₜ: products and cell in one call, in place.");
        w.Line($"{StreamKernels}.Gru(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), {h}, {Rows("gates", 0, l.Width)}, {Rows("recurrent", 0, l.Width)}, s);");
    }

    private static void WriteStreamsLstm(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l, string input)
    {
        string t = plan.T, h = "h" + l.Index, c = "c" + l.Index;
        int u = l.Units;
        w.Line($"{Span}<{t}> {c} = {Rows("state", l.StateOffset + u, u)};");
        w.Line("// a = Wb + Rb + xₜ·W + hₜ₋₁·R for i, o, f, c; iₜ, oₜ, fₜ = σ(a), c̃ₜ = tanh(a); cₜ = iₜ ⊙ c̃ₜ + fₜ ⊙ cₜ₋₁;");
        w.Line("// hₜ = tanh(cₜ) ⊙ oₜ: products and cell in one call, in place.");
        w.Line($"{StreamKernels}.Lstm(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {input}, p.Slice({l.RecurrentWeightOffset}, {u * l.Width}), {h}, {c}, {Rows("gates", 0, l.Width)}, s);");
    }

    private static string Rows(string block, int first, int count) => StreamsEmitter.Rows(block, first, count);
}
