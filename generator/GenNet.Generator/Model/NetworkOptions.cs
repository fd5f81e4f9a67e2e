namespace GenNet.Generator.Model;

/// <summary>The attribute's arguments once read and checked; an intermediate of the parser, not cached.</summary>
internal sealed record NetworkOptions(int[] Layers, NumericKind Precision, string[] Activations, bool HasBias, LossKind Loss, InitializationKind Initialization, double DropoutRate, bool BatchNormalization, ArithmeticKind Arithmetic, bool ActivationsByName, int[] InputDerivativeLayers)
{
    /// <summary>The recurrent layers before the dense ones; null for a feed-forward network.</summary>
    public RecurrentSpec? Recurrent { get; init; }

    /// <summary>The causal Conv1D layers before the dense ones; null when there are none.</summary>
    public ConvolutionSpec? Convolution { get; init; }

    /// <summary>The Conv2D and pooling layers of an image network; null when there are none.</summary>
    public ImageSpec? Image { get; init; }
}
