using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using GenNet.Networks;
using GenNet.Onnx.Import;
using GenNet.Persistence;

namespace GenNet.Onnx;

/// <summary>
/// Loads the weights of an ONNX model into a generated network of the same shape: a model exported by GenNet, or a
/// multilayer perceptron from another framework (e.g. PyTorch's <c>nn.Linear</c> layers exported with
/// <c>torch.onnx.export</c>).
/// </summary>
/// <remarks>
/// The model must be a chain of <c>Gemm</c> (or <c>MatMul</c> + <c>Add</c>) layers, each optionally followed by
/// <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c> (alpha 0.01) or <c>Softmax</c>. Every layer's weight
/// shape, bias and activation must match the network's; the model is checked whole before any weight changes.
/// Float models load into double networks exactly; double models into float networks rounded.
/// </remarks>
public static class OnnxImporter
{
    /// <summary>Replaces <paramref name="network"/>'s weights with those of the ONNX model in <paramref name="path"/>.</summary>
    /// <exception cref="ArchitectureMismatchException">The model's layers, shapes, biases or activations differ from the network's.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, is damaged, or is not a chain of dense layers.</exception>
    public static void LoadWeights<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        LoadWeights(network, File.ReadAllBytes(path), $"'{path}'");
    }

    /// <summary>Replaces <paramref name="network"/>'s weights with those of the serialized ONNX model <paramref name="model"/>.</summary>
    /// <inheritdoc cref="LoadWeights{T}(INetwork{T}, string)"/>
    public static void LoadWeights<T>(INetwork<T> network, byte[] model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        LoadWeights(network, model, "The ONNX model");
    }

    private static void LoadWeights<T>(INetwork<T> network, byte[] model, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        List<DenseLayer> layers = DenseChain.Read(OnnxGraph.Parse(model, source), source);
        NetworkArchitecture architecture = network.Architecture;
        if (architecture.BatchNormalization)
        {
            throw new NotSupportedException(
                $"'{architecture.Signature}' is batch-normalised; ONNX import reads dense layers only. Use WeightFile to move a batch-normalised network.");
        }

        IReadOnlyList<int> sizes = architecture.LayerSizes;
        if (layers.Count != sizes.Count - 1)
        {
            throw new ArchitectureMismatchException($"{sizes.Count - 1} layers", $"{layers.Count} layers",
                $"{source} has {layers.Count} dense layers; the network '{architecture.Signature}' has {sizes.Count - 1} synapses.");
        }

        int bias = architecture.HasBias ? 1 : 0;
        var parameters = new T[architecture.ParameterCount];
        int offset = 0;
        for (int s = 0; s < layers.Count; s++)
        {
            DenseLayer layer = layers[s];
            int below = sizes[s], above = sizes[s + 1];
            string synapse = $"synapse_{s} (layer_{s} → layer_{s + 1})";
            if (layer.Inputs != below || layer.Outputs != above)
            {
                throw new ArchitectureMismatchException($"({below}, {above})", $"({layer.Inputs}, {layer.Outputs})",
                    $"{synapse} needs weights of shape ({below}, {above}) (inputs × outputs); the model's '{layer.WeightName}' is {layer.WeightShape}" +
                    (layer.Inputs > 0 ? $", i.e. ({layer.Inputs}, {layer.Outputs})." : "."));
            }

            if ((layer.Bias is not null) != architecture.HasBias)
            {
                throw new ArchitectureMismatchException(
                    architecture.HasBias ? $"a bias of shape ({above},)" : "no bias",
                    layer.Bias is null ? "no bias" : $"a bias of shape ({above},)",
                    $"{synapse}: the network {(architecture.HasBias ? "has bias units" : "has no bias units")}; " +
                    $"the model's layer '{layer.WeightName}' {(layer.Bias is null ? "has no bias" : "has a bias")}. Declare the network with Bias = {(layer.Bias is not null ? "true" : "false")}.");
            }

            if (!OnnxActivations.SameFunction(layer.Activation, architecture.Activations[s]))
            {
                throw new ArchitectureMismatchException(architecture.Activations[s], layer.Activation,
                    $"layer_{s + 1}: the network applies {architecture.Activations[s]}; the model applies {layer.Activation} after '{layer.WeightName}'.");
            }

            Convert(layer.Weights, parameters.AsSpan(offset, below * above));
            if (layer.Bias is not null)
            {
                Convert(layer.Bias, parameters.AsSpan(offset + below * above, above));
            }

            offset += (below + bias) * above;
        }

        TrainingLock.Enter(network); // not while another thread trains it: the weights would mix
        try
        {
            parameters.CopyTo(network.Parameters);
        }
        finally
        {
            TrainingLock.Exit(network);
        }
    }

    private static void Convert<T>(ReadOnlySpan<double> source, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateTruncating(source[i]);
        }
    }
}
