using System;
using GenNet.Onnx;
using GenNet.Onnx.Protobuf;

namespace GenNet.Persistence;

// Causal Conv1D layers as ONNX's Conv (opset 13) over one sequence. The model's input is [steps, inputs], one row per
// time step as for a recurrent network (one sequence from a zero state); it is turned into [1, inputs, steps] for Conv,
// and back into [steps, channels] for the dense Gemm layers. Each layer pads (K − 1)·d zeros before the sequence and none
// after, so output t reads the inputs at t, t − d, …, t − (K − 1)·d: PredictSequence from a zero state. GenNet keeps W as
// K × I × O (a tap is one I × O product); ONNX's W is [O, I, K], the same array with its axes reversed. A layer of G groups
// keeps K × G × (I/G) × (O/G) and exports ONNX's [O, I/G, K] with group = G. A layer of stride s exports Conv with
// strides = [s] followed by a hold: each output repeated for s samples (WriteHold), as the layer's Step holds it.
public static partial class OnnxModel
{
    // Returns the number of Conv1D layers; `current` names their output as [steps, channels], ready for the dense layers.
    // `statistics` counts the running statistics the normalised Conv1D layers took (they come first in the network's).
    private static int WriteConvolutionStack<T>(ProtoWriter graph, NetworkArchitecture architecture, ReadOnlySpan<T> parameters,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, int elementType, ref int statistics, ref string current)
        where T : unmanaged
    {
        ConvolutionLayout convolution = architecture.Convolution!;
        graph.Message(GraphProto.Initializer, Tensor<long>("axes_0", TensorProto.Int64, [1], [0L]));
        graph.Message(GraphProto.Node, Node("steps_last", "Transpose", [current], "conv_input.channels_first").Message(NodeProto.Attribute, IntsAttribute("perm", [1, 0])));
        graph.Message(GraphProto.Node, Node("batch_of_one", "Unsqueeze", ["conv_input.channels_first", "axes_0"], "conv_input"));
        current = "conv_input";

        foreach (ConvolutionLayerLayout layer in convolution.Layers)
        {
            int l = layer.Index, k = layer.KernelSize, i = layer.GroupInputs, o = layer.Channels;
            string activation = ConvolutionLayout.ActivationOf(architecture.Activations[l]);
            if (!OnnxActivations.TryGetOperator(activation, out string? operatorType) || operatorType == "Softmax")
            {
                throw new NotSupportedException(
                    $"layer_{l + 1} (Conv1D) uses the activation {activation}, which has no element-wise ONNX operator; Conv1D layers export with Sigmoid, Tanh, ReLU, LeakyReLU or Linear.");
            }

            string weights = $"conv1d_{l}.weight", biases = $"conv1d_{l}.bias";
            string output = layer.Stride > 1 ? $"layer_{l + 1}.strided" : layer.Pooling != PoolingKind.None ? $"layer_{l + 1}.unpooled" : $"layer_{l + 1}";
            string convolved = operatorType is null ? output : $"layer_{l + 1}.preactivation";
            graph.Message(GraphProto.Initializer, Tensor(weights, elementType, [o, i, k], Reversed(parameters.Slice(layer.WeightOffset, layer.WeightCount), k, layer.Groups, i, o / layer.Groups)));
            graph.Message(GraphProto.Initializer, Tensor(biases, elementType, [o], parameters.Slice(layer.BiasOffset, o)));
            ProtoWriter conv = Node($"conv1d_{l}", "Conv", [current, weights, biases], convolved)
                .Message(NodeProto.Attribute, IntsAttribute("kernel_shape", [k]))
                .Message(NodeProto.Attribute, IntsAttribute("dilations", [layer.Dilation]))
                .Message(NodeProto.Attribute, IntsAttribute("strides", [layer.Stride]))
                .Message(NodeProto.Attribute, IntsAttribute("pads", [(long)(k - 1) * layer.Dilation, 0])) // causal: all before
                .Message(NodeProto.Attribute, IntAttribute("group", layer.Groups));
            graph.Message(GraphProto.Node, conv);
            if (layer.Normalized)
            {
                // BatchNorm1d over [1, O, steps]: per channel, with the running statistics, before the activation.
                string normalized = operatorType is null ? output : $"layer_{l + 1}.normalized";
                WriteBatchNormalization(graph, $"batchnorm_conv1d_{l}", l + 1, convolved, normalized, elementType, parameters.Slice(layer.GammaOffset, o),
                    parameters.Slice(layer.BetaOffset, o), runningMean.Slice(statistics, o), runningVariance.Slice(statistics, o));
                convolved = normalized;
                statistics += o;
            }

            if (operatorType is not null)
            {
                ProtoWriter node = Node($"{operatorType.ToLowerInvariant()}_conv1d_{l}", operatorType, [convolved], output);
                if (operatorType == "LeakyRelu")
                {
                    node.Message(NodeProto.Attribute, FloatAttribute("alpha", OnnxActivations.LeakyReluAlpha));
                }

                graph.Message(GraphProto.Node, node);
            }

            current = layer.Stride > 1 ? WriteHold(graph, layer, output, $"layer_{l + 1}")
                : layer.Pooling != PoolingKind.None ? WritePooling(graph, layer, output, $"layer_{l + 1}")
                : output;
        }

        graph.Message(GraphProto.Node, Node("drop_batch", "Squeeze", [current, "axes_0"], "conv_features.channels_first"));
        graph.Message(GraphProto.Node, Node("steps_first", "Transpose", ["conv_features.channels_first"], "conv_features").Message(NodeProto.Attribute, IntsAttribute("perm", [1, 0])));
        current = "conv_features";
        return convolution.Layers.Count;
    }

    // A strided layer's Conv gives outputs at samples 0, s, 2s, … ([1, O, ⌈T/s⌉] with the causal padding); GenNet holds
    // each for s samples. Each output repeated s times along time ([1, O, ⌈T/s⌉, 1] expanded to s, reshaped to
    // [1, O, ⌈T/s⌉·s]), then cut to the sequence's T samples, read from the model input's shape.
    private static string WriteHold(ProtoWriter graph, ConvolutionLayerLayout layer, string strided, string output) =>
        WriteHold(graph, $"hold_{layer.Index}", layer.Stride, delay: 0, strided, output);

    // A pooled layer's MaxPool or AveragePool over windows of P gives window k's value; GenNet gives it from the sample
    // that completes the window (kP + P − 1) until the next completes, zeros before: held, then delayed by P − 1 samples.
    private static string WritePooling(ProtoWriter graph, ConvolutionLayerLayout layer, string unpooled, string output)
    {
        string pooled = $"layer_{layer.Index + 1}.pooled";
        graph.Message(GraphProto.Node, Node($"pool1d_{layer.Index}", layer.Pooling == PoolingKind.Max ? "MaxPool" : "AveragePool", [unpooled], pooled)
            .Message(NodeProto.Attribute, IntsAttribute("kernel_shape", [layer.PoolSize]))
            .Message(NodeProto.Attribute, IntsAttribute("strides", [layer.PoolSize])));
        return WriteHold(graph, $"pool_hold_{layer.Index}", layer.PoolSize, delay: layer.PoolSize - 1, pooled, output);
    }

    // Each of `held`'s outputs repeated `repeat` times along time, `delay` zeros first, cut to the sequence's length.
    private static string WriteHold(ProtoWriter graph, string name, int repeat, int delay, string strided, string output)
    {
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.axes", TensorProto.Int64, [1], [3L]));
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.repeats", TensorProto.Int64, [4], [1L, 1L, 1L, repeat]));
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.flat", TensorProto.Int64, [3], [0L, 0L, -1L]));
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.time", TensorProto.Int64, [1], [2L]));
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.zero", TensorProto.Int64, [1], [0L]));
        graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.after_time", TensorProto.Int64, [1], [3L]));
        graph.Message(GraphProto.Node, Node($"{name}_unsqueeze", "Unsqueeze", [strided, $"{name}.axes"], $"{name}.column"));
        graph.Message(GraphProto.Node, Node($"{name}_expand", "Expand", [$"{name}.column", $"{name}.repeats"], $"{name}.repeated"));
        graph.Message(GraphProto.Node, Node($"{name}_reshape", "Reshape", [$"{name}.repeated", $"{name}.flat"], $"{name}.upsampled"));
        string upsampled = $"{name}.upsampled";
        if (delay > 0)
        {
            graph.Message(GraphProto.Initializer, Tensor<long>($"{name}.pads", TensorProto.Int64, [6], [0L, 0L, delay, 0L, 0L, 0L]));
            graph.Message(GraphProto.Node, Node($"{name}_delay", "Pad", [upsampled, $"{name}.pads"], $"{name}.delayed"));
            upsampled = $"{name}.delayed";
        }

        graph.Message(GraphProto.Node, Node($"{name}_shape", "Shape", ["conv_input"], $"{name}.input_shape"));
        graph.Message(GraphProto.Node, Node($"{name}_steps", "Slice", [$"{name}.input_shape", $"{name}.time", $"{name}.after_time"], $"{name}.steps"));
        graph.Message(GraphProto.Node, Node($"{name}_cut", "Slice", [upsampled, $"{name}.zero", $"{name}.steps", $"{name}.time"], output));
        return output;
    }

    // GenNet's K × G × (I/G) × (O/G) row-major → ONNX's O × (I/G) × K row-major: element (k, g, i, o) to (g·O/G + o, i, k).
    private static T[] Reversed<T>(ReadOnlySpan<T> values, int kernel, int groups, int groupInputs, int groupOutputs)
    {
        var reversed = new T[values.Length];
        for (int k = 0; k < kernel; k++)
        {
            for (int g = 0; g < groups; g++)
            {
                for (int i = 0; i < groupInputs; i++)
                {
                    for (int o = 0; o < groupOutputs; o++)
                    {
                        int output = (g * groupOutputs) + o;
                        reversed[(((output * groupInputs) + i) * kernel) + k] = values[(((((k * groups) + g) * groupInputs) + i) * groupOutputs) + o];
                    }
                }
            }
        }

        return reversed;
    }
}
