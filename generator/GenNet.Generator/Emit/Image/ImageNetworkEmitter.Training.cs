using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class ImageNetworkEmitter
{
    private static void WriteTraining(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string loss = $"global::GenNet.LossFunction.{plan.Spec.Loss}";
        bool checksTargets = plan.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        w.Line("/// <summary>");
        w.Line($"/// Computes the gradient of the {plan.Spec.Loss} loss over all rows (images) into <paramref name=\"gradient\"/>, without");
        w.Line("/// changing the weights. Rows are taken one after another, so the result does not depend on any thread count.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line("/// <returns>The reported error of this forward pass, as a fully connected network with this loss reports it.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), or a value is NaN or infinite (the message names its row and column).</exception>");
        if (plan.HasBatchNorm)
        {
            w.Line("/// <remarks>Normalises with this batch's statistics and moves the running statistics toward them, so one call at a");
            w.Line("/// time; the overload with <c>maxDegreeOfParallelism</c> spreads the per-row work over threads with the same bits. The");
            w.Line("/// whole batch is held at once, in a buffer rented from the shared pool (allocation-free once warm).</remarks>");
        }
        else if (plan.HasDropout)
        {
            w.Line("/// <remarks>Draws new dropout masks for the dense hidden layers (see <see cref=\"SeedDropout\"/>), so one thread at a time:");
            w.Line("/// <c>GenNet.Training.ParallelGradient</c> refuses a network with dropout. Allocation-free once warm.</remarks>");
        }
        else
        {
            w.Line("/// <remarks>Only reads the weights and writes <paramref name=\"gradient\"/>: chunks of one batch may run on several threads at");
            w.Line("/// once (<c>GenNet.Training.ParallelGradient</c>). Allocation-free once warm.</remarks>");
        }

        using (w.Block($"public {t} ComputeGradient({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient)"))
        {
            w.Line($"int rows = {Guard}.TrainingRows(inputs, InputCount, targets, OutputCount);");
            if (checksTargets)
            {
                w.Line($"{Guard}.Targets(targets, OutputCount, {loss});");
            }

            w.Line($"{Guard}.Length<{t}>(gradient, ParameterCount);");
            w.Line("return Backpropagate(inputs, targets, gradient, rows);");
        }

        w.Line();
        if (plan.HasBatchNorm)
        {
            w.Line("/// <summary>");
            w.Line("/// <see cref=\"ComputeGradient(global::System.ReadOnlySpan{" + t + "}, global::System.ReadOnlySpan{" + t + "}, global::System.Span{" + t + "})\"/> with each layer's per-row work");
            w.Line("/// on up to <paramref name=\"maxDegreeOfParallelism\"/> threads: the same bits on any number of them (chunks of rows fixed by");
            w.Line("/// the batch size, their sums added in chunk order). <c>GenNet.Training.ParallelGradient</c> and <c>Trainer</c> with");
            w.Line("/// <c>MaxDegreeOfParallelism</c> call this.");
            w.Line("/// </summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">As ComputeGradient.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxDegreeOfParallelism\"/> is below 1.</exception>");
            using (w.Block($"public {t} ComputeGradient({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {Span}<{t}> gradient, int maxDegreeOfParallelism)"))
            {
                w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDegreeOfParallelism);");
                w.Line($"int rows = {Guard}.TrainingRows(inputs, InputCount, targets, OutputCount);");
                if (checksTargets)
                {
                    w.Line($"{Guard}.Targets(targets, OutputCount, {loss});");
                }

                w.Line($"{Guard}.Length<{t}>(gradient, ParameterCount);");
                w.Line("return Backpropagate(inputs, targets, gradient, rows, maxDegreeOfParallelism);");
            }

            w.Line();
        }
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent: <c>parameters −= learningRate · ∂E/∂parameters</c>, all gradients taken before");
        w.Line("/// any update (see <see cref=\"ComputeGradient\"/>).");
        w.Line("/// </summary>");
        w.Line("/// <returns>The reported error of the forward pass before the update.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match, a value is NaN or infinite, or the");
        w.Line("/// learning rate is not positive and finite.</exception>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        w.Line("/// <exception cref=\"global::System.NotFiniteNumberException\">The step's error or an updated weight would be NaN or infinite:");
        w.Line("/// the step was not applied and the network is as it was before the call.</exception>");
        using (w.Block($"public {t} TrainStep({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {t} learningRate)"))
        {
            w.Line($"int rows = {Guard}.TrainingRows(inputs, InputCount, targets, OutputCount);");
            if (checksTargets)
            {
                w.Line($"{Guard}.Targets(targets, OutputCount, {loss});");
            }

            w.Line($"{Guard}.LearningRate(learningRate);");
            w.Line($"{Lock}.Enter(this);");
            using (w.Block("try"))
            {
                if (plan.HasBatchNorm)
                {
                    w.Line("// The step moves the running statistics: keep them, to put back if the step is refused.");
                    w.Line($"{Span}<{t}> statistics = _keptStatistics;");
                    w.Line("global::System.MemoryExtensions.CopyTo(_runningMean, statistics);");
                    w.Line("global::System.MemoryExtensions.CopyTo(_runningVariance, statistics.Slice(NormalizedCount));");
                }

                w.Line($"{t} error = Backpropagate(inputs, targets, _gradient, rows);");
                w.Line("// A step that would leave the error or a weight NaN or infinite is not applied (TryApply puts the weights back).");
                using (w.Block($"if (!{t}.IsFinite(error) || !global::GenNet.CompilerServices.GradientDescent.TryApply<{t}>(_parameters, _gradient, learningRate))"))
                {
                    if (plan.HasBatchNorm)
                    {
                        w.Line("statistics.Slice(0, NormalizedCount).CopyTo(_runningMean);");
                        w.Line("statistics.Slice(NormalizedCount).CopyTo(_runningVariance);");
                    }

                    w.Line("global::GenNet.CompilerServices.GradientDescent.ThrowStepNotFinite(error);");
                }

                w.Line();
                w.Line("return error;");
            }

            using (w.Block("finally"))
            {
                w.Line($"{Lock}.Exit(this);");
            }
        }

        w.Line();
        w.Line("// TrainStep for GenNet's Trainer, which checks the data's values and the learning rate once per run and holds the");
        w.Line("// training lock for the whole run: only the sizes, and that this thread holds the lock, are checked here.");
        using (w.Block($"{t} global::GenNet.ITrainableNetwork<{t}>.TrainStepUnchecked({ReadOnlySpan}<{t}> inputs, {ReadOnlySpan}<{t}> targets, {t} learningRate)"))
        {
            w.Line($"int rows = {Guard}.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"{Lock}.EnsureHeld(this);");
            w.Line($"{t} error = Backpropagate(inputs, targets, _gradient, rows);");
            w.Line($"global::GenNet.CompilerServices.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }

        w.Line();
    }

    private static void WriteCopies(SourceWriter w, ImagePlan plan)
    {
        string t = plan.T;
        string type = Identifier(plan.Spec.TypeName);
        w.Line($"/// <summary>Copies this network's weights{(plan.HasBatchNorm ? " (and batch normalisation's running statistics)" : string.Empty)} into <paramref name=\"destination\"/> as of one whole training step: a step in");
        w.Line("/// progress on another thread is waited for, never torn.</summary>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training <paramref name=\"destination\"/>.</exception>");
        using (w.Block($"public void CopyWeightsTo({type} destination)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(destination);");
            using (w.Block("if (ReferenceEquals(destination, this))"))
            {
                w.Line("return;");
            }

            w.Line();
            w.Line("// Read this network under its lock first, then write the destination under its own: never both locks at once.");
            if (plan.HasBatchNorm)
            {
                w.Line($"var copy = {Lock}.Snapshot(this, () => (Parameters: ({t}[])_parameters.Clone(), Mean: ({t}[])_runningMean.Clone(), Variance: ({t}[])_runningVariance.Clone()));");
            }
            else
            {
                w.Line($"var copy = {Lock}.Snapshot(this, () => ({t}[])_parameters.Clone());");
            }

            w.Line($"{Lock}.Enter(destination);");
            using (w.Block("try"))
            {
                if (plan.HasBatchNorm)
                {
                    w.Line("copy.Parameters.CopyTo(destination._parameters, 0);");
                    w.Line("copy.Mean.CopyTo(destination._runningMean, 0);");
                    w.Line("copy.Variance.CopyTo(destination._runningVariance, 0);");
                }
                else
                {
                    w.Line("copy.CopyTo(destination._parameters, 0);");
                }
            }

            using (w.Block("finally"))
            {
                w.Line($"{Lock}.Exit(destination);");
            }
        }

        w.Line();
        if (!plan.Spec.CanConstruct)
        {
            return;
        }

        w.Line($"/// <summary>A new {type} holding this network's weights as of one whole training step (see <see cref=\"CopyWeightsTo\"/>).</summary>");
        using (w.Block($"public {type} Snapshot()"))
        {
            w.Line($"var snapshot = new {type}();");
            w.Line("CopyWeightsTo(snapshot);");
            w.Line("return snapshot;");
        }

        w.Line();
    }
}
