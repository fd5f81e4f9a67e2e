namespace GenNet.Persistence;

/// <summary>Names and documentation written into an exported ONNX model.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>The name of the graph's input tensor, shape <c>[batch, InputCount]</c>.</summary>
    public string InputName { get; init; } = "input";

    /// <summary>The name of the graph's output tensor, shape <c>[batch, OutputCount]</c>.</summary>
    public string OutputName { get; init; } = "output";

    /// <summary>The graph's name; by default the network's class name.</summary>
    public string? GraphName { get; init; }

    /// <summary>Free text stored as the model's <c>doc_string</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The model's version number (<c>model_version</c>).</summary>
    public long ModelVersion { get; init; } = 1;
}
