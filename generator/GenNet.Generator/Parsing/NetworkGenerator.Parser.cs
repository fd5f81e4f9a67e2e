using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Emit;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The largest layer accepted; mirrors <c>NetworkAttribute.MaxLayerSize</c>.</summary>
    internal const int MaxLayerSize = 65536;

    /// <summary>The most hidden layers a network may have.</summary>
    internal const int MaxHiddenLayers = 64;

    /// <summary>The most parameters a network may have (weights and biases of all synapses): 16 Mi, 128 MiB in double.</summary>
    internal const long MaxParameterCount = 16L * 1024 * 1024;

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
        var arguments = new ArgumentReader(attribute, attributeSyntax, classLocation, diagnostics);
        NetworkOptions? options = arguments.Read();
        if (options is null)
        {
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        long parameterCount = 0;
        for (int s = 0; s + 1 < options.Layers.Length; s++)
        {
            parameterCount += ((long)options.Layers[s] + (options.HasBias ? 1 : 0)) * options.Layers[s + 1];
            if (options.BatchNormalization && s + 2 < options.Layers.Length)
            {
                parameterCount += 2L * options.Layers[s + 1];
            }
        }

        if (options.Recurrent is { } stack)
        {
            // W, R, Wb and Rb of every recurrent layer: (inputs + units + 2) · gates · units.
            long gates = stack.Cell switch { RecurrentCell.Lstm => 4, RecurrentCell.Gru => 3, _ => 1 };
            long previous = stack.Inputs;
            foreach (int units in stack.Sizes)
            {
                parameterCount += (previous + units + 2) * gates * units;
                previous = units;
            }
        }

        if (options.Convolution is { } convolution)
        {
            // W (K · I · O) and b (O) of every Conv1D layer.
            long previous = convolution.Inputs;
            for (int l = 0; l < convolution.Channels.Count; l++)
            {
                parameterCount += ((long)convolution.KernelSizes[l] * previous * convolution.Channels[l]) + ((options.BatchNormalization ? 3L : 1L) * convolution.Channels[l]);
                previous = convolution.Channels[l];
            }
        }

        if (options.Image is { } image)
        {
            // W (O · C · K · K) and b (O) of every Conv2D layer, and γ and β (O each) when batch-normalised.
            long previous = image.Channels;
            for (int l = 0; l < image.OutChannels.Count; l++)
            {
                parameterCount += ((long)image.KernelSizes[l] * image.KernelSizes[l] * previous * image.OutChannels[l]) + ((options.BatchNormalization ? 3L : 1L) * image.OutChannels[l]);
                previous = image.OutChannels[l];
            }
        }

        if (parameterCount > MaxParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TooManyParameters,
                LocationInfo.From(attributeSyntax) ?? classLocation,
                parameterCount,
                MaxParameterCount));
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
            options.Layers.ToEquatableArray(),
            options.Precision,
            options.Activations.ToEquatableArray(),
            options.HasBias,
            options.Loss,
            options.Initialization,
            options.DropoutRate,
            options.BatchNormalization,
            options.Arithmetic,
            HasVectorFusedMultiplyAdd(context.SemanticModel.Compilation),
            options.ActivationsByName,
            !symbol.IsAbstract && symbol.InstanceConstructors.Any(c => c.Parameters.Length == 0),
            options.InputDerivativeLayers.ToEquatableArray(),
            options.Recurrent,
            options.Convolution,
            options.Image);

        // Members the user wrote that the generated part would redeclare: the names are read from the generated code.
        IReadOnlyCollection<string> generatedNames = NetworkEmitter.DeclaredMembers(network, Version);
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && generatedNames.Contains(member.Name))
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

        return new NetworkParseResult(network, EquatableArray<DiagnosticInfo>.Empty);
    }

    // .NET 9 added Vector128/256/512.FusedMultiplyAdd; a project on .NET 8 gets kernels through GenNet's lane wrappers.
    private static bool HasVectorFusedMultiplyAdd(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector128")?.GetMembers("FusedMultiplyAdd").Length > 0;

    private static string KeywordOf(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => type.Keyword.ValueText,
    };
}
