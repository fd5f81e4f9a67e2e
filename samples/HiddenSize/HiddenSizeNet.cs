using GenNet;

namespace GenNet.Samples.HiddenSize;

/// <summary>Part 2's wider network: the same 3 inputs and 1 output with <c>hiddenSize = 32</c>.</summary>
[Network(Inputs = 3, Hidden = 32, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class HiddenSizeNet
{
}
