using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class SequenceNetworkEmitter
{
    private const string Lanes = "global::GenNet.CompilerServices.ActivationLanes.Activate";
    private const string SigmoidType = "global::GenNet.Activations.Sigmoid";
    private const string TanhType = "global::GenNet.Activations.Tanh";

    // One method per recurrent layer (one time step) and one for the dense layers after the stack.
    private static void WriteForwardMethods(SourceWriter w, RecurrentPlan plan)
    {
        foreach (RecurrentLayerLayout l in plan.Layout.Layers)
        {
            switch (plan.Cell)
            {
                case RecurrentCell.Gru:
                    WriteGru(w, plan, l);
                    break;
                case RecurrentCell.Lstm:
                    WriteLstm(w, plan, l);
                    break;
                default:
                    WriteRnn(w, plan, l);
                    break;
            }

            w.Line();
        }

        WriteDense(w, plan);
        if (!plan.Spec.ActivationsByName)
        {
            w.Line();
            w.Line("// The dense activations implement IActivation explicitly: called through their type.");
            w.Line($"private static {plan.T} ActivateWith<TActivation>({plan.T} x) where TActivation : struct, global::GenNet.Activations.IActivation => TActivation.Activate(x);");
            w.Line();
            w.Line($"private static {plan.T} SlopeWith<TActivation>({plan.T} y) where TActivation : struct, global::GenNet.Activations.IActivation => TActivation.DerivativeFromOutput(y);");
        }
    }

    private static void WriteRnn(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l)
    {
        string t = plan.T;
        w.Line($"// recurrent_{l.Index}, RNN {l.Inputs} → {l.Units}, one step: hₜ = tanh(xₜ·W + Wb + hₜ₋₁·R + Rb).");
        w.Line("// h may be hPrevious itself (Step updates the state in place): hPrevious is read whole before h is written.");
        using (w.Block($"private void Recurrent{l.Index}({ReadOnlySpan}<{t}> x, {ReadOnlySpan}<{t}> hPrevious, {Span}<{t}> gates, {Span}<{t}> h)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            WriteSummedBiases(w, l);
            WriteProducts(w, l, "gates", "gates");
            w.Line("// hₜ = tanh(a), a register of units at a time.");
            w.Line($"{Lanes}<{TanhType}, {t}>(gates);");
            w.Line("gates.CopyTo(h);");
        }
    }

    private static void WriteLstm(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l)
    {
        string t = plan.T;
        int u1 = l.Units, u2 = 2 * l.Units, u3 = 3 * l.Units;
        w.Line($"// recurrent_{l.Index}, LSTM {l.Inputs} → {l.Units}, one step. Gates in ONNX's order i, o, f, c, each a = xₜ·W + Wb + hₜ₋₁·R + Rb:");
        w.Line("//   iₜ = σ(a_i), oₜ = σ(a_o), fₜ = σ(a_f), c̃ₜ = tanh(a_c);  cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ;  hₜ = oₜ ⊙ tanh(cₜ).");
        w.Line("// gates keeps the four activations (training reads them back). h and c may be hPrevious and cPrevious themselves:");
        w.Line("// both are read (by the products, and per unit) before they are written.");
        using (w.Block($"private void Recurrent{l.Index}({ReadOnlySpan}<{t}> x, {ReadOnlySpan}<{t}> hPrevious, {ReadOnlySpan}<{t}> cPrevious, {Span}<{t}> gates, {Span}<{t}> h, {Span}<{t}> c)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            WriteSummedBiases(w, l);
            WriteProducts(w, l, "gates", "gates");
            w.Line($"// i, o, f = σ(a) and c̃ = tanh(a), a register of units at a time.");
            w.Line($"{Lanes}<{SigmoidType}, {t}>(gates.Slice(0, {u3}));");
            w.Line($"{Lanes}<{TanhType}, {t}>(gates.Slice({u3}, {l.Units}));");
            w.Line("// cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ.");
            w.Line($"{Kernels}.Multiply(gates.Slice({u2}, {l.Units}), cPrevious, c);");
            w.Line($"{Kernels}.MultiplyAdd(gates.Slice(0, {l.Units}), gates.Slice({u3}, {l.Units}), c, c);");
            w.Line("// hₜ = oₜ ⊙ tanh(cₜ), squashed in h.");
            w.Line("c.CopyTo(h);");
            w.Line($"{Lanes}<{TanhType}, {t}>(h);");
            w.Line($"{Kernels}.Multiply(h, gates.Slice({u1}, {l.Units}), h);");
        }
    }

    private static void WriteGru(SourceWriter w, RecurrentPlan plan, RecurrentLayerLayout l)
    {
        string t = plan.T;
        int u1 = l.Units, u2 = 2 * l.Units;
        w.Line($"// recurrent_{l.Index}, GRU {l.Inputs} → {l.Units}, one step, gates in ONNX's order z, r, h, linear_before_reset = 1:");
        w.Line("//   zₜ = σ(xₜ·W_z + Wb_z + hₜ₋₁·R_z + Rb_z),  rₜ = σ(xₜ·W_r + Wb_r + hₜ₋₁·R_r + Rb_r),");
        w.Line("//   h̃ₜ = tanh(xₜ·W_h + Wb_h + rₜ ⊙ (hₜ₋₁·R_h + Rb_h)),  hₜ = (1 − zₜ) ⊙ h̃ₜ + zₜ ⊙ hₜ₋₁.");
        w.Line("// gates keeps z, r, h̃ (training reads them back), recurrent the three products hₜ₋₁·R + Rb.");
        w.Line("// h may be hPrevious itself (Step updates the state in place): hPrevious is read by its product, then by the element-wise\n// subtraction that overwrites it.");
        using (w.Block($"private void Recurrent{l.Index}({ReadOnlySpan}<{t}> x, {ReadOnlySpan}<{t}> hPrevious, {Span}<{t}> gates, {Span}<{t}> recurrent, {Span}<{t}> h)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            w.Line($"// Input side of all three gates as one wide product: gates = Wb + xₜ·W ({l.Inputs} × {l.Width}).");
            w.Line($"p.Slice({l.InputBiasOffset}, {l.Width}).CopyTo(gates);");
            w.Line($"{Kernels}.MultiplyAdd(x, p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), gates);");
            w.Line($"// Recurrent side, kept apart because rₜ scales its h part: recurrent = Rb + hₜ₋₁·R ({l.Units} × {l.Width}).");
            w.Line($"p.Slice({l.RecurrentBiasOffset}, {l.Width}).CopyTo(recurrent);");
            w.Line($"{Kernels}.MultiplyAdd(hPrevious, p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), recurrent);");
            w.Line("// zₜ and rₜ: both sides summed, then σ a register of units at a time.");
            w.Line($"{Kernels}.Add(gates.Slice(0, {u2}), recurrent.Slice(0, {u2}), gates.Slice(0, {u2}));");
            w.Line($"{Lanes}<{SigmoidType}, {t}>(gates.Slice(0, {u2}));");
            w.Line("// h̃ₜ: the reset gate scales the recurrent side, then tanh.");
            w.Line($"{Span}<{t}> candidate = gates.Slice({u2}, {l.Units});");
            w.Line($"{Kernels}.MultiplyAdd(gates.Slice({u1}, {l.Units}), recurrent.Slice({u2}, {l.Units}), candidate, candidate);");
            w.Line($"{Lanes}<{TanhType}, {t}>(candidate);");
            w.Line("// hₜ = (1 − zₜ) ⊙ h̃ₜ + zₜ ⊙ hₜ₋₁ = zₜ ⊙ (hₜ₋₁ − h̃ₜ) + h̃ₜ.");
            w.Line($"{Kernels}.Subtract(hPrevious, candidate, h);");
            w.Line($"{Kernels}.MultiplyAdd(gates.Slice(0, {l.Units}), h, candidate, h);");
        }
    }

    // RNN and LSTM need only the sum of the two biases.
    private static void WriteSummedBiases(SourceWriter w, RecurrentLayerLayout l)
    {
        w.Line($"// All gates at once: gates = Wb + Rb, then += xₜ·W ({l.Inputs} × {l.Width}) and += hₜ₋₁·R ({l.Units} × {l.Width}), two wide products.");
        w.Line($"{Kernels}.Add(p.Slice({l.InputBiasOffset}, {l.Width}), p.Slice({l.RecurrentBiasOffset}, {l.Width}), gates);");
    }

    private static void WriteProducts(SourceWriter w, RecurrentLayerLayout l, string inputSide, string recurrentSide)
    {
        w.Line($"{Kernels}.MultiplyAdd(x, p.Slice({l.InputWeightOffset}, {l.Inputs * l.Width}), {inputSide});");
        w.Line($"{Kernels}.MultiplyAdd(hPrevious, p.Slice({l.RecurrentWeightOffset}, {l.Units * l.Width}), {recurrentSide});");
    }

    private static void WriteDense(SourceWriter w, RecurrentPlan plan)
    {
        string t = plan.T;
        w.Line("// The dense layers after the recurrent stack, for one step: layer_d = f_d(bias + layer_(d−1)·synapse),");
        w.Line("// layer_0 being the last recurrent layer's h. hidden holds the dense hidden layers one after another.");
        using (w.Block($"private void Dense({ReadOnlySpan}<{t}> h, {Span}<{t}> hidden, {Span}<{t}> output)"))
        {
            w.Line($"{ReadOnlySpan}<{t}> p = _parameters;");
            int hiddenOffset = 0;
            string previous = "h";
            foreach (SynapseLayout s in plan.Dense.Synapses)
            {
                int d = s.Index + 1;
                bool last = d == plan.LastDense;
                string name = last ? "output" : $"layer{d}";
                string activation = plan.Activation(d);
                string f = last && plan.SoftmaxOutput ? "softmax" : Short(activation);
                w.Line($"// {(last ? "output" : $"layer_{d}")} = {f}({(s.HasBias ? $"bias_{s.Index} + " : string.Empty)}{(s.Index == 0 ? "h" : $"layer_{s.Index}")}·synapse_{s.Index}), {s.Rows} × {s.Columns}.");
                if (!last)
                {
                    w.Line($"{Span}<{t}> {name} = hidden.Slice({hiddenOffset}, {s.Columns});");
                    hiddenOffset += s.Columns;
                }

                w.Line(s.HasBias ? $"p.Slice({s.BiasOffset}, {s.Columns}).CopyTo({name});" : $"{name}.Clear();");
                w.Line($"{Kernels}.MultiplyAdd({previous}, p.Slice({s.WeightOffset}, {s.WeightCount}), {name});");
                if (last && plan.SoftmaxOutput)
                {
                    w.Line($"{activation}.Apply({name});");
                }
                else if (!IsLinear(activation))
                {
                    using (w.Block($"for (int j = 0; j < {s.Columns}; j++)"))
                    {
                        w.Line($"{name}[j] = {Activate(plan, activation, $"{name}[j]")};");
                    }
                }

                previous = name;
            }
        }
    }

    private static bool IsLinear(string activation) => activation == "global::GenNet.Activations.Linear";

    private static string Activate(RecurrentPlan plan, string activation, string x) =>
        plan.Spec.ActivationsByName ? $"{activation}.Activate({x})" : $"ActivateWith<{activation}>({x})";

    private static string Slope(RecurrentPlan plan, string activation, string y) =>
        plan.Spec.ActivationsByName ? $"{activation}.DerivativeFromOutput({y})" : $"SlopeWith<{activation}>({y})";
}
