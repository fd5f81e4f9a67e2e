namespace GenNet.Generator.Emit;

/// <summary>Attributes written on generated methods.</summary>
internal static class MethodAttributes
{
    /// <summary>
    /// The attribute on the methods a training step runs (TrainStep, TrainStepUnchecked, Backpropagate and what it
    /// calls per block of rows): compiled fully optimised on the first call instead of as tier-0 code that tiered
    /// compilation replaces only after its 100 ms delay, most of a short run. Dynamic PGO does not instrument them.
    /// </summary>
    public const string HotMethod = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";
}
