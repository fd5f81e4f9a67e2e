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
