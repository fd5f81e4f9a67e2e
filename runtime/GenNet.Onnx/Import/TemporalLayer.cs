namespace GenNet.Onnx.Import;

/// <summary>
/// One 1-D ONNX <c>Conv</c> node of a temporal (Conv1D) stack, with its window read and checked for what GenNet computes:
/// causal padding ((K − 1)·d zeros before, none after), any stride (held after it). Keeps W <c>[O, I/G, K]</c> and B <c>[O]</c>
/// as stored, and the BatchNormalization and activation nodes that follow it.
/// </summary>
internal sealed class TemporalLayer(string description, long kernelSize, long dilation, long groups, OnnxTensor w, OnnxTensor? b, long stride = 1)
{
    /// <summary>The Conv's stride: above 1 its outputs are held (a <see cref="TemporalHold"/> follows).</summary>
    public long Stride { get; } = stride;

    /// <summary>MaxPool or AveragePool after the layer's activation, null when none; its window in <see cref="PoolSize"/>.</summary>
    public string? Pooling { get; set; }

    public long PoolSize { get; set; } = 1;

    public string Description { get; } = description;

    public long KernelSize { get; } = kernelSize;

    public long Dilation { get; } = dilation;

    public long Groups { get; } = groups;

    /// <summary>The weights, <c>[O, I/G, K]</c>.</summary>
    public OnnxTensor W { get; } = w;

    /// <summary>The bias, <c>[O]</c>; null when the node has none.</summary>
    public OnnxTensor? B { get; } = b;

    /// <summary>The GenNet activation name (Linear when no activation node follows), or the ONNX description of one GenNet lacks.</summary>
    public string Activation { get; set; } = OnnxActivations.LinearName;

    public bool HasActivation { get; set; }

    /// <summary>The BatchNormalization node between the Conv and its activation; null when there is none.</summary>
    public BatchNormNode? Normalization { get; set; }
}
