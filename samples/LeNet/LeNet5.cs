using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.LeNet;

/// <summary>
/// LeNet-5 for 28×28 grey images: conv 5×5 → 6 maps (24×24), ReLU, max-pool 2×2 (12×12); conv 5×5 → 16 maps (8×8),
/// ReLU, max-pool 2×2 (4×4); flatten 256 → dense 120 → 84 (ReLU) → 10 softmax outputs; float, He-initialised.
/// </summary>
[Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class LeNet5 { }

/// <summary>
/// LeNet-5 batch-normalised: each convolution's 6 and 16 channels and each dense hidden layer's 120 and 84 neurons are
/// normalised over the batch before their ReLU (PyTorch's BatchNorm2d and BatchNorm1d); Predict uses running statistics.
/// </summary>
[Network(InputShape = new[] { 1, 28, 28 }, Convolution = new[] { 6, 16 }, KernelSize = 5, ConvolutionActivation = typeof(ReLU),
         Pooling = PoolingKind.Max, PoolSize = 2, HiddenLayers = new[] { 120, 84 }, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single, BatchNormalization = true)]
public partial class BatchNormLeNet5 { }
