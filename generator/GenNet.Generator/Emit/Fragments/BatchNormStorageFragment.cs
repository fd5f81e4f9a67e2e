namespace GenNet.Generator.Emit;

/// <summary>
/// Batch normalisation's constants, running statistics and their properties (<c>GenNet.IBatchNormalizedNetwork&lt;T&gt;</c>),
/// the same in every batch-normalised network: dense, image and temporal.
/// </summary>
internal static class BatchNormStorageFragment
{
    /// <param name="w">The writer.</param>
    /// <param name="t">float or double.</param>
    /// <param name="count">Normalised channels (and neurons): the running statistics' length.</param>
    /// <param name="order">What the statistics hold, in order, e.g. "every Conv1D layer's channels, layer after layer".</param>
    public static void Write(SourceWriter w, string t, int count, string order)
    {
        string suffix = t == "float" ? "f" : string.Empty;
        w.Line("/// <summary>The ε added to the variance before its square root in batch normalisation.</summary>");
        w.Line($"public const {t} BatchNormEpsilon = 1e-5{suffix};");
        w.Line();
        w.Line("/// <summary>How far each training step moves the running statistics toward the batch's: running = (1 − m)·running + m·batch.</summary>");
        w.Line($"public const {t} BatchNormMomentum = 0.1{suffix};");
        w.Line();
        w.Line("// The running mean and (unbiased) variance that Predict normalises with, of");
        w.Line($"// {order}.");
        w.Line($"private readonly {t}[] _runningMean = new {t}[{count}];");
        w.Line($"private readonly {t}[] _runningVariance = CreateUnitVariance();");
        w.Line();
        w.Line("/// <summary>The running means that Predict normalises with (training updates them; save and restore them with the");
        w.Line($"/// weights), of {order}.</summary>");
        w.Line($"public global::System.Span<{t}> RunningMean => _runningMean;");
        w.Line();
        w.Line("/// <summary>The running variances that Predict normalises with, in <see cref=\"RunningMean\"/>'s order.</summary>");
        w.Line($"public global::System.Span<{t}> RunningVariance => _runningVariance;");
        w.Line();
        using (w.Block($"private static {t}[] CreateUnitVariance()"))
        {
            w.Line($"var variance = new {t}[{count}];");
            w.Line("global::System.MemoryExtensions.AsSpan(variance).Fill(1);");
            w.Line("return variance;");
        }

        w.Line();
    }
}
