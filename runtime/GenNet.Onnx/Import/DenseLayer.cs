namespace GenNet.Onnx.Import;

/// <summary>
/// One fully connected layer found in an ONNX graph: weights as <c>[inputs, outputs]</c> row-major (transposed
/// already when the model stored <c>[outputs, inputs]</c>), an optional bias, and the activation that follows.
/// </summary>
internal sealed class DenseLayer(string weightName, string weightShape, int inputs, int outputs, double[] weights)
{
    public string WeightName { get; } = weightName;

    /// <summary>The weight tensor's shape as stored, with how it was used, for messages.</summary>
    public string WeightShape { get; } = weightShape;

    public int Inputs { get; } = inputs;

    public int Outputs { get; } = outputs;

    public double[] Weights { get; } = weights;

    public double[]? Bias { get; set; }

    /// <summary>The GenNet activation name (Linear when no activation node follows), or the ONNX description of one GenNet lacks.</summary>
    public string Activation { get; set; } = OnnxActivations.LinearName;

    public bool HasActivation { get; set; }

    /// <summary>The BatchNormalization node between the layer and its activation; null when there is none.</summary>
    public BatchNormNode? Normalization { get; set; }
}
