using GenNet;

namespace GenNet.Tests.Networks;

// Networks for weight files, numpy and ONNX interop. Bias is stated explicitly so that their architectures do not
// move when the attribute's defaults do.

/// <summary>The blog's 3-4-1 network: no bias units (the blog feeds a constant input column instead).</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
public partial class BlogNet { }

/// <summary>The blog's network in float.</summary>
[Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false, Precision = NetworkPrecision.Single)]
public partial class BlogNetSingle { }

/// <summary>Same precision and depth as <see cref="BlogNet"/>, another hidden width.</summary>
[Network(Inputs = 3, Hidden = 5, Outputs = 1, Bias = false)]
public partial class BlogNetWide { }
