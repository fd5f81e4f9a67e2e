using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    private static void WriteTraining(SourceWriter w, NetworkPlan plan, KernelBodies bodies)
    {
        string t = plan.T;
        w.Line("/// <summary>");
        w.Line($"/// Computes the gradient of {plan.Loss.Text} over all rows");
        w.Line("/// into <paramref name=\"gradient\"/>, without changing the weights.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line($"/// <returns>{plan.Loss.Reported} of this forward pass.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line(plan.Loss.TargetRule is string rule
            ? $"/// sizes), a value is NaN or infinite (the message names its row and column), or {rule}.</exception>"
            : "/// sizes), or a value is NaN or infinite (the message names its row and column).</exception>");

        // Dropout draws from the network's mask stream and batch normalisation moves its running statistics: with
        // either, computing a gradient changes the network, so it takes the training lock like TrainStep.
        bool stateful = plan.HasDropout || plan.HasBatchNorm;
        if (stateful)
        {
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        }

        using (w.Block($"public {t} ComputeGradient(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient)"))
        {
            w.Line("int rows = global::GenNet.CompilerServices.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            WriteTargetCheck(w, plan);
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(gradient, ParameterCount);");
            TrainingLockFragment.With(w, stateful, () => w.Line($"return {bodies.BackpropagateCall("gradient")};"));
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent, the blog's training loop body:");
        w.Line($"/// <c>parameters −= learningRate · ∂E/∂parameters</c> for {plan.Loss.Text}, all gradients taken before any update.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"learningRate\">The blog's alpha; positive and finite.</param>");
        w.Line($"/// <returns>{plan.Loss.Reported} of the forward pass before the update.</returns>");
        WriteTrainSteps(w, plan, bodies);
    }

    /// <summary>
    /// The public <c>TrainStep</c> (its XML docs written just before) and the explicit
    /// <c>ITrainableNetwork&lt;T&gt;.TrainStepUnchecked</c>, around the same <paramref name="step"/>: the first checks
    /// sizes, finiteness and the learning rate and takes the training lock on every call; the second, which
    /// <c>Trainer</c> calls after checking the data and options once and while it holds the lock for the whole run,
    /// checks sizes (so the unchecked reads stay in bounds) and that the calling thread holds the lock. TrainStep refuses
    /// a step whose error or updated weights are not finite, with the network as it was; Trainer, which has its own
    /// policy for that (<c>StopOnDivergence</c>), gets the plain update.
    /// </summary>
    private static void WriteTrainSteps(SourceWriter w, NetworkPlan plan, KernelBodies bodies)
    {
        string t = plan.T;
        string parameters = $"(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, {t} learningRate)";
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), a value is NaN or infinite (the message names its row and column)" + (plan.Loss.TargetRule is string rule ? ", " + rule : string.Empty) + ", or the learning rate is not positive and finite.</exception>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        w.Line("/// <exception cref=\"global::System.NotFiniteNumberException\">The step's error or an updated weight would be NaN or infinite");
        w.Line("/// (a learning rate or inputs too large): the step was not applied and the network is as it was before the call.</exception>");
        w.Line(MethodAttributes.HotMethod);
        using (w.Block($"public {t} TrainStep{parameters}"))
        {
            w.Line("int rows = global::GenNet.CompilerServices.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            WriteTargetCheck(w, plan);
            w.Line("global::GenNet.CompilerServices.Guard.LearningRate(learningRate);");
            TrainingLockFragment.With(w, true, () => WriteCheckedStep(w, plan, bodies));
        }

        w.Line();
        w.Line("// TrainStep for GenNet's Trainer, which checks the data's values and the learning rate once per run and holds the");
        w.Line("// training lock for the whole run: only the sizes, and that this thread holds the lock, are checked here.");
        w.Line(MethodAttributes.HotMethod);
        using (w.Block($"{t} global::GenNet.ITrainableNetwork<{t}>.TrainStepUnchecked{parameters}"))
        {
            w.Line("int rows = global::GenNet.CompilerServices.Guard.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line("global::GenNet.CompilerServices.TrainingLock.EnsureHeld(this);");
            w.Line($"{t} error = {bodies.BackpropagateCall("_gradient")};");
            w.Line($"global::GenNet.CompilerServices.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
    }

    private static void WriteTargetCheck(SourceWriter w, NetworkPlan plan)
    {
        if (plan.Loss.TargetCheck is string check)
        {
            w.Line(check);
        }
    }

    // The body of TrainStep: the step is applied only when its error and every updated weight are finite; otherwise
    // the weights (and batch normalisation's running statistics) are put back and the caller gets an exception.
    private static void WriteCheckedStep(SourceWriter w, NetworkPlan plan, KernelBodies bodies)
    {
        string t = plan.T;
        int normalized = plan.HasBatchNorm ? plan.NormalizedNeurons : 0;
        Scratch.WithConstant(w, plan, 2 * normalized, () =>
        {
            if (normalized > 0)
            {
                w.Line("// The step moves the running statistics: keep them, to put back if the step is refused.");
                w.Line("global::System.MemoryExtensions.CopyTo(_runningMean, scratch);");
                w.Line($"global::System.MemoryExtensions.CopyTo(_runningVariance, scratch.Slice({normalized}));");
            }

            w.Line($"{t} error = {bodies.BackpropagateCall("_gradient")};");
            w.Line("// A step that would leave the error or a weight NaN or infinite is not applied (TryApply puts the weights back).");
            using (w.Block($"if (!{t}.IsFinite(error) || !global::GenNet.CompilerServices.GradientDescent.TryApply<{t}>(_parameters, _gradient, learningRate))"))
            {
                if (normalized > 0)
                {
                    w.Line($"scratch.Slice(0, {normalized}).CopyTo(_runningMean);");
                    w.Line($"scratch.Slice({normalized}).CopyTo(_runningVariance);");
                }

                w.Line("global::GenNet.CompilerServices.GradientDescent.ThrowStepNotFinite(error);");
            }

            w.Line();
            w.Line("return error;");
        });
    }
}
