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
    }

    private static void WritePrediction(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        string activations = ActivationArguments(plan);

        w.Line("/// <summary>Runs one row forward through the network.</summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives exactly <see cref=\"OutputCount\"/> values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <remarks>Allocates nothing and only reads the weights, so any number of threads may predict at once.</remarks>");
        using (w.Block($"public void Predict(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> output)"))
        {
            w.Line("global::GenNet.Guard.Length(input, InputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(output, OutputCount);");
            w.Line($"ForwardRows<{activations}>(input, output, 1);");
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
            w.Line($"ForwardRows<{activations}>(inputs, outputs, rows);");
        }

        w.Line();
    }

    private static void WriteTraining(SourceWriter w, SimdPlan simd)
    {
        NetworkPlan plan = simd.Plan;
        string t = plan.T;
        string activations = ActivationArguments(plan);

        w.Line("/// <summary>");
        w.Line("/// Computes the full-batch gradient of <c>E = ½ Σ (output − target)²</c> (summed over rows and outputs)");
        w.Line("/// into <paramref name=\"gradient\"/>, without changing the weights.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line("/// <returns>The mean absolute error of this forward pass, <c>mean(|output − target|)</c>.</returns>");
        using (w.Block($"public {t} ComputeGradient(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient)"))
        {
            w.Line("int rows = global::GenNet.Guard.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(gradient, ParameterCount);");
            w.Line($"return Backpropagate<{activations}>(inputs, targets, gradient, rows);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent, the blog's training loop body:");
        w.Line("/// <c>synapse −= learningRate · ∂E/∂synapse</c> for every synapse, all gradients taken before any update.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"learningRate\">The blog's alpha; positive and finite.</param>");
        w.Line("/// <returns>The mean absolute error of the forward pass before the update (the number the blog prints).</returns>");
        using (w.Block($"public {t} TrainStep(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, {t} learningRate)"))
        {
            w.Line("int rows = global::GenNet.Guard.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line("global::GenNet.Guard.LearningRate(learningRate);");
            w.Line($"{t} error = Backpropagate<{activations}>(inputs, targets, _gradient, rows);");
            w.Line($"global::GenNet.Numerics.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
    }

    public static string ActivationParameters(NetworkPlan plan) =>
        string.Join(", ", Enumerable.Range(1, plan.Last).Select(plan.ActivationType));

    public static string ActivationArguments(NetworkPlan plan) => string.Join(", ", plan.Spec.Activations);

    public static void WriteConstraints(SourceWriter w, NetworkPlan plan, bool withLanes)
    {
        w.Indent();
        if (withLanes)
        {
            w.Line($"where TLanes : struct, global::GenNet.Numerics.Lanes.ILanes<TLanes, {plan.T}>");
        }

        for (int l = 1; l <= plan.Last; l++)
        {
            w.Line($"where {plan.ActivationType(l)} : struct, global::GenNet.Activations.IActivation");
        }

        w.Unindent();
    }
}
