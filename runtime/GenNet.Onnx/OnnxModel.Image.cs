using System;
using GenNet.Onnx;
using GenNet.Onnx.Protobuf;

namespace GenNet.Persistence;

// Image layers as ONNX's Conv, MaxPool and AveragePool (opset 13) on an [N, C, H, W] input, then a Flatten to
// [N, C·H·W] for the dense Gemm layers. GenNet's Conv2D weights are O × C × KH × KW row-major, ONNX's Conv W as it
// is, so they are written unchanged. A batch-normalised Conv2D layer's BatchNormalization (per channel) comes between
// its Conv and its activation, as in Predict. Flatten is row-major over C, H, W: the order the dense layers read the map in.
public static partial class OnnxModel
{
    // Returns the number of image layers; `current` names the flattened features, ready for the dense layers, and
    // `statistics` counts the running statistics the normalised Conv2D layers took (they come first in the network's).
    private static int WriteImageLayers<T>(ProtoWriter graph, NetworkArchitecture architecture, ReadOnlySpan<T> parameters,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, int elementType, ref int statistics, ref string current)
        where T : unmanaged
    {
        ImageLayout image = architecture.Image!;
        foreach (ImageLayerLayout layer in image.Layers)
        {
            int l = layer.Index;
            string output = $"layer_{l + 1}";
            if (layer.Kind == ImageLayerKind.Convolution)
            {
                string activation = ImageLayout.ActivationOf(architecture.Activations[l]);
                if (!OnnxActivations.TryGetOperator(activation, out string? operatorType) || operatorType == "Softmax")
                {
                    throw new NotSupportedException(
                        $"layer_{l + 1} (Conv2D) uses the activation {activation}, which has no element-wise ONNX operator; Conv2D layers export with Sigmoid, Tanh, ReLU, LeakyReLU or Linear.");
                }

                string weights = $"conv_{l}.weight", biases = $"conv_{l}.bias";
                // Conv → [BatchNormalization] → [activation]: the last node present writes the layer's output.
                string convolved = operatorType is null && !layer.Normalized ? output : $"layer_{l + 1}.preactivation";
                graph.Message(GraphProto.Initializer, Tensor(weights, elementType, [layer.OutChannels, layer.GroupInChannels, layer.KernelHeight, layer.KernelWidth],
                    parameters.Slice(layer.WeightOffset, layer.WeightCount)));
                graph.Message(GraphProto.Initializer, Tensor(biases, elementType, [layer.OutChannels], parameters.Slice(layer.BiasOffset, layer.OutChannels)));
                ProtoWriter conv = Node($"conv_{l}", "Conv", [current, weights, biases], convolved);
                WindowAttributes(conv, layer);
                conv.Message(NodeProto.Attribute, IntsAttribute("pads", [layer.PadY, layer.PadX, layer.PadY, layer.PadX])) // begins, then ends
                    .Message(NodeProto.Attribute, IntsAttribute("dilations", [1, 1]))
                    .Message(NodeProto.Attribute, IntAttribute("group", layer.Groups));
                graph.Message(GraphProto.Node, conv);
                if (layer.Normalized)
                {
                    int channels = layer.OutChannels;
                    string normalized = operatorType is null ? output : $"layer_{l + 1}.normalized";
                    WriteBatchNormalization(graph, $"batchnorm_conv_{l}", l + 1, convolved, normalized, elementType, parameters.Slice(layer.GammaOffset, channels),
                        parameters.Slice(layer.BetaOffset, channels), runningMean.Slice(statistics, channels), runningVariance.Slice(statistics, channels));
                    convolved = normalized;
                    statistics += channels;
                }

                if (operatorType is not null)
                {
                    ProtoWriter node = Node($"{operatorType.ToLowerInvariant()}_conv_{l}", operatorType, [convolved], output);
                    if (operatorType == "LeakyRelu")
                    {
                        node.Message(NodeProto.Attribute, FloatAttribute("alpha", OnnxActivations.LeakyReluAlpha));
                    }

                    graph.Message(GraphProto.Node, node);
                }
            }
            else
            {
                bool max = layer.Kind == ImageLayerKind.MaxPooling;
                ProtoWriter pool = Node($"{(max ? "maxpool" : "averagepool")}_{l}", max ? "MaxPool" : "AveragePool", [current], output);
                WindowAttributes(pool, layer);
                if (!max)
                {
                    // GenNet pools unpadded windows and divides by KH·KW; with no padding both settings agree, 0 is ONNX's default.
                    pool.Message(NodeProto.Attribute, IntAttribute("count_include_pad", 0));
                }

                graph.Message(GraphProto.Node, pool);
            }

            current = output;
        }

        graph.Message(GraphProto.Node, Node("flatten", "Flatten", [current], "image_features").Message(NodeProto.Attribute, IntAttribute("axis", 1)));
        current = "image_features";
        return image.Layers.Count;
    }

    private static void WindowAttributes(ProtoWriter node, ImageLayerLayout layer) =>
        node.Message(NodeProto.Attribute, IntsAttribute("kernel_shape", [layer.KernelHeight, layer.KernelWidth]))
            .Message(NodeProto.Attribute, IntsAttribute("strides", [layer.StrideY, layer.StrideX]));

    private static ProtoWriter IntsAttribute(string name, long[] values)
    {
        var attribute = new ProtoWriter().String(AttributeProto.Name, name);
        foreach (long value in values)
        {
            attribute.Int64(AttributeProto.Ints, value);
        }

        return attribute.Int64(AttributeProto.Type, AttributeProto.TypeInts);
    }

    // The model's input: [batch, width], or [batch, C, H, W] for an image network.
    private static ProtoWriter InputValue(string name, int elementType, NetworkArchitecture architecture)
    {
        if (architecture.Image is not { } image)
        {
            return Value(name, elementType, architecture.LayerSizes[0]);
        }

        ImageLayerLayout first = image.Layers[0];
        var shape = new ProtoWriter().Message(TensorShapeProto.Dim, new ProtoWriter().String(TensorShapeProto.DimParam, "batch"));
        foreach (int dim in new[] { first.InChannels, first.Height, first.Width })
        {
            shape.Message(TensorShapeProto.Dim, new ProtoWriter().Int64(TensorShapeProto.DimValue, dim));
        }

        var tensorType = new ProtoWriter().Int64(TypeProto.ElemType, elementType).Message(TypeProto.Shape, shape);
        return new ProtoWriter().String(ValueInfoProto.Name, name).Message(ValueInfoProto.Type, new ProtoWriter().Message(TypeProto.TensorType, tensorType));
    }
}
