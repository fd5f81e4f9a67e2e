using GenNet;

namespace GenNet.Samples.Xor;

/// <summary>The blog's 3-4-1 network: 3 inputs (the third a constant 1), 4 hidden sigmoid neurons, 1 output.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Precision = NetworkPrecision.Double)]
public partial class XorNet
{
}
