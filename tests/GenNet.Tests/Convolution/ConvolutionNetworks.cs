using GenNet;
using GenNet.Activations;

namespace GenNet.Tests.Convolution;

// One layer, a dilated two-layer stack, and a stack with a dense hidden layer after it; widths with both whole vectors
// and a remainder at 4 doubles or 8 floats per vector.

[Network(Inputs = 2, Convolution = new[] { 5 }, KernelSize = 3, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class ConvNet { }

[Network(Inputs = 2, Convolution = new[] { 6, 3 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Outputs = 1,
         OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy)]
public partial class DilatedConvNet { }

[Network(Inputs = 3, Convolution = new[] { 4, 9 }, KernelSizes = new[] { 2, 3 }, Dilations = new[] { 3, 2 }, ConvolutionActivation = typeof(Sigmoid),
         HiddenLayers = new[] { 5 }, HiddenActivation = typeof(Tanh), Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class ConvDenseNet { }

[Network(Inputs = 1, Convolution = new[] { 8 }, KernelSize = 3, Outputs = 1, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class StreamingConvNet { }


// Grouped layers: 4 → 6 in 2 groups (K 3, d 1: consecutive taps, each group its own block), 6 → 4 in 2 groups (K 2, d 3).
[Network(Inputs = 4, Convolution = new[] { 6, 4 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 3 }, Groups = new[] { 2, 2 },
         HiddenLayers = new[] { 3 }, HiddenActivation = typeof(Tanh), Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class GroupedConvNet { }

// Depthwise (groups = channels = 3), then an ordinary layer.
[Network(Inputs = 3, Convolution = new[] { 3, 5 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 2, 1 }, Groups = new[] { 3, 1 },
         Outputs = 1, OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy)]
public partial class DepthwiseConvNet { }

// Float, grouped, for the streams: 4 → 8 in 4 groups (d 1), 8 → 8 in 2 groups (d 2).
[Network(Inputs = 4, Convolution = new[] { 8, 8 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Groups = new[] { 4, 2 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class GroupedStreamingConvNet { }

// Strided layers (RTNeural's StridedConv1D: convolve every s-th sample, hold the output in between): 2 → 4 (K 3,
// stride 2) → 3 (K 2, d 2, stride 3) → dense 3 → 2.
[Network(Inputs = 2, Convolution = new[] { 4, 3 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Strides = new[] { 2, 3 },
         HiddenLayers = new[] { 3 }, HiddenActivation = typeof(Tanh), Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class StridedConvNet { }

// An ordinary layer, then a grouped one at half rate: 2 → 4 (K 3) → 4 (K 2, 2 groups, stride 2).
[Network(Inputs = 2, Convolution = new[] { 4, 4 }, KernelSizes = new[] { 3, 2 }, Groups = new[] { 1, 2 }, Strides = new[] { 1, 2 },
         Outputs = 1, OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy)]
public partial class HalfRateConvNet { }

// Batch-normalised Conv1D layers (per channel over the steps of the sequence trained on): 2 → 5 (K 3) → 3 (K 2, d 2) → 2.
[Network(Inputs = 2, Convolution = new[] { 5, 3 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, BatchNormalization = true)]
public partial class NormalizedConvNet { }

// A batch-normalised grouped sigmoid layer into a sigmoid output: 4 → 6 (K 3, 2 groups) → 1.
[Network(Inputs = 4, Convolution = new[] { 6 }, KernelSize = 3, Groups = new[] { 2 }, ConvolutionActivation = typeof(Sigmoid), Outputs = 1,
         OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy, BatchNormalization = true)]
public partial class NormalizedGroupedConvNet { }

// Pooling after Conv1D layers, each window's maximum (or mean) held until the next window completes: 2 → 4 (K 3) → max
// pooling of 3 → 3 (K 2, d 2) → average pooling of 3 → dense 3 → 2.
[Network(Inputs = 2, Convolution = new[] { 4, 3 }, KernelSizes = new[] { 3, 2 }, Dilations = new[] { 1, 2 }, Poolings = new[] { PoolingKind.Max, PoolingKind.Average },
         PoolSize = 3, HiddenLayers = new[] { 3 }, HiddenActivation = typeof(Tanh), Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class PooledConvNet { }
