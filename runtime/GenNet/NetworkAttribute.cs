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

    /// <summary>
    /// Widths of several hidden layers, first to last, e.g. <c>new[] { 64, 32 }</c>. Use either this or
    /// <see cref="Hidden"/>, not both.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>The number type of weights, inputs and outputs. Defaults to <see cref="NetworkPrecision.Double"/>,
    /// the precision of the blog's numpy code.</summary>
    public NetworkPrecision Precision { get; set; } = NetworkPrecision.Double;

    /// <summary>
    /// Whether every non-input layer has a bias unit (a learned constant added before the activation). On by default,
    /// as in most frameworks; set it to <c>false</c> for the blog's networks, which feed a constant input column instead.
    /// </summary>
    public bool Bias { get; set; } = true;

    /// <summary>The activation of every hidden layer: a struct implementing <see cref="Activations.IActivation"/>,
    /// e.g. <c>typeof(Tanh)</c>. Defaults to <see cref="Activations.Sigmoid"/>.</summary>
    public Type? HiddenActivation { get; set; }

    /// <summary>The activation of the output layer, e.g. <c>typeof(Softmax)</c> for classification.
    /// Defaults to <see cref="Activations.Sigmoid"/>.</summary>
    public Type? OutputActivation { get; set; }

    /// <summary>
    /// One activation per non-input layer, hidden layers first and the output last, for full control. Use either this
    /// or <see cref="HiddenActivation"/>/<see cref="OutputActivation"/>, not both.
    /// </summary>
    public Type[]? Activations { get; set; }

    /// <summary>How <c>InitializeWeights(seed)</c> (and a new network, with seed 0) draws the starting parameters.
    /// Defaults to the blog's <see cref="WeightInitialization.Uniform"/> in [−1, 1); prefer
    /// <see cref="WeightInitialization.Xavier"/> or <see cref="WeightInitialization.He"/> for wide or deep networks.</summary>
    public WeightInitialization Initialization { get; set; } = WeightInitialization.Uniform;

    /// <summary>
    /// <see cref="NetworkArithmetic.Fast"/> (the default: SIMD, blocked kernels, fused multiply-add) or
    /// <see cref="NetworkArithmetic.NumpyCompatible"/> (numpy's operations in numpy's order, to reproduce its numbers).
    /// </summary>
    public NetworkArithmetic Arithmetic { get; set; } = NetworkArithmetic.Fast;

    /// <summary>
    /// Inverted dropout on every hidden layer while training: each neuron is dropped with this probability per row and
    /// step, and the kept ones are scaled by 1 / (1 − rate). 0 (the default) turns it off; Predict never drops. Seed the
    /// masks with the generated <c>SeedDropout(int)</c>.
    /// </summary>
    public double Dropout { get; set; }

    /// <summary>
    /// Batch-normalises every hidden layer: while training, each neuron's pre-activation is normalised with the batch's
    /// mean and variance, then scaled and shifted by learned γ and β; Predict uses running averages of those statistics
    /// (momentum 0.1, ε = 1e-5, as PyTorch). Off by default. Needs at least one hidden layer and no dropout. In an image
    /// network every Conv2D layer is normalised too, per output channel over the batch and positions (PyTorch's
    /// BatchNorm2d), between its sum and <see cref="ConvolutionActivation"/>; it then trains the whole batch layer after
    /// layer, spreading each layer's rows over threads itself (<see cref="IThreadedGradientNetwork{T}"/>). In a temporal
    /// network every Conv1D layer is normalised per channel over the steps of the sequence trained on (BatchNorm1d); it
    /// then has no dense hidden layers and no strides.
    /// </summary>
    public bool BatchNormalization { get; set; }

    /// <summary>What training minimises. Defaults to the blog's <see cref="LossFunction.SumSquaredError"/>.</summary>
    public LossFunction Loss { get; set; } = LossFunction.SumSquaredError;

    /// <summary>
    /// The kind of the recurrent layers given in <see cref="RecurrentLayers"/>: <see cref="RecurrentCell.Rnn"/>,
    /// <see cref="RecurrentCell.Gru"/> or <see cref="RecurrentCell.Lstm"/>. With recurrent layers the network is a
    /// sequence network (<see cref="ISequenceNetwork{T}"/>): inputs → recurrent layers → the dense
    /// <see cref="HiddenLayers"/> → outputs, stepped one sample at a time. <see cref="RecurrentCell.None"/> (the default)
    /// is a feed-forward network.
    /// </summary>
    public RecurrentCell Recurrent { get; set; }

    /// <summary>
    /// The widths of the stacked recurrent layers, first to last, e.g. <c>new[] { 16 }</c>; all of the kind
    /// <see cref="Recurrent"/>. Each from 1 to <see cref="MaxLayerSize"/>.
    /// </summary>
    public int[]? RecurrentLayers { get; set; }

    /// <summary>
    /// The output channels of stacked causal Conv1D layers, first to last, e.g. <c>new[] { 8, 8 }</c>. With them the network
    /// is a temporal convolution network (<see cref="ISequenceNetwork{T}"/>): <see cref="Inputs"/> channels per sample →
    /// Conv1D layers (stride 1, one group, causal: the output at t reads inputs at t, t − d, …, t − (K − 1)·d) → the dense
    /// <see cref="HiddenLayers"/> → outputs, applied per sample. Each from 1 to <see cref="MaxLayerSize"/>. With <see cref="InputShape"/>
    /// they are instead the output channels of the Conv2D layers of an image network.
    /// </summary>
    public int[]? Convolution { get; set; }

    /// <summary>The kernel size K of every Conv1D layer (default 3), or the K × K kernel of every Conv2D layer of an image
    /// network; or give one per layer in <see cref="KernelSizes"/>.</summary>
    public int KernelSize { get; set; }

    /// <summary>The kernel size of each Conv1D (or Conv2D) layer, one per entry of <see cref="Convolution"/>.</summary>
    public int[]? KernelSizes { get; set; }

    /// <summary>
    /// The shape of one input image, <c>new[] { channels, height, width }</c>: with it the network is an image network, a
    /// feed-forward network whose rows are images of C·H·W values, channel-major then row-major (PyTorch's NCHW for one
    /// image). <see cref="Convolution"/> then gives the output channels of stacked Conv2D layers (cross-correlation with
    /// zero padding, as PyTorch's Conv2d), each followed by its activation and its <see cref="Pooling"/>; the last map,
    /// flattened in the same order, feeds the dense <see cref="HiddenLayers"/> and the outputs. <see cref="Inputs"/> is
    /// then C·H·W and need not be given.
    /// </summary>
    public int[]? InputShape { get; set; }

    /// <summary>The stride of each Conv2D layer (the same in both directions), one per entry of <see cref="Convolution"/>;
    /// default 1 for all. For Conv1D layers (a temporal network, no <see cref="InputShape"/>), a stride s convolves every
    /// s-th sample only and holds that output for the samples in between, as RTNeural's StridedConv1D: <c>Step</c> still
    /// reads one sample and writes one output.</summary>
    public int[]? Strides { get; set; }

    /// <summary>The zero padding of each Conv2D layer (rows above and below, columns left and right), one per entry of
    /// <see cref="Convolution"/>; default 0 for all.</summary>
    public int[]? Paddings { get; set; }

    /// <summary>The pooling after every Conv2D (or Conv1D) layer (default <see cref="PoolingKind.None"/>); or give one per
    /// layer in <see cref="Poolings"/>. After a Conv1D layer it pools windows of <see cref="PoolSize"/> consecutive outputs:
    /// each window's maximum or mean is given when the window completes and held until the next one does.</summary>
    public PoolingKind Pooling { get; set; }

    /// <summary>The pooling after each Conv2D (or Conv1D) layer, one per entry of <see cref="Convolution"/>.</summary>
    public PoolingKind[]? Poolings { get; set; }

    /// <summary>The side of every pooling window, which also moves by this much (default 2: 2 × 2 windows, stride 2; after
    /// Conv1D layers, windows of 2 outputs, at least 2).</summary>
    public int PoolSize { get; set; }

    /// <summary>The dilation d of each Conv1D layer, one per entry of <see cref="Convolution"/> (default 1 for all).</summary>
    public int[]? Dilations { get; set; }

    /// <summary>The groups G of each Conv1D or Conv2D layer, one per entry of <see cref="Convolution"/> (default 1 for all):
    /// each group of I/G input channels feeds its own O/G output channels, so G must divide both (G = I = O: depthwise).</summary>
    public int[]? Groups { get; set; }

    /// <summary>The activation of every Conv1D (or Conv2D) layer, an <c>IActivation</c> struct (default <c>Tanh</c>).</summary>
    public Type? ConvolutionActivation { get; set; }
}
