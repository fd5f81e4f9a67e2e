using GenNet;
using GenNet.Activations;

namespace GenNet.Onnx.Tests;

// Image networks for ONNX export: float (ONNX Runtime runs Conv on float only), every window setting GenNet has.

/// <summary>LeNet-5 for 28×28 images: Conv2D 6 5×5 ReLU → max pool → Conv2D 16 5×5 ReLU → max pool → 120 → 84 → 10.</summary>
[Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class OnnxLeNet5 { }

/// <summary>Stride 1 padding 1 → max pool → stride 2 padding 0, 2×2 kernel → average pool → tanh → softmax: 2×10×9 → 3×10×9 → 3×5×4 → 4×2×2 → 4×1×1 → 5 → 3.</summary>
[Network(InputShape = new[] { 2, 10, 9 }, Convolution = new[] { 3, 4 }, KernelSizes = new[] { 3, 2 }, Strides = new[] { 1, 2 }, Paddings = new[] { 1, 0 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.Average }, Hidden = 5, HiddenActivation = typeof(Tanh), Outputs = 3,
         OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class OnnxSmallImageNet { }

/// <summary>Stride 2 padding 1, sigmoid, then max pool: 1×8×8 → 2×4×4 → 2×2×2 → 2 linear.</summary>
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 2 }, KernelSize = 3, Strides = new[] { 2 }, Paddings = new[] { 1 },
         ConvolutionActivation = typeof(Sigmoid), Pooling = PoolingKind.Max, PoolSize = 2, Outputs = 2, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class OnnxStridedImageNet { }

/// <summary>Average pooling after a LeakyReLU Conv2D: 3×6×6 → 4×4×4 → 4×2×2 → 2.</summary>
[Network(InputShape = new[] { 3, 6, 6 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(LeakyReLU),
         Pooling = PoolingKind.Average, Outputs = 2, Precision = NetworkPrecision.Single)]
public partial class OnnxAveragePoolImageNet { }

/// <summary>A linear Conv2D (no activation node) with average pooling, double.</summary>
[Network(InputShape = new[] { 3, 6, 6 }, Convolution = new[] { 4 }, KernelSize = 3, ConvolutionActivation = typeof(Linear),
         Pooling = PoolingKind.Average, Outputs = 2)]
public partial class OnnxDoubleImageNet { }

/// <summary>Grouped and depthwise Conv2D layers, float: 4×8×8 → conv 8 (3×3, 2 groups) → max pool → conv 8 (3×3, depthwise) → 10 → 3.</summary>
[Network(InputShape = new[] { 4, 8, 8 }, Convolution = new[] { 8, 8 }, KernelSize = 3, Groups = new[] { 2, 8 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.None }, ConvolutionActivation = typeof(ReLU), Hidden = 10, HiddenActivation = typeof(ReLU),
         Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class OnnxGroupedImageNet { }

/// <summary>Batch-normalised, double: 2×7×7 → conv 3 (3×3, padding 1) → BN → tanh → max pool → conv 4 (2×2) → BN → tanh → 5 → BN → tanh → 3.</summary>
[Network(InputShape = new[] { 2, 7, 7 }, Convolution = new[] { 3, 4 }, KernelSizes = new[] { 3, 2 }, Paddings = new[] { 1, 0 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.None }, ConvolutionActivation = typeof(Tanh), Hidden = 5, HiddenActivation = typeof(Tanh),
         Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, BatchNormalization = true)]
public partial class OnnxNormalizedImageNet { }

/// <summary><see cref="OnnxNormalizedImageNet"/> in float, which ONNX Runtime runs.</summary>
[Network(InputShape = new[] { 2, 7, 7 }, Convolution = new[] { 3, 4 }, KernelSizes = new[] { 3, 2 }, Paddings = new[] { 1, 0 },
         Poolings = new[] { PoolingKind.Max, PoolingKind.None }, ConvolutionActivation = typeof(Tanh), Hidden = 5, HiddenActivation = typeof(Tanh),
         Outputs = 3, OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, BatchNormalization = true,
         Precision = NetworkPrecision.Single)]
public partial class OnnxNormalizedSingleImageNet { }

/// <summary>A batch-normalised linear Conv2D (BatchNormalization writes the layer's output), no dense hidden layer, float:
/// 1×8×8 → conv 2 (3×3, stride 2, padding 1) → BN → 2×4×4 → average pool → 2×2×2 → 2.</summary>
[Network(InputShape = new[] { 1, 8, 8 }, Convolution = new[] { 2 }, KernelSize = 3, Strides = new[] { 2 }, Paddings = new[] { 1 },
         ConvolutionActivation = typeof(Linear), Pooling = PoolingKind.Average, Outputs = 2, OutputActivation = typeof(Linear),
         Loss = LossFunction.MeanSquaredError, BatchNormalization = true, Precision = NetworkPrecision.Single)]
public partial class OnnxNormalizedLinearConvNet { }
