using GenNet;
using GenNet.Activations;

namespace GenNet.SaveProbe;

/// <summary>The network: large enough that a save takes a while.</summary>
[Network(Inputs = 64, HiddenLayers = new[] { 256, 128 }, Outputs = 10, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class KillProbeNet { }
