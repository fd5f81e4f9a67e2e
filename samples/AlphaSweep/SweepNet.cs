using GenNet;

namespace GenNet.Samples.AlphaSweep;

/// <summary>Part 2's 3-4-1 network: 3 inputs (the third a constant 1 instead of a bias), 4 hidden sigmoids, 1 output.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class SweepNet
{
}
