namespace GenNet;

/// <summary>What a generated network minimises when it trains.</summary>
public enum LossFunction
{
    /// <summary>
    /// The blog's: <c>E = ½ Σ (output − target)²</c> summed over the batch (not averaged), whose gradient is exactly
    /// the blog's <c>layer_1.T.dot(layer_2_delta)</c>. The reported error is the blog's <c>mean(|output − target|)</c>.
    /// </summary>
    SumSquaredError = 0,

    /// <summary><c>E = mean((output − target)²)</c> over rows and outputs; reported as that mean.</summary>
    MeanSquaredError = 1,

    /// <summary>Binary cross-entropy on sigmoid outputs, averaged over rows; its gradient through a sigmoid output is
    /// <c>(output − target) / rows</c>.</summary>
    BinaryCrossEntropy = 2,

    /// <summary>Categorical cross-entropy on a softmax output layer, averaged over rows; softmax and the loss are fused,
    /// so the gradient is the stable <c>(softmax − target) / rows</c>.</summary>
    CategoricalCrossEntropy = 3,
}
