using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Reads and checks the named arguments of one <c>[Network]</c> attribute. Every problem becomes a diagnostic
    /// located on the offending argument; <see cref="Read"/> returns null when there was any.
    /// </summary>
    private sealed partial class ArgumentReader
    {
        private const string ActivationInterface = "GenNet.Activations.IActivation";
        private const string ActivationFromInputInterface = "GenNet.Activations.IActivationFromInput";

        private readonly AttributeData _attribute;
        private readonly AttributeSyntax? _syntax;
        private readonly LocationInfo? _fallback;
        private readonly List<DiagnosticInfo> _diagnostics;

        public ArgumentReader(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? fallback, List<DiagnosticInfo> diagnostics)
        {
            _attribute = attribute;
            _syntax = syntax;
            _fallback = fallback;
            _diagnostics = diagnostics;
        }

        public NetworkOptions? Read()
        {
            int inputs = 0, hidden = 0, outputs = 0;
            int[]? hiddenLayers = null;
            NumericKind precision = NumericKind.Double;
            bool bias = true;
            LossKind loss = LossKind.SumSquaredError;
            InitializationKind initialization = InitializationKind.Uniform;
            double dropout = 0;
            bool batchNormalization = false;
            ArithmeticKind arithmetic = ArithmeticKind.Fast;
            ITypeSymbol? hiddenActivation = null, outputActivation = null;
            ImmutableArray<TypedConstant>? activations = null;
            RecurrentCell recurrentCell = RecurrentCell.None;
            int[]? recurrentLayers = null;
            bool recurrentInvalid = false;
            int problemsBefore = _diagnostics.Count;

            foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
            {
                TypedConstant value = argument.Value;
                if (value.Kind == TypedConstantKind.Error || (value.Kind != TypedConstantKind.Array && value.Value is null && !IsTypeArgument(argument.Key)))
                {
                    // The compiler already reports a non-constant or mistyped argument (CS0182, CS0029, …).
                    return null;
                }

                switch (argument.Key)
                {
                    case "Inputs":
                        inputs = (int)value.Value!;
                        break;
                    case "Hidden":
                        hidden = (int)value.Value!;
                        break;
                    case "Outputs":
                        outputs = (int)value.Value!;
                        break;
                    case "HiddenLayers":
                        hiddenLayers = value.IsNull ? null : value.Values.Select(v => v.Value is int size ? size : 0).ToArray();
                        break;
                    case "Bias":
                        bias = (bool)value.Value!;
                        break;
                    case "HiddenActivation":
                        hiddenActivation = value.Value as ITypeSymbol;
                        break;
                    case "OutputActivation":
                        outputActivation = value.Value as ITypeSymbol;
                        break;
                    case "Activations":
                        activations = value.IsNull ? null : value.Values;
                        break;
                    case "Precision":
                        precision = (NumericKind)ReadEnum(argument.Key, (int)value.Value!, "NetworkPrecision", "NetworkPrecision.Double or NetworkPrecision.Single", 1);
                        break;
                    case "BatchNormalization":
                        batchNormalization = (bool)value.Value!;
                        break;
                    case "Dropout":
                        dropout = (double)value.Value!;
                        break;
                    case "Initialization":
                        initialization = (InitializationKind)ReadEnum(argument.Key, (int)value.Value!, "WeightInitialization", "WeightInitialization.Uniform, Xavier or He", 2);
                        break;
                    case "Arithmetic":
                        arithmetic = (ArithmeticKind)ReadEnum(argument.Key, (int)value.Value!, "NetworkArithmetic", "NetworkArithmetic.Fast or NetworkArithmetic.NumpyCompatible", 1);
                        break;
                    case "Recurrent":
                        int problems = _diagnostics.Count;
                        recurrentCell = (RecurrentCell)ReadEnum(argument.Key, (int)value.Value!, "RecurrentCell", "RecurrentCell.None, Rnn, Gru or Lstm", 3);
                        recurrentInvalid = _diagnostics.Count > problems;
                        break;
                    case "RecurrentLayers":
                        recurrentLayers = value.IsNull ? null : value.Values.Select(v => v.Value is int size ? size : 0).ToArray();
                        break;
                    case "Loss":
                        loss = (LossKind)ReadEnum(argument.Key, (int)value.Value!, "LossFunction", "one of LossFunction's named values", 3);
                        break;
                }
            }

            // An image network (InputShape) has C·H·W inputs and reads Convolution as Conv2D layers.
            bool image = IsImage;
            if (!image)
            {
                CheckSize("Inputs", inputs, minimum: 1, Location("Inputs"));
                RefuseImageArguments();
            }

            CheckSize("Outputs", outputs, minimum: 1, Location("Outputs"));
            bool hasRecurrent = recurrentCell != RecurrentCell.None || recurrentLayers is not null;
            RecurrentSpec? recurrent = recurrentInvalid || (image && hasRecurrent) ? null : ReadRecurrent(recurrentCell, recurrentLayers, inputs, bias, dropout, batchNormalization, arithmetic);
            ImageSpec? imageSpec = image ? ReadImage(inputs, hasRecurrent, bias, dropout, batchNormalization, arithmetic) : null;
            ConvolutionSpec? convolution = image ? null : ReadConvolution(inputs, hasRecurrent, bias, dropout, batchNormalization, arithmetic);
            bool sequence = recurrentCell != RecurrentCell.None || (Has("Convolution") && !image);

            // A sequence network's dense layers start at its last recurrent layer; an image network's at its flattened last map.
            var layers = new List<int>
            {
                recurrent is not null ? recurrent.Sizes[recurrent.Sizes.Count - 1]
                : convolution is not null ? convolution.Channels[convolution.Channels.Count - 1]
                : imageSpec is not null ? FlattenedLength(imageSpec)
                : image ? 1
                : inputs,
            };
            if (hiddenLayers is not null)
            {
                if (Has("Hidden"))
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, Location("Hidden"), "Hidden", "HiddenLayers", "give every hidden layer's size in HiddenLayers");
                }

                if (hiddenLayers.Length > MaxHiddenLayers)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, Location("HiddenLayers"), "HiddenLayers", $"at most {MaxHiddenLayers} layer sizes", hiddenLayers.Length);
                }

                for (int i = 0; i < hiddenLayers.Length; i++)
                {
                    CheckSize($"HiddenLayers[{i}]", hiddenLayers[i], minimum: 1, Location("HiddenLayers"));
                }

                layers.AddRange(hiddenLayers);
            }
            else
            {
                CheckSize("Hidden", hidden, minimum: 0, Location("Hidden"));
                if (hidden > 0)
                {
                    layers.Add(hidden);
                }
            }

            layers.Add(outputs);
            if (!(dropout >= 0 && dropout < 1))
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("Dropout"), "Dropout", "a probability in [0, 1)", dropout.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (dropout > 0 && layers.Count == 2 && !sequence && !image)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("Dropout"), "Dropout", "a network without hidden layers", "dropout applies to hidden layers only");
            }

            if ((sequence || image) && (batchNormalization || dropout > 0))
            {
                // Reported by ReadRecurrent (GN0012), ReadConvolution (GN0013) or ReadImage (GN0015).
            }
            else if (batchNormalization && layers.Count == 2)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "a network without hidden layers", "batch normalisation applies to hidden layers only");
            }
            else if (batchNormalization && dropout > 0)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "Dropout", "use one or the other; combining them is not supported");
            }

            string[] activationNames = ReadActivations(layers.Count - 1, hiddenActivation, outputActivation, activations);
            int[] inputDerivativeLayers = Enumerable.Range(1, activationNames.Length).Where(l => _fromInput.Contains(activationNames[l - 1])).ToArray();
            if ((sequence || image) && inputDerivativeLayers.Length > 0)
            {
                Report(image ? DiagnosticDescriptors.ImageUnsupported : recurrentCell != RecurrentCell.None ? DiagnosticDescriptors.RecurrentUnsupported : DiagnosticDescriptors.ConvolutionUnsupported, Location(Has("Activations") ? "Activations" : Has("HiddenActivation") ? "HiddenActivation" : "OutputActivation"),
                    "An activation whose derivative needs its input (IActivationFromInput)", "choose an IActivation such as Tanh or ReLU for the dense layers");
            }
            else if (batchNormalization && inputDerivativeLayers.Length > 0)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, Location("BatchNormalization"), "BatchNormalization", "an activation whose derivative needs its input (IActivationFromInput)", "batch normalisation does not support such activations yet");
            }
            if (_diagnostics.Count == problemsBefore)
            {
                CheckLoss(loss, activationNames[activationNames.Length - 1]);
            }

            return _diagnostics.Count > problemsBefore
                ? null
                : new NetworkOptions(layers.ToArray(), precision, activationNames, bias, loss, initialization, dropout, batchNormalization, arithmetic, _activationsByName, inputDerivativeLayers) { Recurrent = recurrent, Convolution = convolution, Image = imageSpec };
        }

        // Recurrent and RecurrentLayers come together; the options GenNet cannot yet combine with them are refused.
        private RecurrentSpec? ReadRecurrent(RecurrentCell cell, int[]? sizes, int inputs, bool bias, double dropout, bool batchNormalization, ArithmeticKind arithmetic)
        {
            if (cell == RecurrentCell.None && sizes is null)
            {
                return null;
            }

            int problemsBefore = _diagnostics.Count;
            if (cell == RecurrentCell.None)
            {
                Report(DiagnosticDescriptors.IncompleteRecurrent, Location("RecurrentLayers"), "RecurrentLayers", "Recurrent = RecurrentCell.Rnn, Gru or Lstm: the kind of its layers");
                return null;
            }

            if (sizes is null || sizes.Length == 0)
            {
                Report(DiagnosticDescriptors.IncompleteRecurrent, Location(sizes is null ? "Recurrent" : "RecurrentLayers"), $"Recurrent = RecurrentCell.{cell}",
                    "RecurrentLayers with the width of at least one recurrent layer, e.g. RecurrentLayers = new[] { 16 }");
                return null;
            }

            if (sizes.Length > MaxHiddenLayers)
            {
                Report(DiagnosticDescriptors.InvalidArgument, Location("RecurrentLayers"), "RecurrentLayers", $"at most {MaxHiddenLayers} layer sizes", sizes.Length);
            }

            for (int i = 0; i < sizes.Length; i++)
            {
                CheckSize($"RecurrentLayers[{i}]", sizes[i], minimum: 1, Location("RecurrentLayers"));
            }

            if (dropout > 0)
            {
                Report(DiagnosticDescriptors.RecurrentUnsupported, Location("Dropout"), "Dropout", "remove it (recurrent dropout is not generated)");
            }

            if (batchNormalization)
            {
                Report(DiagnosticDescriptors.RecurrentUnsupported, Location("BatchNormalization"), "BatchNormalization", "remove it (batch statistics across time steps are not generated)");
            }

            if (!bias)
            {
                Report(DiagnosticDescriptors.RecurrentUnsupported, Location("Bias"), "Bias = false", "recurrent layers always have their input and recurrent biases (as ONNX and PyTorch); remove the argument");
            }

            if (arithmetic != ArithmeticKind.Fast)
            {
                Report(DiagnosticDescriptors.RecurrentUnsupported, Location("Arithmetic"), "Arithmetic = NetworkArithmetic.NumpyCompatible", "recurrent layers compute with vectorised kernels only; remove the argument");
            }

            return _diagnostics.Count > problemsBefore || inputs < 1 || inputs > MaxLayerSize
                ? null
                : new RecurrentSpec(cell, inputs, sizes.ToEquatableArray());
        }

        private bool _activationsByName = true;

        // The activations (fully qualified) that implement IActivationFromInput.
        private readonly HashSet<string> _fromInput = new();

        private string[] ReadActivations(int count, ITypeSymbol? hidden, ITypeSymbol? output, ImmutableArray<TypedConstant>? perLayer)
        {
            var names = new string[count];
            if (perLayer is { } list)
            {
                LocationInfo? location = Location("Activations");
                if (hidden is not null || output is not null)
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, location, "Activations", hidden is not null ? "HiddenActivation" : "OutputActivation", "list every layer's activation in Activations");
                }

                if (list.Length != count)
                {
                    Report(DiagnosticDescriptors.InvalidArgument, location, "Activations", $"one activation per non-input layer ({count})", list.Length);
                    return Enumerable.Repeat(NetworkSpec.SigmoidActivation, count).ToArray();
                }

                for (int i = 0; i < count; i++)
                {
                    names[i] = Resolve($"Activations[{i}]", list[i].Value as ITypeSymbol, allowSoftmax: i == count - 1, location);
                }

                return names;
            }

            string hiddenName = hidden is null ? NetworkSpec.SigmoidActivation : Resolve("HiddenActivation", hidden, allowSoftmax: false, Location("HiddenActivation"));
            for (int i = 0; i < count - 1; i++)
            {
                names[i] = hiddenName;
            }

            names[count - 1] = output is null ? NetworkSpec.SigmoidActivation : Resolve("OutputActivation", output, allowSoftmax: true, Location("OutputActivation"));
            return names;
        }

        // A struct implementing IActivation, or Softmax (PortableSoftmax) on the output layer.
        private string Resolve(string name, ITypeSymbol? type, bool allowSoftmax, LocationInfo? location)
        {
            string display = type?.ToDisplayString() ?? "null";
            string full = type?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? "null";
            if (NetworkSpec.IsSoftmax(full))
            {
                if (!allowSoftmax)
                {
                    Report(DiagnosticDescriptors.IncompatibleOptions, location, $"{name} = typeof({full.Split('.').Last()})", "a hidden layer", "softmax is only supported as the output activation");
                }

                return full;
            }

            bool valid = type is { TypeKind: TypeKind.Struct }
                && type.AllInterfaces.Any(i => i.ToDisplayString() == ActivationInterface);
            bool fromInput = valid && type!.AllInterfaces.Any(i => i.ToDisplayString() == ActivationFromInputInterface);
            if (fromInput)
            {
                _fromInput.Add(full);
                _activationsByName &= CallableByName(type!, "DerivativeFromInput", parameters: 2);
            }
            if (!valid)
            {
                Report(DiagnosticDescriptors.InvalidActivation, location, name, allowSoftmax ? " (or be GenNet.Activations.Softmax or PortableSoftmax)" : string.Empty, display);
            }
            else if (!CallableByName(type!, "Activate") || !CallableByName(type!, "DerivativeFromOutput"))
            {
                _activationsByName = false;
            }

            return full;
        }

        // Generated code names an activation's type in its calls (Sigmoid.Activate(x)) when the struct implements the
        // scalar members as public statics, as GenNet's own do; one that implements them explicitly is called through a
        // constrained type parameter instead (TActivation1.Activate(x)), for the whole network.
        private static bool CallableByName(ITypeSymbol type, string member, int parameters = 1) =>
            type.GetMembers(member).OfType<IMethodSymbol>().Any(m =>
                m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == parameters && m.TypeParameters.Length == 1);

        private void CheckLoss(LossKind loss, string outputActivation)
        {
            bool softmax = NetworkSpec.IsSoftmax(outputActivation);
            string outputText = "OutputActivation = typeof(" + outputActivation.Split('.').Last() + ")";
            LocationInfo? location = Has("Loss") ? Location("Loss") : Location(Has("Activations") ? "Activations" : "OutputActivation");
            if (softmax && loss != LossKind.CategoricalCrossEntropy)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, location, outputText, $"Loss = LossFunction.{loss}", "a softmax output trains with Loss = LossFunction.CategoricalCrossEntropy");
            }
            else if (!softmax && loss == LossKind.CategoricalCrossEntropy)
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, location, "Loss = LossFunction.CategoricalCrossEntropy", outputText, "categorical cross-entropy needs OutputActivation = typeof(Softmax)");
            }
            else if (loss == LossKind.BinaryCrossEntropy && !NetworkSpec.IsSigmoid(outputActivation))
            {
                Report(DiagnosticDescriptors.IncompatibleOptions, location, "Loss = LossFunction.BinaryCrossEntropy", outputText, "binary cross-entropy needs a Sigmoid output");
            }
        }

        private int ReadEnum(string name, int raw, string enumName, string allowed, int max)
        {
            if (raw >= 0 && raw <= max)
            {
                return raw;
            }

            Report(DiagnosticDescriptors.InvalidArgument, Location(name), name, allowed, $"({enumName}){raw}");
            return 0;
        }

        private void CheckSize(string name, int size, int minimum, LocationInfo? location)
        {
            if (size < minimum || size > MaxLayerSize)
            {
                Report(DiagnosticDescriptors.SizeOutOfRange, location, name, minimum, MaxLayerSize, size);
            }
        }

        private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

        private bool Has(string name) => _attribute.NamedArguments.Any(a => a.Key == name);

        private static bool IsTypeArgument(string name) => name is "HiddenActivation" or "OutputActivation";

        // The argument's syntax when written, else the whole attribute, else the class name.
        private LocationInfo? Location(string name)
        {
            AttributeArgumentSyntax? argument = _syntax?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            return LocationInfo.From(argument) ?? LocationInfo.From(_syntax) ?? _fallback;
        }
    }
}
