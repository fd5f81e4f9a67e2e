using System.Linq;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the public Predict and training members of a network on the fast path (<c>NetworkArithmetic.Fast</c>):
/// argument checks and scratch memory here, the math in <see cref="BatchSimdEmitter"/> (small networks, SIMD lanes
/// across rows) or <see cref="BlockedLoopEmitter"/> (large networks, register-tiled kernels across neurons).
/// </summary>
internal static class FastPathEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        var simd = new SimdPlan(plan);
        WritePrediction(w, simd);
        WriteTraining(w, simd);
        if (simd.Blocked)
        {
            BlockedLoopEmitter.Write(w, simd);
        }
        else
        {
            BatchSimdEmitter.Write(w, simd);
        }

        RowKernelEmitter.Write(w, new Planning.RowKernelPlan(plan), softmaxAsLanes: !simd.Blocked);
    }

    private static void WritePrediction(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;

        w.Line("/// <summary>Runs one row forward through the network.</summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives exactly <see cref=\"OutputCount\"/> values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <remarks>Allocates nothing and only reads the weights, so any number of threads may predict at once.</remarks>");
        using (w.Block($"public void Predict(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> output)"))
        {
            w.Line("global::GenNet.Guard.Length(input, InputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(output, OutputCount);");
            w.Line("ForwardRow(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input), ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(output));");
        }

        w.Line();
        w.Line("/// <summary>Runs rows forward. Both spans are row-major.</summary>");
        w.Line("/// <param name=\"inputs\">Whole rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"outputs\">Receives one row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same number of whole rows.</exception>");
        w.Line("/// <remarks>Each row's outputs are the ones <see cref=\"Predict\"/> gives for it, bit for bit, whatever the batch.</remarks>");
        using (w.Block($"public void PredictBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs)"))
        {
            w.Line($"int rows = global::GenNet.Guard.Rows<{t}>(inputs, InputCount, outputs, OutputCount);");
            w.Line($"ForwardRows{TypeArguments(plan, null)}(inputs, outputs, rows);");
        }

        w.Line();
    }

    private static void WriteTraining(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;

        w.Line("/// <summary>");
        w.Line($"/// Computes the gradient of {ClassMembersEmitter.LossText(plan)} over all rows");
        w.Line("/// into <paramref name=\"gradient\"/>, without changing the weights.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line($"/// <returns>{ClassMembersEmitter.ReportedText(plan)} of this forward pass.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), or a value is NaN or infinite (the message names its row and column).</exception>");
        using (w.Block($"public {t} ComputeGradient(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient)"))
        {
            w.Line("int rows = global::GenNet.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(gradient, ParameterCount);");
            w.Line($"return Backpropagate{TypeArguments(plan, null)}(inputs, targets, gradient, rows);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent, the blog's training loop body:");
        w.Line($"/// <c>parameters −= learningRate · ∂E/∂parameters</c> for {ClassMembersEmitter.LossText(plan)}, all gradients taken before any update.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"learningRate\">The blog's alpha; positive and finite.</param>");
        w.Line($"/// <returns>{ClassMembersEmitter.ReportedText(plan)} of the forward pass before the update.</returns>");
        ClassMembersEmitter.WriteTrainSteps(w, plan, rows: true, () =>
        {
            w.Line($"{t} error = Backpropagate{TypeArguments(plan, null)}(inputs, targets, _gradient, rows);");
            w.Line($"global::GenNet.Numerics.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        });
    }

    /// <summary>"&lt;TLanes, TActivation1, …&gt;" (the parts that exist), or nothing.</summary>
    public static string TypeParameters(NetworkPlan plan, bool withLanes) =>
        Angle((withLanes ? new[] { "TLanes" } : new string[0]).Concat(plan.ElementwiseLayers.Select(plan.ActivationType)));

    /// <summary>The type arguments matching <see cref="TypeParameters"/>: the lane type, then the activation structs.</summary>
    public static string TypeArguments(NetworkPlan plan, string? lane) =>
        Angle((lane is null ? new string[0] : new[] { lane }).Concat(plan.ElementwiseLayers.Select(l => plan.Spec.Activations[l - 1])));

    private static string Angle(System.Collections.Generic.IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? string.Empty : "<" + joined + ">";
    }

    public static void WriteConstraints(SourceWriter w, NetworkPlan plan, bool withLanes)
    {
        w.Indent();
        if (withLanes)
        {
            w.Line($"where TLanes : struct, global::GenNet.Numerics.Lanes.ILanes<TLanes, {plan.T}>");
        }

        foreach (int l in plan.ElementwiseLayers)
        {
            w.Line($"where {plan.ActivationType(l)} : struct, global::GenNet.Activations.IActivation");
        }

        w.Unindent();
    }
}
