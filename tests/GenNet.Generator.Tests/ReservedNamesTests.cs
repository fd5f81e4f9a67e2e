using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// GN0007 reserves exactly the names the generated part declares: read from the compiled output of each kind of
/// network (every kernel body), each of them, written by the user, is reported, and nothing else is.
/// </summary>
public sealed class ReservedNamesTests
{
    [Theory]
    [InlineData("Inputs = 3, Hidden = 4, Outputs = 1")]                                                    // lanes
    [InlineData("Inputs = 3, Hidden = 4, Outputs = 1, Arithmetic = NetworkArithmetic.NumpyCompatible")]  // scalar
    [InlineData("Inputs = 784, Hidden = 128, Outputs = 10, Precision = NetworkPrecision.Single")]         // blocked
    [InlineData("Inputs = 4, Hidden = 6, Outputs = 3, BatchNormalization = true")]                        // batch norm
    [InlineData("Inputs = 2, Hidden = 5, Outputs = 1, Dropout = 0.2")]                                    // dropout
    public void Every_generated_member_name_and_only_those_is_reported_as_a_clash(string arguments)
    {
        string declaration = $$"""
            using GenNet;
            [Network({{arguments}})]
            public partial class Net { }
            """;
        GeneratorOutcome clean = GeneratorHarness.Run(declaration);
        Assert.Empty(clean.GeneratorDiagnostics);
        INamedTypeSymbol net = clean.Output.GetTypeByMetadataName("Net")!;
        SyntaxTree generated = clean.GeneratedSources.Single().SyntaxTree;
        string[] declared = net.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath == generated.FilePath))
            .Where(m => m is not IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor or MethodKind.StaticConstructor })
            .Where(m => m is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Contains("Predict", declared);
        Assert.Contains("Backpropagate", declared);

        // One user field per generated name, plus one name GenNet does not use.
        string members = string.Join("\n", declared.Select(n => $"private int {n};").Append("private int NotGenerated;"));
        GeneratorOutcome clashing = GeneratorHarness.Run($$"""
            using GenNet;
            [Network({{arguments}})]
            public partial class Net
            {
            {{members}}
            }
            """);

        IEnumerable<string> reported = clashing.GeneratorDiagnostics
            .Where(d => d.Id == "GN0007")
            .Select(d => d.GetMessage().Split('\'')[1])
            .OrderBy(n => n, System.StringComparer.Ordinal);
        Assert.Equal(declared, reported);
    }
}
