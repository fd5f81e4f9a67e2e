using System;
using GenNet.Onnx.Protobuf;

namespace GenNet.Persistence;

// Batch normalisation as ONNX's BatchNormalization (opset 13, inference: one output) with the running statistics:
// y = γ·(z − mean) / √(variance + ε) + β over axis 1, a dense layer's neurons of [N, F] or a Conv2D layer's channels
// of [N, C, H, W], as Predict computes it. Dense and Conv2D layers write theirs here alike.
public static partial class OnnxModel
{
    // The ε of GenNet's batch normalisation (the generated BatchNormEpsilon), also PyTorch's and ONNX's default.
    internal const float BatchNormEpsilon = 1e-5f;

    // Writes layer_{layer}'s BatchNormalization node from `input` to `output`: its scale (γ), shift (β), running mean
    // and running variance tensors are named layer_{layer}.batchnorm.scale, .shift, .running_mean, .running_variance.
    private static void WriteBatchNormalization<T>(ProtoWriter graph, string nodeName, int layer, string input, string output, int elementType,
        ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> mean, ReadOnlySpan<T> variance)
        where T : unmanaged
    {
        string prefix = $"layer_{layer}.batchnorm";
        long[] dims = [scale.Length];
        graph.Message(GraphProto.Initializer, Tensor($"{prefix}.scale", elementType, dims, scale));
        graph.Message(GraphProto.Initializer, Tensor($"{prefix}.shift", elementType, dims, shift));
        graph.Message(GraphProto.Initializer, Tensor($"{prefix}.running_mean", elementType, dims, mean));
        graph.Message(GraphProto.Initializer, Tensor($"{prefix}.running_variance", elementType, dims, variance));
        ProtoWriter node = Node(nodeName, "BatchNormalization",
            [input, $"{prefix}.scale", $"{prefix}.shift", $"{prefix}.running_mean", $"{prefix}.running_variance"], output);
        graph.Message(GraphProto.Node, node.Message(NodeProto.Attribute, FloatAttribute("epsilon", BatchNormEpsilon)));
    }
}
