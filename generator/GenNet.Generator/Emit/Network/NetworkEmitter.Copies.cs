using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    // Predicting while another thread trains: copies of the weights taken as of a whole step, under the training lock.
    private static void WriteCopies(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string type = Identifier(plan.Spec.TypeName);
        string state = plan.HasBatchNorm ? " (and batch normalisation's running statistics)" : string.Empty;
        w.Line("/// <summary>");
        w.Line($"/// Copies this network's weights{state} into <paramref name=\"destination\"/> as of one whole");
        w.Line("/// training step: a step in progress on another thread is waited for, never torn. From a <c>Trainer</c> run's progress");
        w.Line("/// callback (the training thread) the copy is immediate; from another thread during a <c>Trainer</c> run, which holds");
        w.Line("/// the training lock for the whole run, it waits for the run to end.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"destination\">Another network of this class; its weights are replaced.</param>");
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
            string read = plan.HasBatchNorm
                ? $"(Parameters: ({t}[])_parameters.Clone(), Mean: ({t}[])_runningMean.Clone(), Variance: ({t}[])_runningVariance.Clone())"
                : $"({t}[])_parameters.Clone()";
            w.Line($"var copy = global::GenNet.CompilerServices.TrainingLock.Snapshot(this, () => {read});");
            w.Line("global::GenNet.CompilerServices.TrainingLock.Enter(destination);");
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
                w.Line("global::GenNet.CompilerServices.TrainingLock.Exit(destination);");
            }
        }

        w.Line();
        if (!plan.Spec.CanConstruct)
        {
            return;
        }

        w.Line("/// <summary>");
        w.Line($"/// A new {type} holding this network's weights{state} as of one whole training step (see");
        w.Line("/// <see cref=\"CopyWeightsTo\"/>): serve predictions from it on any number of threads while this network trains,");
        w.Line("/// and take a new one to publish newer weights.");
        w.Line("/// </summary>");
        using (w.Block($"public {type} Snapshot()"))
        {
            w.Line($"var snapshot = new {type}();");
            w.Line("CopyWeightsTo(snapshot);");
            w.Line("return snapshot;");
        }

        w.Line();
    }
}
