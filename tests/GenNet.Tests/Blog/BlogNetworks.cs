using GenNet;

namespace GenNet.Tests.Blog;

// The shapes of the blog's experiments, each with Bias = false: the blog has no bias units (its third input column
// is a constant 1 instead).

/// <summary>Part 2's alpha sweep ("closer look"): 3 inputs, 4 hidden, 1 output.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlogNet3x4x1 { }

/// <summary>Part 2's hidden-size sweep: 3 inputs, 32 hidden, 1 output.</summary>
[Network(Inputs = 3, Hidden = 32, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlogNet3x32x1 { }

/// <summary>Part 1's two-layer network: 3 inputs straight to 1 output.</summary>
[Network(Inputs = 3, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlogNet3x1 { }

/// <summary>Part 2's two-layer network: 2 inputs straight to 1 output.</summary>
[Network(Inputs = 2, Outputs = 1, Bias = false, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class BlogNet2x1 { }
