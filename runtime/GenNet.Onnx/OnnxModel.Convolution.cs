using System;
using GenNet.Onnx;
using GenNet.Onnx.Protobuf;

namespace GenNet.Persistence;

// Causal Conv1D layers as ONNX's Conv (opset 13) over one sequence. The model's input is [steps, inputs], one row per
// time step as for a recurrent network (one sequence from a zero state); it is turned into [1, inputs, steps] for Conv,
// and back into [steps, channels] for the dense Gemm layers. Each layer pads (K − 1)·d zeros before the sequence and none
// after, so output t reads the inputs at t, t − d, …, t − (K − 1)·d: PredictSequence from a zero state. GenNet keeps W as
// K × I × O (a tap is one I × O product); ONNX's W is [O, I, K], the same array with its axes reversed.
public static partial class OnnxModel
{
    // Returns the number of Conv1D layers; `current` names their output as [steps, channels], ready for the dense layers.
    private static int WriteConvolutionStack<T>(ProtoWriter graph, NetworkArchitecture architecture, ReadOnlySpan<T> parameters, int elementType, ref string current)
        where T : unmanaged
    {
        ConvolutionLayout convolution = architecture.Convolution!;
        graph.Message(GraphProto.Initializer, Tensor<long>("axes_0", TensorProto.Int64, [1], [0L]));
        graph.Message(GraphProto.Node, Node("steps_last", "Transpose", [current], "conv_input.channels_first").Message(NodeProto.Attribute, IntsAttribute("perm", [1, 0])));
        graph.Message(GraphProto.Node, Node("batch_of_one", "Unsqueeze", ["conv_input.channels_first", "axes_0"], "conv_input"));
        current = "conv_input";

        foreach (ConvolutionLayerLayout layer in convolution.Layers)
        {
            int l = layer.Index, k = layer.KernelSize, i = layer.Inputs, o = layer.Channels;
            string activation = ConvolutionLayout.ActivationOf(architecture.Activations[l]);
            if (!OnnxActivations.TryGetOperator(activation, out string? operatorType) || operatorType == "Softmax")
            {
                throw new NotSupportedException(
                    $"layer_{l + 1} (Conv1D) uses the activation {activation}, which has no element-wise ONNX operator; Conv1D layers export with Sigmoid, Tanh, ReLU, LeakyReLU or Linear.");
            }

            string weights = $"conv1d_{l}.weight", biases = $"conv1d_{l}.bias", output = $"layer_{l + 1}";
            string convolved = operatorType is null ? output : $"layer_{l + 1}.preactivation";
            graph.Message(GraphProto.Initializer, Tensor(weights, elementType, [o, i, k], Reversed(parameters.Slice(layer.WeightOffset, k * i * o), k, i, o)));
            graph.Message(GraphProto.Initializer, Tensor(biases, elementType, [o], parameters.Slice(layer.BiasOffset, o)));
            ProtoWriter conv = Node($"conv1d_{l}", "Conv", [current, weights, biases], convolved)
                .Message(NodeProto.Attribute, IntsAttribute("kernel_shape", [k]))
                .Message(NodeProto.Attribute, IntsAttribute("dilations", [layer.Dilation]))
                .Message(NodeProto.Attribute, IntsAttribute("strides", [1]))
                .Message(NodeProto.Attribute, IntsAttribute("pads", [(long)(k - 1) * layer.Dilation, 0])) // causal: all before
                .Message(NodeProto.Attribute, IntAttribute("group", 1));
            graph.Message(GraphProto.Node, conv);
            if (operatorType is not null)
            {
                ProtoWriter node = Node($"{operatorType.ToLowerInvariant()}_conv1d_{l}", operatorType, [convolved], output);
                if (operatorType == "LeakyRelu")
                {
                    node.Message(NodeProto.Attribute, FloatAttribute("alpha", OnnxActivations.LeakyReluAlpha));
                }

                graph.Message(GraphProto.Node, node);
            }

            current = output;
        }

        graph.Message(GraphProto.Node, Node("drop_batch", "Squeeze", [current, "axes_0"], "conv_features.channels_first"));
        graph.Message(GraphProto.Node, Node("steps_first", "Transpose", ["conv_features.channels_first"], "conv_features").Message(NodeProto.Attribute, IntsAttribute("perm", [1, 0])));
        current = "conv_features";
        return convolution.Layers.Count;
    }

    // GenNet's K × I × O row-major → ONNX's O × I × K row-major: element (k, i, o) to (o, i, k).
    private static T[] Reversed<T>(ReadOnlySpan<T> values, int kernel, int inputs, int outputs)
    {
        var reversed = new T[values.Length];
        for (int k = 0; k < kernel; k++)
        {
            for (int i = 0; i < inputs; i++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    reversed[(((o * inputs) + i) * kernel) + k] = values[(((k * inputs) + i) * outputs) + o];
                }
            }
        }

        return reversed;
    }
}
