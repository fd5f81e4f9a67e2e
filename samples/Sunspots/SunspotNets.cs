using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.Sunspots;

/// <summary>One standardised yearly value in per step, a GRU of 16 units, next year's value out.</summary>
[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class SunspotGru { }

/// <summary>The dense baseline: the last <see cref="SunspotExperiment.Window"/> years in, next year out.</summary>
[Network(Inputs = SunspotExperiment.Window, Hidden = 16, Outputs = 1, HiddenActivation = typeof(Tanh),
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class SunspotWindowNet { }
