namespace GenNet.Onnx.Import;

/// <summary>
/// One ONNX <c>Conv</c>, <c>MaxPool</c> or <c>AveragePool</c> node at the start of the chain, with the window settings
/// read and checked for what GenNet computes (no dilation, auto_pad or ceil_mode; symmetric padding). A Conv keeps W
/// <c>[O, C/G, KH, KW]</c> and B <c>[O]</c> as stored, and the BatchNormalization and activation nodes that follow it.
/// </summary>
internal sealed class ImageLayer(string operatorType, string description, long kernelHeight, long kernelWidth, long strideY, long strideX, long padY, long padX, long groups, OnnxTensor? w, OnnxTensor? b)
{
    public string OperatorType { get; } = operatorType;

    public string Description { get; } = description;

    public long KernelHeight { get; } = kernelHeight;

    public long KernelWidth { get; } = kernelWidth;

    public long StrideY { get; } = strideY;

    public long StrideX { get; } = strideX;

    public long PadY { get; } = padY;

    public long PadX { get; } = padX;

    /// <summary>Conv only: the group count (1 for pooling).</summary>
    public long Groups { get; } = groups;

    /// <summary>Conv only: the weights, <c>[O, C, KH, KW]</c>.</summary>
    public OnnxTensor? W { get; } = w;

    /// <summary>Conv only: the bias, <c>[O]</c>; null when the node has none.</summary>
    public OnnxTensor? B { get; } = b;

    /// <summary>Conv only: the GenNet activation name (Linear when no activation node follows), or the ONNX description of one GenNet lacks.</summary>
    public string Activation { get; set; } = OnnxActivations.LinearName;

    public bool HasActivation { get; set; }

    /// <summary>Conv only: the BatchNormalization node between the Conv and its activation; null when there is none.</summary>
    public BatchNormNode? Normalization { get; set; }
}
