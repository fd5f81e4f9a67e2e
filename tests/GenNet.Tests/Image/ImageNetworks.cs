using GenNet;
using GenNet.Activations;

namespace GenNet.Tests.Image;

// Conv2D stride 1 padding 1 → max pool → Conv2D stride 2 padding 0 → average pool → dense: 2×10×9 → 3×10×9 → 3×5×4 →
// 4×2×2 → 4×1×1 → 5 → 3.
[Network(InputShape = new[] { 2, 10, 9 }, Convolution = new[] { 3, 4 }, KernelSizes = new[] { 3, 2 }, Strides = new[] { 1, 2 }, Paddings = new[] { 1, 0 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.Average }, Hidden = 5, HiddenActivation = typeof(Tanh), Outputs = 3,
         OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class SmallImageNet { }

// Conv2D stride 2 padding 1, no pooling: 1×8×8 → 2×4×4 → 2 (linear, mean squared error).
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 2 }, KernelSize = 3, Strides = new[] { 2 }, Paddings = new[] { 1 },
         ConvolutionActivation = typeof(Sigmoid), Outputs = 2, OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class StridedImageNet { }

// Conv2D stride 1 padding 0 → average pool, sum of squares (the blog's loss): 3×6×6 → 4×4×4 → 4×2×2 → 2.
[Network(InputShape = new[] { 3, 6, 6 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(Tanh),
         Pooling = PoolingKind.Average, Outputs = 2)]
public partial class AveragePoolImageNet { }

// The LeNet-5 for 28×28 images.
[Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class LeNet5 { }

// A small float classifier for a synthetic task (horizontal or vertical bars in 8×8 images).
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, Hidden = 8, HiddenActivation = typeof(ReLU), Outputs = 2, OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class BarsNet { }

// Dropout on the dense hidden layers of an image network, double: 1×8×8 → conv 3 (3×3, tanh) → max pool → 3×3×3 → 6 → 5 → 3.
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 3 }, KernelSize = 3, ConvolutionActivation = typeof(Tanh),
         Pooling = PoolingKind.Max, HiddenLayers = new[] { 6, 5 }, HiddenActivation = typeof(Tanh), Outputs = 3,
         OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Dropout = 0.3)]
public partial class DropoutImageNet { }

// Grouped and depthwise Conv2D layers, double: 4×7×7 → conv 6 (3×3, 2 groups, padding 1) → max pool → conv 6 (2×2,
// depthwise: 6 groups) → 6×2×2 → 4 → 3.
[Network(InputShape = new[] { 4, 7, 7 }, Convolution = new[] { 6, 6 }, KernelSizes = new[] { 3, 2 }, Paddings = new[] { 1, 0 }, Groups = new[] { 2, 6 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.None }, ConvolutionActivation = typeof(Tanh), Hidden = 4, HiddenActivation = typeof(Tanh),
         Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class GroupedImageNet { }

// Batch normalisation after each Conv2D layer (per channel) and the dense hidden layer (per neuron), double:
// 2×7×7 → conv 3 (3×3, padding 1) → max pool → 3×3×3 → conv 4 (2×2) → 4×2×2 → 5 → 3.
[Network(InputShape = new[] { 2, 7, 7 }, Convolution = new[] { 3, 4 }, KernelSizes = new[] { 3, 2 }, Paddings = new[] { 1, 0 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.None }, ConvolutionActivation = typeof(Tanh), Hidden = 5, HiddenActivation = typeof(Tanh),
         Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, BatchNormalization = true)]
public partial class BatchNormImageNet { }

// Batch normalisation of one strided Conv2D layer with no dense hidden layer, average pooling, mean squared error:
// 1×8×8 → conv 2 (3×3, stride 2, padding 1, sigmoid) → 2×4×4 → average pool → 2×2×2 → 2.
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 2 }, KernelSize = 3, Strides = new[] { 2 }, Paddings = new[] { 1 },
         ConvolutionActivation = typeof(Sigmoid), Pooling = PoolingKind.Average, Outputs = 2, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, BatchNormalization = true)]
public partial class BatchNormStridedImageNet { }

// BarsNet with batch normalisation, float.
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, Hidden = 8, HiddenActivation = typeof(ReLU), Outputs = 2, OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single,
         BatchNormalization = true)]
public partial class BatchNormBarsNet { }
