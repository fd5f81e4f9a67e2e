using System.Globalization;
using GenNet.Persistence;

namespace GenNet.Onnx.Import;

/// <summary>
/// One ONNX <c>BatchNormalization</c> node in inference mode right after a Conv or a dense layer (before its
/// activation), read as GenNet's batch normalisation: scale γ, B β, input_mean and input_var kept as stored (their
/// shapes are checked against the network by the caller), ε GenNet's own.
/// </summary>
internal sealed record BatchNormNode(string Description, OnnxTensor Scale, OnnxTensor Shift, OnnxTensor Mean, OnnxTensor Variance)
{
    public static BatchNormNode Read(OnnxNode node, string current, OnnxGraph graph, string source)
    {
        Require(node.Inputs.Length == 5 && node.Inputs[0] == current, node, source,
            "BatchNormalization must take the previous output, scale, B, input_mean and input_var");
        // ε is not a weight: a model normalised with another one would load and predict differently, so it is refused.
        float? epsilon = node.Attributes.TryGetValue("epsilon", out OnnxAttribute? attribute) ? attribute.Float : OnnxModel.BatchNormEpsilon;
        Require(epsilon == OnnxModel.BatchNormEpsilon, node, source,
            $"epsilon must be the float {OnnxModel.BatchNormEpsilon.ToString("R", CultureInfo.InvariantCulture)} (GenNet's BatchNormEpsilon); it is " +
            (epsilon is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : "not a float"));
        Require(DenseChain.Integer(node, "training_mode", 0) == 0, node, source, "training_mode must be 0 (inference with the running statistics)");
        Require(DenseChain.Integer(node, "spatial", 1) == 1, node, source, "spatial must be 1 (one mean and variance per channel)");
        return new BatchNormNode(node.Description, DenseChain.Constant(graph, node.Inputs[1], node, source), DenseChain.Constant(graph, node.Inputs[2], node, source),
            DenseChain.Constant(graph, node.Inputs[3], node, source), DenseChain.Constant(graph, node.Inputs[4], node, source));
    }

    private static void Require(bool condition, OnnxNode node, string source, string rule) => DenseChain.Require(condition, node, source, rule);
}
