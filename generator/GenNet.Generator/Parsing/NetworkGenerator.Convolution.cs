using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenNet.Generator;

public sealed partial class NetworkGenerator
{
    private sealed partial class ArgumentReader
    {
        private const string DefaultConvolutionActivation = "global::GenNet.Activations.Tanh";

        private static readonly string[] ConvolutionArguments = { "KernelSize", "KernelSizes", "Dilations", "Groups", "ConvolutionActivation" };

        // Convolution, with KernelSize or KernelSizes, Dilations, Groups, Strides and ConvolutionActivation: a causal Conv1D
        // stack. Reads its own arguments; the options GenNet cannot yet combine with it are refused (GN0013).
        private ConvolutionSpec? ReadConvolution(int inputs, bool recurrent, bool bias, double dropout, bool batchNormalization, ArithmeticKind arithmetic)
        {
            int[]? channels = ReadInts("Convolution");
            if (channels is null)
            {
                foreach (string name in ConvolutionArguments.Where(Has))
                {
                    Report(DiagnosticDescriptors.ConvolutionUnsupported, Location(name), name, "it needs Convolution = new[] { … }, the output channels of each Conv1D layer");
                }

                return null;
            }

            int problemsBefore = _diagnostics.Count;
            int count = channels.Length;
            if (count == 0 || count > MaxHiddenLayers)
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("Convolution"), "Convolution", $"from 1 to {MaxHiddenLayers} channel counts", count);
            }

            for (int i = 0; i < count; i++)
            {
                CheckSize($"Convolution[{i}]", channels[i], minimum: 1, Location("Convolution"));
            }

            int[] kernels = Enumerable.Repeat(3, count).ToArray();
            int[]? perLayer = ReadInts("KernelSizes");
            if (perLayer is not null)
            {
                if (Has("KernelSize"))
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, Location("KernelSize"), "KernelSize", "KernelSizes", "give every layer's kernel size in KernelSizes");
                }

                if (perLayer.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("KernelSizes"), "KernelSizes", $"one kernel size per Conv1D layer ({count})", perLayer.Length);
                }
                else
                {
                    kernels = perLayer;
                }
            }
            else if (Has("KernelSize"))
            {
                int kernel = (int)_attribute.NamedArguments.First(a => a.Key == "KernelSize").Value.Value!;
                kernels = Enumerable.Repeat(kernel, count).ToArray();
            }

            for (int i = 0; i < kernels.Length; i++)
            {
                if (kernels[i] < 1 || kernels[i] > MaxLayerSize)
                {
                    string name = perLayer is null ? "KernelSize" : $"KernelSizes[{i}]";
                    Report(DiagnosticDescriptors.InvalidArgument, Location(perLayer is null ? "KernelSize" : "KernelSizes"), name, $"from 1 to {MaxLayerSize}", kernels[i]);
                    break;
                }
            }

            int[] dilations = Enumerable.Repeat(1, count).ToArray();
            int[]? givenDilations = ReadInts("Dilations");
            if (givenDilations is not null)
            {
                if (givenDilations.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Dilations"), "Dilations", $"one dilation per Conv1D layer ({count})", givenDilations.Length);
                }
                else
                {
                    dilations = givenDilations;
                }
            }

            for (int i = 0; i < dilations.Length; i++)
            {
                // The history a layer keeps, (K − 1)·d + 1 samples, must stay a layer size.
                if (dilations[i] < 1 || (long)(kernels[i] - 1) * dilations[i] >= MaxLayerSize)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Dilations"), $"Dilations[{i}]", $"at least 1, with (KernelSize − 1)·dilation below {MaxLayerSize}", dilations[i]);
                    break;
                }
            }

            int[] groups = Enumerable.Repeat(1, count).ToArray();
            int[]? givenGroups = ReadInts("Groups");
            if (givenGroups is not null)
            {
                if (givenGroups.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Groups"), "Groups", $"one group count per Conv1D layer ({count})", givenGroups.Length);
                }
                else
                {
                    groups = givenGroups;
                }
            }

            for (int i = 0, below = inputs; i < groups.Length && i < count; below = channels[i], i++)
            {
                // Each group of I/G inputs feeds its own O/G outputs: G must divide both.
                if (groups[i] < 1 || below % groups[i] != 0 || channels[i] % groups[i] != 0)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Groups"), $"Groups[{i}]", $"a divisor of both the layer's input channels ({below}) and its output channels ({channels[i]})", groups[i]);
                    break;
                }
            }

            // A stride s convolves every s-th sample and holds the output in between (RTNeural's StridedConv1D).
            int[] strides = Enumerable.Repeat(1, count).ToArray();
            int[]? givenStrides = ReadInts("Strides");
            if (givenStrides is not null)
            {
                if (givenStrides.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Strides"), "Strides", $"one stride per Conv1D layer ({count})", givenStrides.Length);
                }
                else
                {
                    strides = givenStrides;
                }
            }

            for (int i = 0; i < strides.Length; i++)
            {
                if (strides[i] < 1 || strides[i] > MaxLayerSize)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("Strides"), $"Strides[{i}]", $"from 1 to {MaxLayerSize}", strides[i]);
                    break;
                }
            }

            // Max or average pooling after a layer: windows of PoolSize outputs, each pooled value held until the next window completes.
            int[] poolings = PerLayer("Pooling", "Poolings", count, 0, "pooling", minimum: 0, layers: "Conv1D");
            for (int i = 0; i < poolings.Length; i++)
            {
                if (poolings[i] > 2)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location(Has("Poolings") ? "Poolings" : "Pooling"), Has("Poolings") ? $"Poolings[{i}]" : "Pooling", "PoolingKind.None, Max or Average", $"(PoolingKind){poolings[i]}");
                    break;
                }

                if (poolings[i] != 0 && strides.Length == poolings.Length && strides[i] > 1)
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, Location(Has("Poolings") ? "Poolings" : "Pooling"), $"Pooling after Conv1D layer {i}", $"its stride ({strides[i]})",
                        "a layer either strides or pools; pool, or stride, not both");
                    break;
                }
            }

            int poolSize = 2;
            if (Has("PoolSize"))
            {
                poolSize = (int)_attribute.NamedArguments.First(a => a.Key == "PoolSize").Value.Value!;
                if (poolSize < 2 || poolSize > MaxLayerSize)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("PoolSize"), "PoolSize", $"from 2 to {MaxLayerSize} after Conv1D layers", poolSize);
                }
            }

            if (batchNormalization && poolings.Any(k => k != 0))
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "Conv1D pooling", "a pooled layer's held outputs and batch statistics are not combined; use one or the other");
            }

            string activation = DefaultConvolutionActivation;
            if (Has("ConvolutionActivation"))
            {
                var type = _attribute.NamedArguments.First(a => a.Key == "ConvolutionActivation").Value.Value as ITypeSymbol;
                activation = Resolve("ConvolutionActivation", type, allowSoftmax: false, Location("ConvolutionActivation"));
                if (_fromInput.Contains(activation))
                {
                    Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("ConvolutionActivation"), "An activation whose derivative needs its input (IActivationFromInput)", "choose an IActivation such as Tanh or ReLU");
                }
            }

            if (recurrent)
            {
                Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("Convolution"), "Recurrent", "a network has Conv1D layers or recurrent layers, not both");
            }

            if (dropout > 0)
            {
                Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("Dropout"), "Dropout", "remove it (dropout in a streaming network is not generated)");
            }

            // Batch normalisation normalises each Conv1D layer per channel over the steps of the sequence trained on.
            if (batchNormalization && (Has("Hidden") || (ReadInts("HiddenLayers") ?? new int[0]).Length > 0))
            {
                Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("BatchNormalization"), "BatchNormalization with dense hidden layers",
                    "it normalises the Conv1D layers only; remove Hidden/HiddenLayers or BatchNormalization");
            }
            else if (batchNormalization && strides.Any(s => s > 1))
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "Strides", "a strided layer's held outputs and batch statistics are not combined; use one or the other");
            }

            if (!bias)
            {
                Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("Bias"), "Bias = false", "Conv1D and dense layers always have their biases here; remove the argument");
            }

            if (arithmetic != ArithmeticKind.Fast)
            {
                Report(DiagnosticDescriptors.ConvolutionUnsupported, Location("Arithmetic"), "Arithmetic = NetworkArithmetic.NumpyCompatible", "Conv1D layers compute with vectorised kernels only; remove the argument");
            }

            return _diagnostics.Count > problemsBefore || inputs < 1 || inputs > MaxLayerSize
                ? null
                : new ConvolutionSpec(inputs, channels.ToEquatableArray(), kernels.ToEquatableArray(), dilations.ToEquatableArray(), groups.ToEquatableArray(), activation, strides.ToEquatableArray()) { Poolings = poolings.ToEquatableArray(), PoolSize = poolSize };
        }

        private int[]? ReadInts(string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value.IsNull ? null : argument.Value.Values.Select(v => v.Value is int size ? size : 0).ToArray();
                }
            }

            return null;
        }
    }
}
