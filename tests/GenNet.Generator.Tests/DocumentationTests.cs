using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>The network's description reaches IntelliSense: the generated part's remarks merge with the user's docs.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void The_class_docs_hold_the_users_summary_and_the_generated_description()
    {
        CSharpParseOptions options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        GeneratorOutcome outcome = GeneratorHarness.Run(options, """
            using GenNet;
            /// <summary>The blog's network.</summary>
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            public partial class XorNet { }
            """);

        string xml = outcome.Output.GetTypeByMetadataName("XorNet")!.GetDocumentationCommentXml()!;
        Assert.Contains("The blog's network.", xml);
        Assert.Contains("A fully connected network 3 → 4 → 1 in double, 21 parameters, with bias units, Sigmoid, loss SumSquaredError.", xml);
        Assert.DoesNotContain(outcome.CompilationProblems, d => d.Id.StartsWith("CS15", System.StringComparison.Ordinal));
    }
}
