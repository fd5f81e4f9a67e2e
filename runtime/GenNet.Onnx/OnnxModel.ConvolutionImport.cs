using System;
using System.Collections.Generic;
using System.Numerics;
using GenNet.Onnx;
using GenNet.Onnx.Import;

namespace GenNet.Persistence;

// Importing Conv1D layers: the model's 1-D Conv nodes must be the network's Conv1D layers one for one (channels, kernel
// size, dilation, groups, activation); ONNX's W [O, I/G, K] is GenNet's K × G × (I/G) × (O/G) with its axes reversed, so
// it is reversed back.
public static partial class OnnxModel
{
    // Returns the number of Conv1D layers (0 for a network without them, whose model must have none).
    private static int ReadConvolutionLayers<T>(NetworkArchitecture architecture, List<TemporalLayer> layers, T[] parameters, WeightLoadOptions options, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ConvolutionLayout? convolution = architecture.Convolution;
        int expected = convolution?.Layers.Count ?? 0;
        if (layers.Count != expected)
        {
            throw new ArchitectureMismatchException($"{expected} Conv1D layers", $"{layers.Count}",
                $"{source} opens with {layers.Count} Conv1D layers; the network '{architecture.Signature}' has {expected}.");
        }

        int statistics = 0; // running statistics read: the normalised Conv1D layers' channels, layer after layer
        for (int l = 0; l < expected; l++)
        {
            TemporalLayer layer = layers[l];
            ConvolutionLayerLayout layout = convolution!.Layers[l];
            string shape = $"[{layout.Channels}, {layout.GroupInputs}, {layout.KernelSize}]";
            if (layer.W.ShapeText != shape || layer.Dilation != layout.Dilation || layer.Groups != layout.Groups)
            {
                throw new ArchitectureMismatchException($"{shape}, dilation {layout.Dilation}, {layout.Groups} groups", $"{layer.W.ShapeText}, dilation {layer.Dilation}, {layer.Groups} groups",
                    $"Conv1D layer {l} needs weights of shape {shape} (out channels, in channels per group, K), dilation {layout.Dilation} and {layout.Groups} groups; the model's {layer.Description} has {layer.W.ShapeText}, dilation {layer.Dilation} and {layer.Groups} groups.");
            }

            string pooling = layout.Pooling switch { PoolingKind.Max => "MaxPool", PoolingKind.Average => "AveragePool", _ => "none" };
            if (layer.Stride != layout.Stride || (layer.Pooling ?? "none") != pooling || (layer.Pooling is not null && layer.PoolSize != layout.PoolSize))
            {
                string wanted = $"stride {layout.Stride}, pooling {pooling}{(layout.Pooling == PoolingKind.None ? string.Empty : $" of {layout.PoolSize}")}";
                string theirs = $"stride {layer.Stride}, pooling {layer.Pooling ?? "none"}{(layer.Pooling is null ? string.Empty : $" of {layer.PoolSize}")}";
                throw new ArchitectureMismatchException(wanted, theirs, $"Conv1D layer {l} has {wanted}; the model's {layer.Description} has {theirs}.");
            }

            if (layer.B is null)
            {
                throw new ArchitectureMismatchException($"a bias of shape [{layout.Channels}]", "no bias",
                    $"Conv1D layer {l}: GenNet's Conv1D layers have a bias; the model's {layer.Description} has none.");
            }

            string activation = ConvolutionLayout.ActivationOf(architecture.Activations[l]);
            if (!OnnxActivations.SameFunction(layer.Activation, activation))
            {
                throw new ArchitectureMismatchException(activation, layer.Activation,
                    $"layer_{l + 1}: the network applies {activation} after its Conv1D; the model applies {layer.Activation} after '{layer.W.Name}'.");
            }

            // ONNX's [O, I/G, K] back to K × G × (I/G) × (O/G): output channel g·O/G + o of tap k into group g's block.
            int k = layout.KernelSize, groups = layout.Groups, i = layout.GroupInputs, o = layout.GroupChannels;
            double[] ours = new double[layer.W.Values.Length];
            for (int tap = 0; tap < k; tap++)
            {
                for (int g = 0; g < groups; g++)
                {
                    for (int channel = 0; channel < i; channel++)
                    {
                        for (int output = 0; output < o; output++)
                        {
                            ours[(((((tap * groups) + g) * i) + channel) * o) + output] = layer.W.Values[(((((g * o) + output) * i) + channel) * k) + tap];
                        }
                    }
                }
            }

            Convert(ours, parameters.AsSpan(layout.WeightOffset, layout.WeightCount), $"'{layer.W.Name}'", 0, options, source);
            Convert(layer.B.Values, parameters.AsSpan(layout.BiasOffset, layout.Channels), $"'{layer.B.Name}'", 0, options, source);
            ReadBatchNormalization(layer.Normalization, layout.Normalized, layout.Channels, layout.GammaOffset, layout.BetaOffset, parameters, architecture,
                ref statistics, $"layer_{l + 1} (Conv1D)", layer.W.Name, options, source);
        }

        return expected;
    }
}
