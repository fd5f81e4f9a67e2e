using GenNet;
using GenNet.Activations;

namespace GenNet.Tests.Networks;

// Shapes chosen to cover every code path of the emitter: fully unrolled, two-layer (no hidden layer),
// loops, a mix of unrolled and loop synapses, several outputs, float, scratch too big for the stack, with
// and without bias units, several hidden layers, every activation and every loss.

[Network(Inputs = 2, Hidden = 3, Outputs = 2, Bias = false)]
public partial class Net2x3x2 { }

[Network(Inputs = 5, Hidden = 7, Outputs = 3)]
public partial class Net5x7x3 { }

[Network(Inputs = 4, Outputs = 3)]
public partial class Net4x3 { }

[Network(Inputs = 40, Hidden = 30, Outputs = 3)]
public partial class Net40x30x3 { }

[Network(Inputs = 6, Hidden = 50, Outputs = 30, Bias = false)]
public partial class Net6x50x30 { }

[Network(Inputs = 3, Hidden = 1100, Outputs = 1000)]
public partial class Net3x1100x1000 { }

[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
public partial class Net3x4x1 { }

[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Precision = NetworkPrecision.Single)]
public partial class Net3x4x1Single { }

[Network(Inputs = 40, Hidden = 30, Outputs = 3, Precision = NetworkPrecision.Single)]
public partial class Net40x30x3Single { }

[Network(Inputs = 4, HiddenLayers = new[] { 6, 5 }, Outputs = 3, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class DeepTanhRegression { }

[Network(Inputs = 5, HiddenLayers = new[] { 8, 7, 6 }, Outputs = 4, Activations = new[] { typeof(LeakyReLU), typeof(Sigmoid), typeof(Tanh), typeof(Softmax) }, Loss = LossFunction.CategoricalCrossEntropy)]
public partial class MixedSoftmaxClassifier { }

[Network(Inputs = 3, Hidden = 9, Outputs = 2, HiddenActivation = typeof(ReLU), Loss = LossFunction.BinaryCrossEntropy)]
public partial class ReluBinaryClassifier { }

[Network(Inputs = 30, HiddenLayers = new[] { 40, 50 }, Outputs = 12, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class LoopSoftmaxClassifier { }

[Network(Inputs = 3, Hidden = 5, Outputs = 2, HiddenActivation = typeof(Softplus))]
public partial class CustomActivationNet { }

/// <summary>A user-defined activation: softplus, log(1 + eˣ), whose derivative from the output y is 1 − e^(−y).</summary>
public readonly struct Softplus : IActivation
{
    public static T Activate<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(x));

    public static T DerivativeFromOutput<T>(T y) where T : System.Numerics.IFloatingPointIeee754<T> => T.One - T.Exp(-y);
}

[Network(Inputs = 20, HiddenLayers = new[] { 30, 10 }, Outputs = 4, HiddenActivation = typeof(ReLU), Initialization = WeightInitialization.He)]
public partial class HeInitialized { }

[Network(Inputs = 20, Hidden = 30, Outputs = 4, HiddenActivation = typeof(Tanh), Initialization = WeightInitialization.Xavier)]
public partial class XavierInitialized { }

[Network(Inputs = 4, Hidden = 10, Outputs = 3, Dropout = 0.5)]
public partial class DropoutNet { }

// DropoutNet without dropout: the same parameters, for the equivalence check (in the scalar arithmetic that a
// network with dropout always uses).
[Network(Inputs = 4, Hidden = 10, Outputs = 3, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class DropoutReference { }

[Network(Inputs = 30, HiddenLayers = new[] { 40, 35 }, Outputs = 3, Dropout = 0.3, HiddenActivation = typeof(Tanh), Precision = NetworkPrecision.Single)]
public partial class DeepDropoutNet { }

[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, BatchNormalization = true, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class BatchNormRegression { }

[Network(Inputs = 4, Hidden = 6, Outputs = 3, Bias = false, BatchNormalization = true, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class BatchNormClassifier { }

// Small enough for the test to write its forward pass out by hand.
[Network(Inputs = 2, Hidden = 3, Outputs = 1, BatchNormalization = true, HiddenActivation = typeof(Linear), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class BatchNormTiny { }

// numpy's reported errors for these, and for the blog's BlogNet3x4x1, are in Reference/numpy-pairwise.json
// (Blog/ReportedErrorTests): several outputs, an output layer in a span, and the mean squared error.
[Network(Inputs = 3, Hidden = 5, Outputs = 3, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrder3x5x3 { }

[Network(Inputs = 3, Hidden = 40, Outputs = 30, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrder3x40x30 { }

[Network(Inputs = 3, Hidden = 4, Outputs = 2, Bias = false, Loss = LossFunction.MeanSquaredError, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrderMse { }

// numpy's order in float and with the cross-entropies, whose reported errors ReportedErrorTests recompute from
// PredictBatch's outputs and NumpySum.
[Network(Inputs = 3, Hidden = 6, Outputs = 4, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrderSingle { }

[Network(Inputs = 3, Hidden = 5, Outputs = 2, Loss = LossFunction.BinaryCrossEntropy, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrderBinary { }

[Network(Inputs = 4, Hidden = 8, Outputs = 5, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class NumpyOrderSoftmaxSingle { }

// Activations whose derivative needs the input (IActivationFromInput): hidden layer in locals, output layer (the loss's
// slope), and a hidden layer in a span (its synapses loop).
[Network(Inputs = 3, Hidden = 5, Outputs = 2, HiddenActivation = typeof(SiLU))]
public partial class SiluNet { }

[Network(Inputs = 4, HiddenLayers = new[] { 6 }, Outputs = 3, Activations = new[] { typeof(GELU), typeof(GELU) }, Loss = LossFunction.MeanSquaredError)]
public partial class GeluNet { }

[Network(Inputs = 40, Hidden = 30, Outputs = 3, HiddenActivation = typeof(SiLU))]
public partial class SiluLoopNet { }
