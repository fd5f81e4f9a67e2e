using System;
using System.Collections.Generic;
using System.Numerics;
using GenNet.Onnx;
using GenNet.Onnx.Import;

namespace GenNet.Persistence;

// Importing image layers: the model's Conv, MaxPool and AveragePool nodes must be the network's image layers one for
// one (kind, channels, kernel, stride, padding, batch normalisation, activation); Conv W [O, C, KH, KW] and B [O] are
// GenNet's layout as they are, so they are copied unchanged.
public static partial class OnnxModel
{
    // Returns the number of image layers (0 for a network without them, whose model must have none). `parameters` holds
    // the running statistics after the parameters when the network is batch-normalised.
    private static int ReadImageLayers<T>(NetworkArchitecture architecture, List<ImageLayer> layers, T[] parameters, WeightLoadOptions options, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ImageLayout? image = architecture.Image;
        int expected = image?.Layers.Count ?? 0;
        if (layers.Count != expected || layers.Exists(layer => layer.OperatorType != OperatorOf(image!.Layers[layers.IndexOf(layer)].Kind)))
        {
            string network = image is null ? "none" : string.Join(", ", ImageOperators(image));
            string model = layers.Count == 0 ? "none" : string.Join(", ", layers.ConvertAll(layer => layer.OperatorType));
            throw new ArchitectureMismatchException($"{expected} image layers ({network})", $"{layers.Count} ({model})",
                $"{source} opens with {layers.Count} image layers ({model}); the network '{architecture.Signature}' has {expected} ({network}).");
        }

        int statistics = 0; // running statistics read: the normalised Conv2D layers' channels, layer after layer
        for (int l = 0; l < expected; l++)
        {
            ImageLayer layer = layers[l];
            ImageLayerLayout layout = image!.Layers[l];
            string want = $"kernel {layout.KernelHeight}×{layout.KernelWidth}, stride {layout.StrideY}×{layout.StrideX}, padding {layout.PadY}×{layout.PadX}"
                + (layout.Groups != 1 || layer.Groups != 1 ? $", {layout.Groups} groups" : string.Empty);
            string got = $"kernel {layer.KernelHeight}×{layer.KernelWidth}, stride {layer.StrideY}×{layer.StrideX}, padding {layer.PadY}×{layer.PadX}"
                + (layout.Groups != 1 || layer.Groups != 1 ? $", {layer.Groups} groups" : string.Empty);
            if (want != got)
            {
                throw new ArchitectureMismatchException(want, got, $"image layer {l} ({layer.OperatorType}) needs {want}; the model's {layer.Description} has {got}.");
            }

            if (layout.Kind != ImageLayerKind.Convolution)
            {
                continue;
            }

            OnnxTensor w = layer.W!;
            string shape = $"[{layout.OutChannels}, {layout.GroupInChannels}, {layout.KernelHeight}, {layout.KernelWidth}]";
            if (w.ShapeText != shape)
            {
                throw new ArchitectureMismatchException(shape, w.ShapeText,
                    $"image layer {l} (Conv) needs weights of shape {shape} (out channels, in channels per group, KH, KW); the model's '{w.Name}' is {w.ShapeText}.");
            }

            if (layer.B is null)
            {
                throw new ArchitectureMismatchException($"a bias of shape [{layout.OutChannels}]", "no bias",
                    $"image layer {l} (Conv): GenNet's Conv2D layers have a bias; the model's {layer.Description} has none.");
            }

            string activation = ImageLayout.ActivationOf(architecture.Activations[l]);
            if (!OnnxActivations.SameFunction(layer.Activation, activation))
            {
                throw new ArchitectureMismatchException(activation, layer.Activation,
                    $"layer_{l + 1}: the network applies {activation} after its Conv2D; the model applies {layer.Activation} after '{w.Name}'.");
            }

            Convert(w.Values, parameters.AsSpan(layout.WeightOffset, layout.WeightCount), $"'{w.Name}'", 0, options, source);
            Convert(layer.B.Values, parameters.AsSpan(layout.BiasOffset, layout.OutChannels), $"'{layer.B.Name}'", 0, options, source);
            ReadBatchNormalization(layer.Normalization, layout.Normalized, layout.OutChannels, layout.GammaOffset, layout.BetaOffset, parameters, architecture,
                ref statistics, $"layer_{l + 1} (Conv2D)", w.Name, options, source);
        }

        return expected;
    }

    // An image model's declared input [N, C, H, W] must be the network's image where it gives a size: a map of another
    // height and width could flatten to as many features and load silently wrong. An input without a shape is not checked.
    private static void CheckImageInput(NetworkArchitecture architecture, OnnxGraph graph, string source)
    {
        if (architecture.Image is not { } image)
        {
            return;
        }

        ImageLayerLayout first = image.Layers[0];
        string input = graph.Inputs.Find(name => !graph.Initializers.ContainsKey(name))!;
        if (graph.InputShapes.GetValueOrDefault(input) is not { } shape)
        {
            return;
        }

        long[] expected = [first.InChannels, first.Height, first.Width];
        bool fits = shape.Length == 4;
        for (int i = 0; fits && i < 3; i++)
        {
            fits = shape[i + 1] == -1 || shape[i + 1] == expected[i];
        }

        if (!fits)
        {
            string declared = $"[{string.Join(", ", Array.ConvertAll(shape, dim => dim < 0 ? "?" : dim.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
            throw new ArchitectureMismatchException($"[batch, {first.InChannels}, {first.Height}, {first.Width}]", declared,
                $"{source} declares its input '{input}' as {declared}; the network '{architecture.Signature}' reads images of {first.InChannels}×{first.Height}×{first.Width} as [batch, C, H, W].");
        }
    }

    private static string OperatorOf(ImageLayerKind kind) => kind switch
    {
        ImageLayerKind.Convolution => "Conv",
        ImageLayerKind.MaxPooling => "MaxPool",
        _ => "AveragePool",
    };

    private static IEnumerable<string> ImageOperators(ImageLayout image)
    {
        foreach (ImageLayerLayout layer in image.Layers)
        {
            yield return OperatorOf(layer.Kind);
        }
    }
}
