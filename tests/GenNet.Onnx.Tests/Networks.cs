using GenNet;
using GenNet.Activations;

namespace GenNet.Onnx.Tests;

// One network per export path: every activation, bias and no bias, float and double, one hidden layer and several.

/// <summary>The Digits sample's shape: ReLU hidden layer, softmax output, float, bias.</summary>
[Network(Inputs = 64, Hidden = 32, Outputs = 10, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class ClassifierNet { }

/// <summary>Tanh, LeakyReLU and Sigmoid layers, float.</summary>
[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, Activations = new[] { typeof(Tanh), typeof(LeakyReLU), typeof(Sigmoid) },
         Precision = NetworkPrecision.Single)]
public partial class MixedNet { }

/// <summary>Linear output without bias units, float.</summary>
[Network(Inputs = 4, Hidden = 6, Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
         Bias = false, Precision = NetworkPrecision.Single)]
public partial class RegressionNet { }

/// <summary>The blog's network, double, no bias.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
public partial class BlogNet { }

/// <summary>Double with Tanh, ReLU and a softmax output.</summary>
[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, Activations = new[] { typeof(Tanh), typeof(ReLU), typeof(Softmax) },
         Loss = LossFunction.CategoricalCrossEntropy)]
public partial class DoubleClassifierNet { }

/// <summary>The shape of Reference/torch_style_mlp.onnx: 4-5-3, ReLU, softmax, float, bias.</summary>
[Network(Inputs = 4, Hidden = 5, Outputs = 3, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class TorchStyleNet { }

/// <summary>The shape of Reference/matmul_add.onnx: 4-6-2, Tanh, linear output, double, bias.</summary>
[Network(Inputs = 4, Hidden = 6, Outputs = 2, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError)]
public partial class MatMulAddNet { }

/// <summary>A user-defined activation: ONNX has no operator for it.</summary>
[Network(Inputs = 2, Hidden = 3, Outputs = 1, HiddenActivation = typeof(Softsign))]
public partial class CustomActivationNet { }

/// <summary>f(x) = x / (1 + |x|); f' from the output y: (1 − |y|)².</summary>
public readonly struct Softsign : IActivation
{
    public static T Activate<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x / (T.One + T.Abs(x));

    public static T DerivativeFromOutput<T>(T y) where T : System.Numerics.IFloatingPointIeee754<T> => (T.One - T.Abs(y)) * (T.One - T.Abs(y));
}

/// <summary>MixedNet's shape with the portable activations: exported as ONNX's Tanh and Sigmoid.</summary>
[Network(Inputs = 5, HiddenLayers = new[] { 7, 6 }, Outputs = 3, Activations = new[] { typeof(PortableTanh), typeof(LeakyReLU), typeof(PortableSigmoid) },
         Precision = NetworkPrecision.Single)]
public partial class PortableMixedNet { }

/// <summary>ClassifierNet's shape with a portable softmax: exported as ONNX's Softmax.</summary>
[Network(Inputs = 64, Hidden = 32, Outputs = 10, HiddenActivation = typeof(PortableTanh), OutputActivation = typeof(PortableSoftmax),
         Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class PortableClassifierNet { }

/// <summary>The audio model: one sample per step, GRU 16, linear output, float.</summary>
[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class GruSequenceNet { }

/// <summary>Two stacked LSTM layers, a dense tanh layer, a sigmoid output, float.</summary>
[Network(Inputs = 3, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 8, 5 }, Hidden = 6, Outputs = 2,
         HiddenActivation = typeof(Tanh), Precision = NetworkPrecision.Single)]
public partial class StackedLstmNet { }

/// <summary>A plain tanh RNN, float.</summary>
[Network(Inputs = 2, Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 7 }, Outputs = 1, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class RnnSequenceNet { }

/// <summary>Two causal Conv1D layers (kernel 3, dilations 1 and 2, tanh), a dense ReLU layer, a linear output, float.</summary>
[Network(Inputs = 2, Convolution = new[] { 8, 6 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Hidden = 5, HiddenActivation = typeof(ReLU),
         Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class DilatedConvolutionNet { }

/// <summary>One causal Conv1D layer (kernel 4, dilation 3, sigmoid) straight into a linear output, float.</summary>
[Network(Inputs = 3, Convolution = new[] { 5 }, KernelSize = 4, Dilations = new[] { 3 }, ConvolutionActivation = typeof(Sigmoid),
         Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class SigmoidConvolutionNet { }

/// <summary><see cref="SigmoidConvolutionNet"/> with dilation 2: the same shapes, another layer.</summary>
[Network(Inputs = 3, Convolution = new[] { 5 }, KernelSize = 4, Dilations = new[] { 2 }, ConvolutionActivation = typeof(Sigmoid),
         Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class SigmoidConvolutionNetDilation2 { }

/// <summary>Grouped Conv1D layers (4 → 8 in 2 groups, then depthwise 8 → 8) into a dense tanh layer, float.</summary>
[Network(Inputs = 4, Convolution = new[] { 8, 8 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Groups = new[] { 2, 8 },
         Hidden = 3, HiddenActivation = typeof(Tanh), Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
         Precision = NetworkPrecision.Single)]
public partial class GroupedConvolutionNet { }

/// <summary>Strided Conv1D layers (2 → 6, stride 2; 6 → 4, d 2, stride 3), each holding its output between strides, float.</summary>
[Network(Inputs = 2, Convolution = new[] { 6, 4 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Strides = new[] { 2, 3 },
         Hidden = 3, HiddenActivation = typeof(Tanh), Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
         Precision = NetworkPrecision.Single)]
public partial class StridedConvolutionNet { }

/// <summary>Batch-normalised Conv1D layers (2 → 6, 6 → 4 with d 2, tanh) into a linear output, float.</summary>
[Network(Inputs = 2, Convolution = new[] { 6, 4 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Outputs = 2, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single, BatchNormalization = true)]
public partial class NormalizedConvolutionNet { }

/// <summary>Max pooling of 3 after the first Conv1D layer, average pooling of 3 after the second, float.</summary>
[Network(Inputs = 2, Convolution = new[] { 6, 4 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Poolings = new[] { PoolingKind.Max, PoolingKind.Average }, PoolSize = 3,
         Hidden = 3, HiddenActivation = typeof(Tanh), Outputs = 1, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
         Precision = NetworkPrecision.Single)]
public partial class PooledConvolutionNet { }
