using GenNet;
using GenNet.Activations;

namespace GenNet.Tests.Networks;

// Pairs of the same network in both arithmetics, to check the fast path (SIMD lanes across rows for small networks,
// register-tiled kernels for large ones) against the scalar numpy-order path.

// Lanes: every synapse at most 256 weights.
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
public partial class LanesXor { }

[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class LanesXorExact { }

[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, HiddenActivation = typeof(Tanh), Loss = LossFunction.MeanSquaredError)]
public partial class LanesDeep { }

[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, HiddenActivation = typeof(Tanh), Loss = LossFunction.MeanSquaredError, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class LanesDeepExact { }

[Network(Inputs = 4, Hidden = 9, Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class LanesSoftmax { }

[Network(Inputs = 4, Hidden = 9, Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class LanesSoftmaxExact { }

[Network(Inputs = 6, Hidden = 5, Outputs = 2, Loss = LossFunction.BinaryCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class LanesBceSingle { }

[Network(Inputs = 6, Hidden = 5, Outputs = 2, Loss = LossFunction.BinaryCrossEntropy, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class LanesBceSingleExact { }

// Blocked: a synapse over 256 weights.
[Network(Inputs = 40, HiddenLayers = new[] { 33, 17 }, Outputs = 5, HiddenActivation = typeof(ReLU))]
public partial class BlockedDeep { }

[Network(Inputs = 40, HiddenLayers = new[] { 33, 17 }, Outputs = 5, HiddenActivation = typeof(ReLU), Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlockedDeepExact { }

[Network(Inputs = 70, Hidden = 19, Outputs = 10, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class BlockedSoftmaxSingle { }

[Network(Inputs = 70, Hidden = 19, Outputs = 10, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlockedSoftmaxSingleExact { }

[Network(Inputs = 50, Hidden = 24, Outputs = 3, Bias = false)]
public partial class BlockedSse { }

[Network(Inputs = 50, Hidden = 24, Outputs = 3, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlockedSseExact { }
