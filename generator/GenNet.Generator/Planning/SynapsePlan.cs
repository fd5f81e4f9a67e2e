namespace GenNet.Generator.Planning;

/// <summary>
/// One weight matrix, <c>synapse_s</c>: where its values sit (<see cref="Layout"/>, from the <see cref="ParameterLayout"/>
/// the runtime walks too) and how the generated code runs it (unrolled or in loops).
/// </summary>
/// <param name="StatisticsOffset">Where the normalised layer's running mean and variance start; -1 when not normalised.</param>
/// <param name="ForceLoops">True when the network trains layer by layer (batch normalisation), which uses loops only.</param>
/// <param name="OverUnrollBudget">True when the synapses before it already unroll <see cref="NetworkPlan.UnrollBudget"/>
/// weights, so this one loops although it is small.</param>
internal sealed record SynapsePlan(SynapseLayout Layout, int StatisticsOffset = -1, bool ForceLoops = false, bool OverUnrollBudget = false)
{
    public int Index => Layout.Index;

    public int Rows => Layout.Rows;

    public int Columns => Layout.Columns;

    /// <summary>Where the weights start.</summary>
    public int Offset => Layout.WeightOffset;

    public bool HasBias => Layout.HasBias;

    /// <summary>True when the layer this synapse feeds is batch-normalised: γ and β follow the bias.</summary>
    public bool Normalized => Layout.Normalized;

    public int WeightCount => Layout.WeightCount;

    /// <summary>Weights, biases and, for a normalised layer, γ and β.</summary>
    public int Count => Layout.Count;

    /// <summary>One statement per neuron with constant indices, rather than loops.</summary>
    public bool Unrolled => !ForceLoops && !OverUnrollBudget && WeightCount <= NetworkPlan.UnrollLimit;

    /// <summary>Start of the bias values; -1 without bias units.</summary>
    public int BiasOffset => Layout.BiasOffset;

    /// <summary>Start of the scale γ of the normalised layer.</summary>
    public int GammaOffset => Layout.GammaOffset;

    /// <summary>Start of the shift β of the normalised layer.</summary>
    public int BetaOffset => Layout.BetaOffset;

    /// <summary>Index of weight [i, j] in the parameter array.</summary>
    public int At(int i, int j) => Offset + (i * Columns) + j;

    /// <summary>Index of the bias of neuron j of the next layer.</summary>
    public int BiasAt(int j) => BiasOffset + j;
}
