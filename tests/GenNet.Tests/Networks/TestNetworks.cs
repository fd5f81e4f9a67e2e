using GenNet;

namespace GenNet.Tests.Networks;

// Shapes chosen to cover every code path of the emitter: fully unrolled, two-layer (no hidden layer),
// loops, a mix of unrolled and loop synapses, several outputs, float, and scratch too big for the stack.

[Network(Inputs = 2, Hidden = 3, Outputs = 2)]
public partial class Net2x3x2 { }

[Network(Inputs = 5, Hidden = 7, Outputs = 3)]
public partial class Net5x7x3 { }

[Network(Inputs = 4, Outputs = 3)]
public partial class Net4x3 { }

[Network(Inputs = 40, Hidden = 30, Outputs = 3)]
public partial class Net40x30x3 { }

[Network(Inputs = 6, Hidden = 50, Outputs = 30)]
public partial class Net6x50x30 { }

[Network(Inputs = 3, Hidden = 1100, Outputs = 1000)]
public partial class Net3x1100x1000 { }

[Network(Inputs = 3, Hidden = 4, Outputs = 1)]
public partial class Net3x4x1 { }

[Network(Inputs = 3, Hidden = 4, Outputs = 1, Precision = NetworkPrecision.Single)]
public partial class Net3x4x1Single { }

[Network(Inputs = 40, Hidden = 30, Outputs = 3, Precision = NetworkPrecision.Single)]
public partial class Net40x30x3Single { }
