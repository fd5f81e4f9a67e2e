using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.FashionMnist;

/// <summary>
/// 784 pixels → 128 ReLU units → 10 softmax outputs, one per kind of garment, trained with cross-entropy; float,
/// He-initialised. Its synapses (100,352 and 1,280 weights) are generated as loops, not unrolled.
/// </summary>
[Network(Inputs = 784, Hidden = 128, Outputs = 10,
         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy,
         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
public partial class FashionNet { }
