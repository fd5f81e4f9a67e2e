using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>The statements every kernel body writes around the loss, from the network's <see cref="LossPlan"/>.</summary>
internal static class LossFragments
{
    /// <summary>
    /// Declares <c>errorTerms</c>, the sum of the reported error's rows × OutputCount terms. numpy's <c>np.mean</c> and
    /// <c>np.sum</c> add an array pairwise, not left to right; <c>GenNet.CompilerServices.NumpySum</c> adds the terms in numpy's
    /// order as the rows produce them, so the error is numpy's bit for bit. <see cref="WriteErrorSum"/> reads it.
    /// </summary>
    public static void WriteErrorTerms(SourceWriter w, NetworkPlan plan)
    {
        w.Line($"// The reported error is {plan.Loss.NumpyExpression(plan.Last)}, and numpy sums an array pairwise (pairwise_sum),");
        w.Line("// not left to right: errorTerms adds the rows × OutputCount terms in numpy's order as the rows produce them.");
        w.Line($"var errorTerms = new global::GenNet.CompilerServices.NumpySum<{plan.T}>(rows * OutputCount);");
    }

    /// <summary>Declares <c>errorSum</c>, the total of <see cref="WriteErrorTerms"/>'s terms, once all rows are done.</summary>
    public static void WriteErrorSum(SourceWriter w, NetworkPlan plan) =>
        w.Line($"{plan.T} errorSum = errorTerms.Total;");

    /// <summary>Scales the summed gradient to the loss's normalisation and returns the reported error.</summary>
    public static void WriteScaleAndReturn(SourceWriter w, NetworkPlan plan)
    {
        if (plan.Loss.GradientScale is string scale)
        {
            w.Line($"global::GenNet.CompilerServices.Kernels.Scale(gradient, {scale});");
        }

        w.Line($"return {plan.Loss.ReturnedError};");
    }
}
