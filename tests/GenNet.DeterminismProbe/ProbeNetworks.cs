using GenNet;
using GenNet.Activations;

namespace GenNet.DeterminismProbe;

/// <summary>The blog's network in numpy order: Math.Exp (the platform's C library) is its only dependency.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class ExactSigmoid { }

/// <summary>The cross-machine reproducible configuration: numpy order, PortableSigmoid and ReLU, Adam, mini-batches.</summary>
[Network(Inputs = 4, HiddenLayers = new[] { 8, 6 }, Outputs = 3, Activations = new[] { typeof(PortableSigmoid), typeof(ReLU), typeof(PortableSigmoid) },
         Loss = LossFunction.MeanSquaredError, Initialization = WeightInitialization.Xavier, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class ExactPortable { }

/// <summary>Numpy order with tanh (the C library's) and softmax (TensorPrimitives' vectorised exp).</summary>
[Network(Inputs = 4, Hidden = 7, Outputs = 3, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class ExactSoftmax { }

/// <summary>The fast path with SIMD lanes across rows.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.Fast)]
public partial class FastLanes { }

/// <summary>The fast path with register-tiled kernels.</summary>
[Network(Inputs = 40, HiddenLayers = new[] { 33, 17 }, Outputs = 5, Arithmetic = NetworkArithmetic.Fast)]
public partial class FastBlocked { }

/// <summary>The cross-machine reproducible configuration with tangent layers and a linear output.</summary>
[Network(Inputs = 4, HiddenLayers = new[] { 9, 5 }, Outputs = 2, Activations = new[] { typeof(PortableTanh), typeof(PortableTanh), typeof(Linear) },
         Loss = LossFunction.MeanSquaredError, Initialization = WeightInitialization.Xavier, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class ExactPortableTanh { }

/// <summary>A cross-machine reproducible classifier: portable tangent and softmax, categorical cross-entropy.</summary>
[Network(Inputs = 4, Hidden = 10, Outputs = 3, HiddenActivation = typeof(PortableTanh), OutputActivation = typeof(PortableSoftmax),
         Loss = LossFunction.CategoricalCrossEntropy, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class ExactPortableSoftmax { }
