namespace GenNet.Persistence;

/// <summary>Options for loading weights from numpy (<see cref="NumpyWeights"/>) and ONNX files.</summary>
public sealed class WeightLoadOptions
{
    /// <summary>The defaults: NaN and infinite weights are refused.</summary>
    public static WeightLoadOptions Default { get; } = new();

    /// <summary>
    /// Whether NaN and infinite weights load. Off by default: a file holding them is refused with an
    /// <see cref="System.IO.InvalidDataException"/> naming the first such value and where it is, and the network keeps
    /// its weights (a network with a NaN weight predicts NaN for every input that reaches it).
    /// </summary>
    public bool AllowNonFinite { get; init; }
}
