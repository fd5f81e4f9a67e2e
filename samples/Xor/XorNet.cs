using GenNet;

namespace GenNet.Samples.Xor;

/// <summary>The blog's 3-4-1 network: 3 inputs (the third a constant 1), 4 hidden sigmoid neurons, 1 output.</summary>
// NumpyCompatible: numpy's operations in numpy's order, so the sample prints the blog's numbers exactly.
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Precision = NetworkPrecision.Double, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class XorNet
{
}
