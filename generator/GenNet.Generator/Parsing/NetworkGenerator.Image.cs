using System.Linq;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;
using Microsoft.CodeAnalysis;

namespace GenNet.Generator;

public sealed partial class NetworkGenerator
{
    private sealed partial class ArgumentReader
    {
        private const string DefaultImageActivation = "global::GenNet.Activations.Tanh";

        // The arguments that only an image network reads.
        private static readonly string[] ImageArguments = { "Strides", "Paddings", "Pooling", "Poolings", "PoolSize" };

        // The largest map an image layer may read or write (C·H·W values): 16 Mi, as the parameter limit.
        private const long MaxMapLength = 16L * 1024 * 1024;

        /// <summary>Whether the attribute declares an image network (InputShape).</summary>
        private bool IsImage => Has("InputShape");

        // The image arguments without InputShape: they would be silently ignored, so they are refused (GN0015).
        private void RefuseImageArguments()
        {
            foreach (string name in ImageArguments.Where(Has))
            {
                if (name is "Strides" or "Pooling" or "Poolings" or "PoolSize")
                {
                    // Conv1D layers have strides and pooling too (read by ReadConvolution); without Convolution there is nothing to stride or pool.
                    if (!Has("Convolution"))
                    {
                        Report(DiagnosticDescriptors.ImageUnsupported, Location(name), name, "it needs Convolution (Conv1D layers) or InputShape = new[] { channels, height, width } (an image network)");
                    }

                    continue;
                }

                Report(DiagnosticDescriptors.ImageUnsupported, Location(name), name, "it belongs to an image network, which needs InputShape = new[] { channels, height, width }");
            }
        }

        // InputShape with Convolution, KernelSize(s), Strides, Paddings, Pooling(s), PoolSize and ConvolutionActivation: the
        // Conv2D and pooling layers of an image network. Every map's shape is checked here (GN0014 at the argument that
        // sets the window); the options GenNet cannot yet combine with images are refused (GN0015).
        private ImageSpec? ReadImage(int inputs, bool recurrent, bool bias, double dropout, bool batchNormalization, ArithmeticKind arithmetic)
        {
            int problemsBefore = _diagnostics.Count;
            int[] shape = ReadInts("InputShape") ?? new int[0];
            if (shape.Length != 3)
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("InputShape"), "InputShape", "three sizes, new[] { channels, height, width }", shape.Length + " values");
                return null;
            }

            CheckSize("InputShape[0] (channels)", shape[0], minimum: 1, Location("InputShape"));
            CheckSize("InputShape[1] (height)", shape[1], minimum: 1, Location("InputShape"));
            CheckSize("InputShape[2] (width)", shape[2], minimum: 1, Location("InputShape"));
            long inputLength = (long)shape[0] * shape[1] * shape[2];
            if (_diagnostics.Count == problemsBefore && inputLength > MaxMapLength)
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("InputShape"), "InputShape", $"an image of at most {MaxMapLength} values", inputLength + " values");
            }

            if (Has("Inputs") && inputs != inputLength)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location("Inputs"), $"Inputs = {inputs}", $"an image network's inputs are InputShape's C·H·W = {inputLength}; remove the argument");
            }

            int[]? channels = ReadInts("Convolution");
            if (channels is null || channels.Length == 0)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location(channels is null ? "InputShape" : "Convolution"), "InputShape", "it needs Convolution = new[] { … }, the output channels of each Conv2D layer");
                return null;
            }

            int count = channels.Length;
            if (count > MaxHiddenLayers)
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("Convolution"), "Convolution", $"from 1 to {MaxHiddenLayers} channel counts", count);
            }

            for (int i = 0; i < count; i++)
            {
                CheckSize($"Convolution[{i}]", channels[i], minimum: 1, Location("Convolution"));
            }

            int[] kernels = PerLayer("KernelSize", "KernelSizes", count, 3, "kernel size", minimum: 1);
            int[] strides = PerLayer(null, "Strides", count, 1, "stride", minimum: 1);
            int[] paddings = PerLayer(null, "Paddings", count, 0, "padding", minimum: 0);
            int[] groups = PerLayer(null, "Groups", count, 1, "group count", minimum: 1);
            for (int i = 0, below = shape[0]; i < groups.Length && i < count; below = channels[i], i++)
            {
                // Each group of C/G input channels feeds its own O/G outputs: G must divide both.
                if (groups[i] >= 1 && (below % groups[i] != 0 || channels[i] % groups[i] != 0))
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Groups"), $"Groups[{i}]", $"a divisor of both the layer's input channels ({below}) and its output channels ({channels[i]})", groups[i]);
                    break;
                }
            }

            int[] poolings = PerLayer("Pooling", "Poolings", count, 0, "pooling", minimum: 0);
            for (int i = 0; i < poolings.Length; i++)
            {
                if (poolings[i] > 2)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location(Has("Poolings") ? "Poolings" : "Pooling"), Has("Poolings") ? $"Poolings[{i}]" : "Pooling", "PoolingKind.None, Max or Average", $"(PoolingKind){poolings[i]}");
                    break;
                }
            }

            int poolSize = 2;
            if (Has("PoolSize"))
            {
                poolSize = (int)_attribute.NamedArguments.First(a => a.Key == "PoolSize").Value.Value!;
                if (poolSize < 1 || poolSize > MaxLayerSize)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("PoolSize"), "PoolSize", $"from 1 to {MaxLayerSize}", poolSize);
                }
            }

            string activation = DefaultImageActivation;
            if (Has("ConvolutionActivation"))
            {
                var type = _attribute.NamedArguments.First(a => a.Key == "ConvolutionActivation").Value.Value as ITypeSymbol;
                activation = Resolve("ConvolutionActivation", type, allowSoftmax: false, Location("ConvolutionActivation"));
                if (_fromInput.Contains(activation))
                {
                    Report(DiagnosticDescriptors.ImageUnsupported, Location("ConvolutionActivation"), "An activation whose derivative needs its input (IActivationFromInput)", "choose an IActivation such as ReLU or Tanh");
                }
            }

            RefuseWithImages(recurrent, bias, dropout, batchNormalization, arithmetic);
            if (_diagnostics.Count > problemsBefore)
            {
                return null;
            }

            // Walk the maps: each Conv2D layer, then its pooling.
            int c = shape[0], h = shape[1], w = shape[2];
            for (int l = 0; l < count; l++)
            {
                string kernelArgument = Has("KernelSizes") ? "KernelSizes" : "KernelSize";
                string kernelName = Has("KernelSizes") ? $"KernelSizes[{l}] = {kernels[l]}" : $"KernelSize = {kernels[l]}";
                if ((long)h + (2L * paddings[l]) < kernels[l] || (long)w + (2L * paddings[l]) < kernels[l])
                {
                    Report(DiagnosticDescriptors.ImageShapeMismatch, Location(Has(kernelArgument) ? kernelArgument : "InputShape"), kernelName,
                        $"Conv2D layer {l} reads a {c}×{h}×{w} map (padding {paddings[l]}), smaller than its {kernels[l]}×{kernels[l]} kernel");
                    return null;
                }

                c = channels[l];
                h = ((h + (2 * paddings[l]) - kernels[l]) / strides[l]) + 1;
                w = ((w + (2 * paddings[l]) - kernels[l]) / strides[l]) + 1;
                if ((long)c * h * w > MaxMapLength)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Convolution"), $"Convolution[{l}]", $"a layer whose {c}×{h}×{w} output map has at most {MaxMapLength} values", (long)c * h * w + " values");
                    return null;
                }

                if (poolings[l] != 0 && (h < poolSize || w < poolSize))
                {
                    Report(DiagnosticDescriptors.ImageShapeMismatch, Location(Has("PoolSize") ? "PoolSize" : Has("Poolings") ? "Poolings" : "Pooling"), $"PoolSize = {poolSize}",
                        $"the pooling after Conv2D layer {l} reads a {c}×{h}×{w} map, smaller than its {poolSize}×{poolSize} window");
                    return null;
                }

                if (poolings[l] != 0)
                {
                    h = ((h - poolSize) / poolSize) + 1;
                    w = ((w - poolSize) / poolSize) + 1;
                }
            }

            return new ImageSpec(shape[0], shape[1], shape[2], channels.ToEquatableArray(), kernels.ToEquatableArray(), strides.ToEquatableArray(),
                paddings.ToEquatableArray(), groups.ToEquatableArray(), poolings.ToEquatableArray(), poolSize, activation);
        }

        // The options an image network has no generated form for yet (GN0015).
        private void RefuseWithImages(bool recurrent, bool bias, double dropout, bool batchNormalization, ArithmeticKind arithmetic)
        {
            if (Has("Dilations"))
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location("Dilations"), "Dilations", "image networks have no dilated Conv2D layers yet; remove it");
            }

            if (recurrent)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location(Has("Recurrent") ? "Recurrent" : "RecurrentLayers"), "Recurrent", "a network has image layers or recurrent layers, not both");
            }

            if (dropout > 0 && !Has("Hidden") && (ReadInts("HiddenLayers") ?? new int[0]).Length == 0)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location("Dropout"), "Dropout", "dropout acts on the dense hidden layers, and this network has none; add Hidden or HiddenLayers, or remove it");
            }

            if (batchNormalization && dropout > 0)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "Dropout", "use one or the other; combining them is not supported");
            }

            if (!bias)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location("Bias"), "Bias = false", "Conv2D and dense layers always have their biases here; remove the argument");
            }

            if (arithmetic != ArithmeticKind.Fast)
            {
                Report(DiagnosticDescriptors.ImageUnsupported, Location("Arithmetic"), "Arithmetic = NetworkArithmetic.NumpyCompatible", "image layers compute with vectorised kernels only; remove the argument");
            }
        }

        // One value per Conv2D layer: the array argument (one per layer), or the scalar one repeated, or the default.
        private int[] PerLayer(string? scalar, string array, int count, int fallback, string what, int minimum, string layers = "Conv2D")
        {
            int[] values = Enumerable.Repeat(fallback, count).ToArray();
            int[]? perLayer = ReadInts(array);
            if (perLayer is not null)
            {
                if (scalar is not null && Has(scalar))
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, Location(scalar), scalar, array, $"give every layer's {what} in {array}");
                }

                if (perLayer.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location(array), array, $"one {what} per {layers} layer ({count})", perLayer.Length);
                    return values;
                }

                values = perLayer;
            }
            else if (scalar is not null && Has(scalar))
            {
                int value = (int)_attribute.NamedArguments.First(a => a.Key == scalar).Value.Value!;
                values = Enumerable.Repeat(value, count).ToArray();
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < minimum || values[i] > MaxLayerSize)
                {
                    bool fromArray = perLayer is not null;
                    Report(DiagnosticDescriptors.InvalidArgument, Location(fromArray ? array : scalar ?? array), fromArray ? $"{array}[{i}]" : scalar ?? array, $"from {minimum} to {MaxLayerSize}", values[i]);
                    break;
                }
            }

            return values;
        }

        /// <summary>The flattened length of the last map: the first dense layer's width.</summary>
        private static int FlattenedLength(ImageSpec image) => ImagePlanning.Create(image).OutputLength;
    }
}
