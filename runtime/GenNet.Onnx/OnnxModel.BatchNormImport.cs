using System;
using System.Numerics;
using GenNet.Onnx.Import;

namespace GenNet.Persistence;

// Importing batch normalisation: the model must normalise exactly the layers the network does (every Conv2D layer and
// every dense hidden layer of a batch-normalised network, none of another), each with [channels] tensors. γ and β go
// to the layer's parameters, the running statistics after all parameters, as NetworkWeights.Commit takes them.
public static partial class OnnxModel
{
    // `values` holds the parameters, then the running means, then the running variances; `statistics` counts those
    // already read (a batch-normalised image network's channels first, then its dense hidden neurons).
    private static void ReadBatchNormalization<T>(BatchNormNode? node, bool normalized, int channels, int gammaOffset, int betaOffset, T[] values,
        NetworkArchitecture architecture, ref int statistics, string layer, string after, WeightLoadOptions options, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((node is not null) != normalized)
        {
            throw new ArchitectureMismatchException(normalized ? "a BatchNormalization node" : "no BatchNormalization node", node?.Description ?? "none",
                normalized
                    ? $"{layer}: the network '{architecture.Signature}' batch-normalises it before its activation; the model has no BatchNormalization node after '{after}'."
                    : $"{layer}: the network '{architecture.Signature}' does not batch-normalise it; the model has the {node!.Description} after '{after}'.");
        }

        if (node is null)
        {
            return;
        }

        string shape = $"[{channels}]";
        foreach ((OnnxTensor tensor, string role) in new[] { (node.Scale, "scale"), (node.Shift, "B"), (node.Mean, "input_mean"), (node.Variance, "input_var") })
        {
            if (tensor.ShapeText != shape)
            {
                throw new ArchitectureMismatchException(shape, tensor.ShapeText,
                    $"{layer}: the {node.Description} needs its {role} of shape {shape}, one per channel; the model's '{tensor.Name}' is {tensor.ShapeText}.");
            }
        }

        int count = architecture.ParameterCount, neurons = (values.Length - count) / 2;
        Convert(node.Scale.Values, values.AsSpan(gammaOffset, channels), $"'{node.Scale.Name}'", 0, options, source);
        Convert(node.Shift.Values, values.AsSpan(betaOffset, channels), $"'{node.Shift.Name}'", 0, options, source);
        Convert(node.Mean.Values, values.AsSpan(count + statistics, channels), $"'{node.Mean.Name}'", 0, options, source);
        Convert(node.Variance.Values, values.AsSpan(count + neurons + statistics, channels), $"'{node.Variance.Name}'", 0, options, source);
        statistics += channels;
    }
}
