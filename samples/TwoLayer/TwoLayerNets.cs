using GenNet;

namespace GenNet.Samples.TwoLayer;

/// <summary>Part 1's two-layer network: 3 inputs straight to 1 sigmoid output (no hidden layer), <c>syn0</c> is 3×1.</summary>
[Network(Inputs = 3, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class Part1TwoLayerNet
{
}

/// <summary>Part 2's two-layer network: 2 inputs straight to 1 sigmoid output, <c>synapse_0</c> is 2×1.</summary>
[Network(Inputs = 2, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class Part2TwoLayerNet
{
}
