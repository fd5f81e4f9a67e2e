using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.Co2;

/// <summary>
/// Per week: this week's change (standardised) and the season as sin/cos of the day of the year in, next week's change
/// out, through an LSTM of 16 units. The trend is the changes' mean, the season their yearly cycle.
/// </summary>
[Network(Inputs = 3, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class Co2Lstm { }
