using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace GenNet.Onnx.Tests;

/// <summary>Runs a serialized ONNX model in ONNX Runtime: the independent reference for exported models.</summary>
internal static class OnnxRuntimeReference
{
    public static T[] Run<T>(byte[] model, T[] inputs, int inputCount, string inputName = "input", string outputName = "output")
        where T : unmanaged
        => Run(model, inputs, [inputs.Length / inputCount, inputCount], inputName, outputName);

    /// <summary>Runs the model on an input of the given shape, e.g. images as [N, C, H, W].</summary>
    public static T[] Run<T>(byte[] model, T[] inputs, long[] shape, string inputName = "input", string outputName = "output")
        where T : unmanaged
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model, options);
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [inputName], [input], [outputName]);
        return outputs.Single().GetTensorDataAsSpan<T>().ToArray();
    }
}
