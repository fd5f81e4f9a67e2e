using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The largest layer accepted; mirrors <c>NetworkAttribute.MaxLayerSize</c>.</summary>
    internal const int MaxLayerSize = 65536;

    /// <summary>The most parameters a network may have (weights of all synapses): 16 Mi, 128 MiB in double.</summary>
    internal const long MaxParameterCount = 16L * 1024 * 1024;

    private const string SigmoidActivation = "global::GenNet.Activations.Sigmoid";

    /// <summary>
    /// Names of members the emitter adds. A user member with one of these names would not compile, so it is
    /// reported as GN0007 at the user's member instead.
    /// </summary>
    internal static readonly string[] GeneratedMemberNames =
    {
        "InputCount", "HiddenCount", "OutputCount", "ParameterCount", "Parameters", "Architecture",
        "Predict", "PredictBatch", "ComputeGradient", "TrainStep", "InitializeWeights",
        "ForwardRow", "Backpropagate", "_parameters", "_gradient",
    };

    /// <summary>Reads one <c>[Network]</c> class: checks it, and returns its model or the diagnostics that explain why not.</summary>
    private static NetworkParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var classSyntax = (ClassDeclarationSyntax)context.TargetNode;
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? classLocation = LocationInfo.From(classSyntax.Identifier.GetLocation());

        // The class itself.
        if (!classSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, classLocation, symbol.Name));
        }

        if (symbol.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, classLocation, symbol.Name, "static"));
        }
        else if (symbol.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, classLocation, symbol.Name, "generic"));
        }

        // Enclosing types must be partial too: the generated part re-declares them.
        var containingTypes = new List<ContainingTypeSpec>();
        for (SyntaxNode? parent = classSyntax.Parent; parent is TypeDeclarationSyntax outer; parent = outer.Parent)
        {
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial,
                    LocationInfo.From(outer.Identifier.GetLocation()),
                    outer.Identifier.ValueText,
                    symbol.Name));
            }

            containingTypes.Insert(0, new ContainingTypeSpec(KeywordOf(outer), outer.Identifier.Text + outer.TypeParameterList));
        }

        // The attribute's arguments.
        int inputs = 0, hidden = 0, outputs = 0;
        NumericKind precision = NumericKind.Double;
        bool argumentsUsable = true;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            TypedConstant value = argument.Value;
            if (value.Kind == TypedConstantKind.Error || value.Value is null)
            {
                // The compiler already reports a non-constant or mistyped argument (CS0182, CS0029).
                argumentsUsable = false;
                continue;
            }

            LocationInfo? location = ArgumentLocation(attributeSyntax, argument.Key) ?? classLocation;
            switch (argument.Key)
            {
                case "Inputs":
                    inputs = (int)value.Value;
                    break;
                case "Hidden":
                    hidden = (int)value.Value;
                    break;
                case "Outputs":
                    outputs = (int)value.Value;
                    break;
                case "Precision":
                    int raw = (int)value.Value;
                    if (raw is 0 or 1)
                    {
                        precision = (NumericKind)raw;
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidArgument,
                            location,
                            "Precision",
                            "NetworkPrecision.Double or NetworkPrecision.Single",
                            $"(NetworkPrecision){raw}"));
                    }

                    break;
            }
        }

        if (!argumentsUsable)
        {
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        CheckSize("Inputs", inputs, minimum: 1);
        CheckSize("Hidden", hidden, minimum: 0);
        CheckSize("Outputs", outputs, minimum: 1);

        int[] layers = hidden > 0 ? new[] { inputs, hidden, outputs } : new[] { inputs, outputs };
        long parameterCount = 0;
        for (int s = 0; s + 1 < layers.Length; s++)
        {
            parameterCount += (long)layers[s] * layers[s + 1];
        }

        if (parameterCount > MaxParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooManyParameters,
                LocationInfo.From(attributeSyntax) ?? classLocation,
                parameterCount,
                MaxParameterCount));
        }

        // Members the user wrote that the generated part would redeclare.
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && GeneratedMemberNames.Contains(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberClash,
                    LocationInfo.From(member.Locations.FirstOrDefault()),
                    member.Name,
                    symbol.Name));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
        var network = new NetworkSpec(
            ns,
            containingTypes.ToEquatableArray(),
            symbol.Name,
            layers.ToEquatableArray(),
            precision,
            Enumerable.Repeat(SigmoidActivation, layers.Length - 1).ToEquatableArray());
        return new NetworkParseResult(network, EquatableArray<DiagnosticInfo>.Empty);

        void CheckSize(string name, int size, int minimum)
        {
            if (size < minimum || size > MaxLayerSize)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.SizeOutOfRange,
                    ArgumentLocation(attributeSyntax, name) ?? LocationInfo.From(attributeSyntax) ?? classLocation,
                    name,
                    minimum,
                    MaxLayerSize,
                    size));
            }
        }
    }

    private static LocationInfo? ArgumentLocation(AttributeSyntax? attribute, string name)
    {
        AttributeArgumentSyntax? argument = attribute?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return LocationInfo.From(argument);
    }

    private static string KeywordOf(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => type.Keyword.ValueText,
    };
}
