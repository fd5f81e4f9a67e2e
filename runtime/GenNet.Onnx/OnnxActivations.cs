using System;
using System.Collections.Generic;
using System.Globalization;
using GenNet.Activations;

namespace GenNet.Onnx;

/// <summary>The ONNX operator of each GenNet activation, both ways.</summary>
internal static class OnnxActivations
{
    /// <summary>GenNet's LeakyReLU slope as ONNX's float <c>alpha</c> attribute.</summary>
    public const float LeakyReluAlpha = (float)LeakyReLU.NegativeSlope;

    private static readonly Dictionary<string, string?> OperatorByActivation = new(StringComparer.Ordinal)
    {
        [typeof(Sigmoid).FullName!] = "Sigmoid",
        [typeof(Tanh).FullName!] = "Tanh",
        [typeof(ReLU).FullName!] = "Relu",
        [typeof(LeakyReLU).FullName!] = "LeakyRelu",
        [typeof(Softmax).FullName!] = "Softmax",
        [typeof(Linear).FullName!] = null, // no node: the Gemm's output is the layer's output

        // The same functions with portable arithmetic: ONNX's operators, computed by the runtime's own exp and tanh.
        [typeof(PortableSigmoid).FullName!] = "Sigmoid",
        [typeof(PortableTanh).FullName!] = "Tanh",
        [typeof(PortableSoftmax).FullName!] = "Softmax",
    };

    /// <summary>The GenNet activations that export, for messages.</summary>
    public static string Supported => "Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax, PortableSigmoid, PortableTanh and PortableSoftmax";

    public static string LinearName => typeof(Linear).FullName!;

    /// <summary>The ONNX operator for a GenNet activation (null for Linear); false for an activation ONNX has no operator for.</summary>
    public static bool TryGetOperator(string activation, out string? operatorType) =>
        OperatorByActivation.TryGetValue(activation, out operatorType);

    /// <summary>
    /// The GenNet activation an ONNX activation node computes, or a description such as <c>LeakyRelu(alpha=0.2)</c>
    /// (which no GenNet activation equals) when there is none.
    /// </summary>
    public static string FromOperator(string operatorType, float? alpha)
    {
        if (operatorType == "LeakyRelu" && (alpha ?? 0.01f) != LeakyReluAlpha)
        {
            return $"LeakyRelu(alpha={alpha!.Value.ToString(CultureInfo.InvariantCulture)})";
        }

        foreach ((string activation, string? op) in OperatorByActivation)
        {
            if (op == operatorType)
            {
                return activation;
            }
        }

        return operatorType;
    }

    /// <summary>Whether a model's activation (from <see cref="FromOperator"/>) computes the network's: the same name, or the
    /// same ONNX operator (a <see cref="Sigmoid"/> node loads into a <see cref="PortableSigmoid"/> layer).</summary>
    public static bool SameFunction(string modelActivation, string networkActivation) =>
        modelActivation == networkActivation
        || (OperatorByActivation.TryGetValue(modelActivation, out string? model)
            && OperatorByActivation.TryGetValue(networkActivation, out string? network)
            && model == network);

    public static bool IsActivationOperator(string operatorType) =>
        operatorType is "Sigmoid" or "Tanh" or "Relu" or "LeakyRelu" or "Softmax";
}
