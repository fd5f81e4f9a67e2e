using GenNet;

namespace GenNet.Tests.Networks;

// Networks at the limits the attribute accepts (layers of 1 to 65,536 neurons, up to 64 hidden layers, up to
// 16,777,216 parameters) and at the limits the emitter sets itself (neurons in locals, weights in SIMD lanes), for the
// small-stack tests in Hardening/StackBoundTests.cs. Arithmetic is stated so that they do not move with the default.

/// <summary>The widest layers and exactly the largest parameter count: 65,536 × 128 × 2 = 16,777,216 weights.</summary>
[Network(Inputs = 65536, Hidden = 128, Outputs = 65536, Bias = false, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.Fast)]
public partial class MaximumFast { }

/// <inheritdoc cref="MaximumFast"/>
[Network(Inputs = 65536, Hidden = 128, Outputs = 65536, Bias = false, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class MaximumExact { }

/// <summary>The deepest network: 64 hidden layers.</summary>
[Network(Inputs = 8, HiddenLayers = new[]
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
}, Outputs = 4, HiddenActivation = typeof(GenNet.Activations.Tanh), Arithmetic = NetworkArithmetic.Fast)]
public partial class DeepestFast { }

/// <summary>The deepest network in numpy order (loops: every synapse over the unrolling limit).</summary>
[Network(Inputs = 8, HiddenLayers = new[]
{
    40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40,
    40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40,
}, Outputs = 4, HiddenActivation = typeof(GenNet.Activations.Tanh), Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class DeepestExact { }

/// <summary>The most the numpy-order path holds in locals: 1,024 hidden neurons (and deltas), sums of 1,024 terms.</summary>
[Network(Inputs = 1, Hidden = 1024, Outputs = 1, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class MostLocalsExact { }

/// <summary>The most the fast path unrolls into SIMD lanes: 256 weights, 128 neurons in lane-wide locals.</summary>
[Network(Inputs = 1, Hidden = 128, Outputs = 1, Arithmetic = NetworkArithmetic.Fast)]
public partial class MostLanesFast { }
