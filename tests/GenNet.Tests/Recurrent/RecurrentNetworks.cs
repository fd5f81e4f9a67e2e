using GenNet;
using GenNet.Activations;

namespace GenNet.Tests.Recurrent;

// Every cell kind, stacked and not, with and without dense hidden layers after the stack, and every loss. Widths are
// chosen so that the gate products (G·U) have both whole vectors and a remainder at 4 doubles or 8 floats per vector.

[Network(Inputs = 2, Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 5 }, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class RnnNet { }

[Network(Inputs = 3, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 5 }, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class GruNet { }

[Network(Inputs = 2, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 5 }, Outputs = 1,
         OutputActivation = typeof(Tanh), Loss = LossFunction.SumSquaredError)]
public partial class LstmNet { }

[Network(Inputs = 2, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 4, 3 }, Outputs = 2,
         OutputActivation = typeof(Sigmoid), Loss = LossFunction.BinaryCrossEntropy)]
public partial class StackedGruNet { }

[Network(Inputs = 2, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 3, 4 }, HiddenLayers = new[] { 5 }, Outputs = 3,
         HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class StackedLstmDenseNet { }

[Network(Inputs = 3, Recurrent = RecurrentCell.Rnn, RecurrentLayers = new[] { 6, 2 }, Hidden = 4, Outputs = 1,
         HiddenActivation = typeof(Sigmoid), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError,
         Initialization = WeightInitialization.Xavier)]
public partial class StackedRnnDenseNet { }

[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 5 }, HiddenLayers = new[] { 3, 4 }, Outputs = 2,
         HiddenActivation = typeof(Tanh), OutputActivation = typeof(Sigmoid), Loss = LossFunction.SumSquaredError)]
public partial class GruDenseNet { }

// The benchmark shapes, in float: one input per step, 16 units, one linear output.
[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class GruSingle { }

[Network(Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class LstmSingle { }

// Two registers of float units (the fused cell's multi-block path) and a float stack with several inputs.
[Network(Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 32 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class LstmSingle32 { }

[Network(Inputs = 3, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 32, 16 }, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class StackedGruSingle { }

// Float widths that are no multiple of the 8-row product blocks (GRU 5 units: 15 gate rows; LSTM 3 units: 12) and a
// stack of several inputs and outputs, for the many-stream float kernels.
[Network(Inputs = 2, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 5 }, Outputs = 2,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class GruOddSingle { }

[Network(Inputs = 3, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 3, 7 }, HiddenLayers = new[] { 4 }, Outputs = 2,
         HiddenActivation = typeof(Tanh), OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class LstmOddStackSingle { }
