using System;

namespace GenNet;

/// <summary>
/// Declares a fully connected feed-forward network on a <c>partial</c> class. Building the project runs the
/// GenNet source generator, which adds the weights, the forward pass, backpropagation and the weight update to
/// the class as fixed-size, unrolled, allocation-free code.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
/// public partial class XorNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The largest size accepted for any layer.</summary>
    public const int MaxLayerSize = 65536;

    /// <summary>Number of inputs per row (the blog's <c>layer_0</c> width). Required, 1 to <see cref="MaxLayerSize"/>.</summary>
    public int Inputs { get; set; }

    /// <summary>
    /// Width of the single hidden layer (the blog's <c>hidden_dim</c>). <c>0</c> (the default) means no hidden
    /// layer: the two-layer network of the blog, inputs connected straight to outputs.
    /// </summary>
    public int Hidden { get; set; }

    /// <summary>Number of outputs per row. Required, 1 to <see cref="MaxLayerSize"/>.</summary>
    public int Outputs { get; set; }

    /// <summary>The number type of weights, inputs and outputs. Defaults to <see cref="NetworkPrecision.Double"/>,
    /// the precision of the blog's numpy code.</summary>
    public NetworkPrecision Precision { get; set; } = NetworkPrecision.Double;
}
