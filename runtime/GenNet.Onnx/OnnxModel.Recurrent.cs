using System;
using GenNet.Onnx.Protobuf;

namespace GenNet.Persistence;

// Recurrent layers as ONNX's own RNN, GRU and LSTM operators (opset 13). GenNet keeps each layer's W and R input-major
// (I × G·U and U × G·U) so a step is one wide product per matrix; ONNX wants them gate-major ([1, G·U, I] and
// [1, G·U, U]), so they are transposed here. The gate order (LSTM i, o, f, c; GRU z, r, h) and the bias B = [Wb, Rb]
// are ONNX's already, and GenNet's GRU is ONNX's with linear_before_reset = 1 (PyTorch's).
public static partial class OnnxModel
{
    // The model's input is [steps, inputs] (one row per time step, one sequence from a zero state); the operators take
    // [steps, batch = 1, inputs] and return Y as [steps, directions = 1, batch = 1, units]. Returns the number of
    // recurrent layers; `current` names their output as [steps, units], ready for the dense Gemm layers.
    private static int WriteRecurrentStack<T>(ProtoWriter graph, RecurrentLayout recurrent, ReadOnlySpan<T> parameters, int elementType, ref string current)
        where T : unmanaged
    {
        string operatorType = recurrent.Cell switch
        {
            RecurrentCell.Rnn => "RNN",
            RecurrentCell.Gru => "GRU",
            RecurrentCell.Lstm => "LSTM",
            _ => throw new NotSupportedException($"The recurrent cell {recurrent.Cell} has no ONNX operator."),
        };

        graph.Message(GraphProto.Initializer, Tensor<long>("axes_1", TensorProto.Int64, [1], [1L]));
        graph.Message(GraphProto.Initializer, Tensor<long>("axes_1_2", TensorProto.Int64, [2], [1L, 2L]));
        graph.Message(GraphProto.Node, Node("steps_as_batch_of_one", "Unsqueeze", [current, "axes_1"], "recurrent_input"));
        current = "recurrent_input";

        foreach (RecurrentLayerLayout layer in recurrent.Layers)
        {
            int l = layer.Index, width = layer.Width;
            string prefix = $"recurrent_{l}";
            graph.Message(GraphProto.Initializer, Tensor($"{prefix}.W", elementType, [1, width, layer.Inputs],
                Transposed(parameters.Slice(layer.InputWeightOffset, layer.Inputs * width), layer.Inputs, width)));
            graph.Message(GraphProto.Initializer, Tensor($"{prefix}.R", elementType, [1, width, layer.Units],
                Transposed(parameters.Slice(layer.RecurrentWeightOffset, layer.Units * width), layer.Units, width)));
            graph.Message(GraphProto.Initializer, Tensor($"{prefix}.B", elementType, [1, 2 * width],
                parameters.Slice(layer.InputBiasOffset, 2 * width))); // Wb then Rb: contiguous, ONNX's B

            ProtoWriter node = Node($"{operatorType.ToLowerInvariant()}_{l}", operatorType, [current, $"{prefix}.W", $"{prefix}.R", $"{prefix}.B"], $"{prefix}.Y");
            node.Message(NodeProto.Attribute, IntAttribute("hidden_size", layer.Units));
            if (recurrent.Cell == RecurrentCell.Gru)
            {
                node.Message(NodeProto.Attribute, IntAttribute("linear_before_reset", 1));
            }

            graph.Message(GraphProto.Node, node);

            // Y [steps, 1, 1, units]: drop the direction axis for the next layer, both middle axes after the last.
            bool last = l + 1 == recurrent.Layers.Count;
            string output = last ? $"layer_{l + 1}" : $"{prefix}.sequence";
            graph.Message(GraphProto.Node, Node($"{prefix}.squeeze", "Squeeze", [$"{prefix}.Y", last ? "axes_1_2" : "axes_1"], output));
            current = output;
        }

        return recurrent.Layers.Count;
    }

    // [rows, columns] row-major → [columns, rows] row-major.
    private static T[] Transposed<T>(ReadOnlySpan<T> values, int rows, int columns)
    {
        var transposed = new T[values.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                transposed[(j * rows) + i] = values[(i * columns) + j];
            }
        }

        return transposed;
    }
}
