using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>Each GN diagnostic: its exact message, and the source text it points at.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public void GN0001_class_not_partial_points_at_the_class_name()
    {
        Diagnostic diagnostic = SingleDiagnostic("""
            using GenNet;
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            public class XorNet { }
            """, out string source);

        Assert.Equal("GN0001", diagnostic.Id);
        Assert.Equal("The class 'XorNet' must be declared 'partial' so that GenNet can add the generated network to it", diagnostic.GetMessage());
        Assert.Equal("XorNet", SpanText(source, diagnostic));
    }

    [Theory]
    [InlineData("Inputs = 0, Hidden = 4, Outputs = 1", "Inputs = 0", "Inputs must be between 1 and 65536; was 0")]
    [InlineData("Inputs = 3, Hidden = -1, Outputs = 1", "Hidden = -1", "Hidden must be between 0 and 65536; was -1")]
    [InlineData("Inputs = 3, Hidden = 4, Outputs = 70000", "Outputs = 70000", "Outputs must be between 1 and 65536; was 70000")]
    public void GN0004_size_out_of_range_points_at_the_argument(string arguments, string expectedText, string expectedMessage)
    {
        Diagnostic diagnostic = SingleDiagnostic($$"""
            using GenNet;
            [Network({{arguments}})]
            public partial class Net { }
            """, out string source);

        Assert.Equal("GN0004", diagnostic.Id);
        Assert.Equal(expectedMessage, diagnostic.GetMessage());
        Assert.Equal(expectedText, SpanText(source, diagnostic));
    }

    [Fact]
    public void GN0004_missing_outputs_points_at_the_attribute()
    {
        Diagnostic diagnostic = SingleDiagnostic("""
            using GenNet;
            [Network(Inputs = 3)]
            public partial class Net { }
            """, out string source);

        Assert.Equal("Outputs must be between 1 and 65536; was 0", diagnostic.GetMessage());
        Assert.Equal("Network(Inputs = 3)", SpanText(source, diagnostic));
    }

    private static Diagnostic SingleDiagnostic(string source, out string text)
    {
        text = source;
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Empty(outcome.GeneratedSources);
        return Assert.Single(outcome.GeneratorDiagnostics);
    }

    private static string SpanText(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
