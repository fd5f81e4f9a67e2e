using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.Digits;

/// <summary>
/// 64 pixels → 64 ReLU → 32 ReLU → 10 softmax outputs, one per digit, trained with cross-entropy; float, He-initialised.
/// (A single hidden layer of 32 reaches about 96–97% on the sample's split; the second layer makes it 97–98%.)
/// </summary>
[Network(Inputs = 64, HiddenLayers = new[] { 64, 32 }, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class DigitsNet { }
