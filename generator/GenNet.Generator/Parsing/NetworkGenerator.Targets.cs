using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
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
    // CS0579, the compiler's own "Duplicate 'Network' attribute"; GN0010 explains which one is used.
    private const string DuplicateAttributeId = "CS0579";

    /// <summary>
    /// Decides what one declaration carrying <c>[Network]</c> gets before its arguments are read: nothing when the
    /// compiler already rejects the code, GN0010 for each <c>[Network]</c> after the first on the same class, GN0003
    /// for a record, and otherwise the full <see cref="Parse"/>.
    /// </summary>
    /// <remarks>
    /// The transform runs once per declaration, so a class with <c>[Network]</c> on two partial parts is seen twice.
    /// Only the declaration holding the class's first <c>[Network]</c> (in declaration order) is parsed; that keeps the
    /// hint name unique and lets the rest of the user's code compile against the generated members.
    /// </remarks>
    private static NetworkParseResult ParseTarget(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var symbol = (INamedTypeSymbol)context.TargetSymbol;

        // The compiler reports these itself (CS1001 no name, CS1729 no such constructor, CS0592 not a class):
        // a GenNet error on top would only repeat it.
        if (declaration.Identifier.IsMissing
            || declaration is RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: (int)SyntaxKind.StructKeyword }
            || context.Attributes.Any(a => a.AttributeConstructor is null))
        {
            return NetworkParseResult.Nothing;
        }

        INamedTypeSymbol? attributeClass = context.Attributes[0].AttributeClass;
        ImmutableArray<AttributeData> all = symbol.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeClass))
            .ToImmutableArray();
        AttributeData primary = all.FirstOrDefault(a => a.ApplicationSyntaxReference is not null) ?? context.Attributes[0];

        var diagnostics = new List<DiagnosticInfo>();
        bool holdsPrimary = false;

        // context.Attributes holds every [Network] of the class in this syntax tree, including those on another
        // partial declaration in the same file: keep this declaration's own.
        foreach (AttributeData attribute in context.Attributes.Where(a => IsOn(declaration, a)))
        {
            if (SameApplication(attribute, primary))
            {
                holdsPrimary = true;
                continue;
            }

            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DuplicateNetwork,
                LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                symbol.Name,
                all.Length,
                Describe(primary.ApplicationSyntaxReference)));
        }

        if (!holdsPrimary)
        {
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        if (declaration is RecordDeclarationSyntax)
        {
            diagnostics.Insert(0, DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedClass,
                LocationInfo.From(declaration.Identifier.GetLocation()),
                symbol.Name,
                "a record"));
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        // A mistyped or non-constant argument (CS0266, CS0182, CS0643, …): the compiler has said it at the argument.
        if (primary.ApplicationSyntaxReference is { } reference
            && context.SemanticModel.GetDiagnostics(reference.Span, cancellationToken)
                .Any(d => d.Severity == DiagnosticSeverity.Error && d.Id != DuplicateAttributeId))
        {
            return new NetworkParseResult(null, diagnostics.ToEquatableArray());
        }

        // Parse reads context.Attributes[0]: the first [Network] in this file, which is the primary because the
        // primary is the class's first in declaration order and this declaration holds it.
        NetworkParseResult result = Parse(context, cancellationToken);
        return diagnostics.Count == 0
            ? result
            : result with { Diagnostics = result.Diagnostics.Concat(diagnostics).ToEquatableArray() };
    }

    private static bool IsOn(TypeDeclarationSyntax declaration, AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
        && reference.SyntaxTree == declaration.SyntaxTree
        && declaration.AttributeLists.Any(list => list.Span.Contains(reference.Span));

    private static bool SameApplication(AttributeData a, AttributeData b) =>
        a.ApplicationSyntaxReference is { } x
        && b.ApplicationSyntaxReference is { } y
        && x.SyntaxTree == y.SyntaxTree
        && x.Span == y.Span;

    // "XorNet.cs(3,2)": where the attribute that is used stands, for the message of the ones that are not.
    private static string Describe(SyntaxReference? reference)
    {
        if (reference is null)
        {
            return "another declaration";
        }

        FileLinePositionSpan span = reference.SyntaxTree.GetLineSpan(reference.Span);
        string file = Path.GetFileName(span.Path);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}({1},{2})",
            file.Length == 0 ? "this file" : file,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1);
    }
}
