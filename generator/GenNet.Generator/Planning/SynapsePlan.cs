namespace GenNet.Generator.Planning;

/// <summary>
/// One weight matrix: <c>synapse_s</c>, Rows × Columns, row-major at <see cref="Offset"/>, followed by its
/// Columns bias values when the network has bias units (the layout of an extra last row).
/// </summary>
/// <param name="Normalized">True when the layer this synapse feeds is batch-normalised: γ and β follow the bias.</param>
/// <param name="StatisticsOffset">Where that layer's running mean and variance start; -1 when not normalised.</param>
/// <param name="ForceLoops">True when the network trains layer by layer (batch normalisation), which uses loops only.</param>
/// <param name="OverUnrollBudget">True when the synapses before it already unroll <see cref="NetworkPlan.UnrollBudget"/>
/// weights, so this one loops although it is small.</param>
internal sealed record SynapsePlan(int Index, int Rows, int Columns, int Offset, bool HasBias, bool Normalized = false, int StatisticsOffset = -1, bool ForceLoops = false, bool OverUnrollBudget = false)
{
    public int WeightCount => Rows * Columns;

    /// <summary>Weights, biases and, for a normalised layer, γ and β.</summary>
    public int Count => WeightCount + (HasBias ? Columns : 0) + (Normalized ? 2 * Columns : 0);

    /// <summary>One statement per neuron with constant indices, rather than loops.</summary>
    public bool Unrolled => !ForceLoops && !OverUnrollBudget && WeightCount <= NetworkPlan.UnrollLimit;

    /// <summary>Start of the scale γ of the normalised layer.</summary>
    public int GammaOffset => BiasOffset + (HasBias ? Columns : 0);

    /// <summary>Start of the shift β of the normalised layer.</summary>
    public int BetaOffset => GammaOffset + Columns;

    public int BiasOffset => Offset + WeightCount;

    /// <summary>Index of weight [i, j] in the parameter array.</summary>
    public int At(int i, int j) => Offset + (i * Columns) + j;

    /// <summary>Index of the bias of neuron j of the next layer.</summary>
    public int BiasAt(int j) => BiasOffset + j;
}
