using System.Linq;
using GenNet.Generator.Model;
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

    [Fact]
    public void GN0002_containing_type_not_partial_points_at_that_type()
    {
        Diagnostic diagnostic = SingleDiagnostic("""
            using GenNet;
            public static partial class Models
            {
                public class Group
                {
                    [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
                    public partial class XorNet { }
                }
            }
            """, out string source);

        Assert.Equal("GN0002", diagnostic.Id);
        Assert.Equal("The type 'Group', which contains the network class 'XorNet', must be declared 'partial'", diagnostic.GetMessage());
        Assert.Equal("Group", SpanText(source, diagnostic));
    }

    [Theory]
    [InlineData("public static partial class XorNet { }", "static")]
    [InlineData("public partial class XorNet<T> { }", "generic")]
    [InlineData("public partial record XorNet { }", "a record")]
    [InlineData("public partial record class XorNet(int Size) { }", "a record")]
    public void GN0003_unsupported_class_kind_points_at_the_class_name(string declaration, string found)
    {
        Diagnostic diagnostic = SingleDiagnostic($$"""
            using GenNet;
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            {{declaration}}
            """, out string source);

        Assert.Equal("GN0003", diagnostic.Id);
        Assert.Equal($"The network class 'XorNet' must be a non-generic, non-static class; it is {found}", diagnostic.GetMessage());
        Assert.Equal("XorNet", SpanText(source, diagnostic));
    }

    [Theory]
    [InlineData("Inputs = 0, Hidden = 4, Outputs = 1", "Inputs = 0", "Inputs must be between 1 and 65536; was 0")]
    [InlineData("Inputs = 3, Hidden = -1, Outputs = 1", "Hidden = -1", "Hidden must be between 0 and 65536; was -1")]
    [InlineData("Inputs = 3, Hidden = 4, Outputs = 70000", "Outputs = 70000", "Outputs must be between 1 and 65536; was 70000")]
    [InlineData("Inputs = int.MinValue, Outputs = 1", "Inputs = int.MinValue", "Inputs must be between 1 and 65536; was -2147483648")]
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

    [Fact]
    public void GN0005_undefined_precision_points_at_the_argument()
    {
        Diagnostic diagnostic = SingleDiagnostic("""
            using GenNet;
            [Network(Inputs = 3, Outputs = 1, Precision = (NetworkPrecision)7)]
            public partial class Net { }
            """, out string source);

        Assert.Equal("GN0005", diagnostic.Id);
        Assert.Equal("Precision must be NetworkPrecision.Double or NetworkPrecision.Single; found (NetworkPrecision)7", diagnostic.GetMessage());
        Assert.Equal("Precision = (NetworkPrecision)7", SpanText(source, diagnostic));
    }

    [Theory]
    [InlineData("public void Predict() { }", "Predict")]
    [InlineData("private int _parameters;", "_parameters")]
    [InlineData("public const int ParameterCount = 2;", "ParameterCount")]
    [InlineData("private void ForwardRows() { }", "ForwardRows")]               // fast-path helpers too
    [InlineData("private int BackpropagateLanes;", "BackpropagateLanes")]
    [InlineData("private void ForwardRow512() { }", "ForwardRow512")]          // the one-row kernels per register width
    public void GN0007_member_clash_points_at_the_users_member(string member, string name)
    {
        Diagnostic diagnostic = SingleDiagnostic($$"""
            using GenNet;
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            public partial class XorNet
            {
                {{member}}
            }
            """, out string source);

        Assert.Equal("GN0007", diagnostic.Id);
        Assert.Equal($"The member '{name}' of 'XorNet' has the name of a member GenNet generates; rename it", diagnostic.GetMessage());
        Assert.Equal(name, SpanText(source, diagnostic));
    }

    [Fact]
    public void GN0008_too_many_parameters_points_at_the_attribute_with_grouped_numbers()
    {
        Diagnostic diagnostic = SingleDiagnostic("""
            using GenNet;
            [Network(Inputs = 65536, Hidden = 65536, Outputs = 1)]
            public partial class Net { }
            """, out string source);

        // (65,536 + 1 bias) × 65,536 + (65,536 + 1) × 1.
        Assert.Equal("GN0008", diagnostic.Id);
        Assert.Equal("The network has 4,295,098,369 parameters; at most 16,777,216 are supported", diagnostic.GetMessage());
        Assert.Equal("Network(Inputs = 65536, Hidden = 65536, Outputs = 1)", SpanText(source, diagnostic));
    }

    [Fact]
    public void GN0010_duplicate_attribute_on_one_declaration_points_at_the_second_and_still_generates_the_first()
    {
        string source = """
            using GenNet;
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            [Network(Inputs = 3, Hidden = 5, Outputs = 1)]
            public partial class XorNet { }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("GN0010", diagnostic.Id);
        Assert.Equal(
            "The class 'XorNet' may carry one [Network] attribute; it has 2. This one is ignored: the network is generated from the one at Network0.cs(2,2)",
            diagnostic.GetMessage());
        Assert.Equal("Network(Inputs = 3, Hidden = 5, Outputs = 1)", SpanText(source, diagnostic));
        Assert.Contains("public const int HiddenCount = 4;", Assert.Single(outcome.GeneratedSources).SourceText.ToString());
        Assert.Equal(new[] { "CS0579" }, outcome.CompilationProblems.Select(d => d.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GN0010_duplicate_attribute_on_partial_parts_generates_once_without_crashing(bool sameFile)
    {
        string first = """
            using GenNet;
            [Network(Inputs = 3, Hidden = 4, Outputs = 1)]
            public partial class XorNet { }
            """;
        string second = """

            [Network(Inputs = 2, Outputs = 1)]
            public partial class XorNet { }
            """;

        GeneratorOutcome outcome = sameFile ? GeneratorHarness.Run(first + second) : GeneratorHarness.Run(first, "using GenNet;" + second);

        Assert.Null(outcome.GeneratorException);
        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("GN0010", diagnostic.Id);
        Assert.Equal(sameFile ? "Network0.cs" : "Network1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("Network(Inputs = 2, Outputs = 1)", SpanText(sameFile ? first + second : "using GenNet;" + second, diagnostic));
        Assert.EndsWith("the network is generated from the one at Network0.cs(2,2)", diagnostic.GetMessage());
        Assert.Contains("public const int HiddenCount = 4;", Assert.Single(outcome.GeneratedSources).SourceText.ToString());
        Assert.Equal(new[] { "CS0579" }, outcome.CompilationProblems.Select(d => d.Id));
    }

    [Fact]
    public void GN0099_a_failure_while_emitting_becomes_a_diagnostic()
    {
        // No parser produces a network without layers: it stands in for any emitter bug.
        GeneratorOutcome outcome = GeneratorHarness.Run("[GenNet.Network(Inputs = 3, Outputs = 1)] partial class Broken { }");
        var parsed = (NetworkSpec)outcome.RunResult.Results[0].TrackedSteps[TrackingNames.Networks][0].Outputs[0].Value;
        NetworkSpec broken = parsed with { LayerSizes = EquatableArray<int>.Empty };

        (string? source, Diagnostic? error) = NetworkGenerator.TryEmit(broken);

        Assert.Null(source);
        Assert.NotNull(error);
        Assert.Equal("GN0099", error.Id);
        Assert.StartsWith("GenNet could not generate 'Broken' because of an internal error (", error.GetMessage());
        Assert.EndsWith("); please report it", error.GetMessage());
    }

    [Theory]
    [InlineData("public static class Sizes { public static readonly int Three = 3; } [Network(Inputs = Sizes.Three, Outputs = 1)] public partial class Net { }", "CS0182")]
    [InlineData("[Network(Inputs = \"3\", Outputs = 1)] public partial class Net { }", "CS0029")]
    [InlineData("[Network(Inputs = 3.5, Outputs = 1)] public partial class Net { }", "CS0266")]
    [InlineData("[Network(3, Outputs = 1)] public partial class Net { }", "CS1729")]
    [InlineData("[Network(Inputs = 3, Outputs = 1)] public partial class { }", "CS1001")]
    [InlineData("[Network(Inputs = 3, Outputs = 1)] public partial record struct Net { }", "CS0592")]
    [InlineData("[Network(Inputs = 3, Outputs = 1)] public partial struct Net { }", "CS0592")]
    [InlineData("[Network(Inputs = Missing.Value, Outputs = 1)] public partial class Net { }", "CS0103")]
    [InlineData("[Network(Inputs = 3, Outputs = 1, Inputs = 4)] public partial class Net { }", "CS0643")]
    [InlineData("[Network(Inputs = 3, Outputs = 1, Layers = 2)] public partial class Net { }", "CS0246")]
    public void The_generator_stays_silent_where_the_compiler_already_reports_the_error(string code, string compilerId)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("using GenNet;\n" + code);

        Assert.Null(outcome.GeneratorException);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.GeneratedSources);
        Assert.Contains(outcome.Input.GetDiagnostics(), d => d.Id == compilerId);
    }

    [Fact]
    public void A_namespace_and_a_class_of_the_same_name_get_distinct_hint_names()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using GenNet;
            namespace A { [Network(Inputs = 3, Outputs = 1)] public partial class B { } }
            public partial class A { [Network(Inputs = 3, Outputs = 1)] public partial class B { } }
            """);

        Assert.Null(outcome.GeneratorException);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Equal(new[] { "A+B.g.cs", "A.B.g.cs" }, outcome.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Keyword_names_are_escaped_in_the_generated_code()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using GenNet;
            namespace @namespace.@event;
            public partial class @struct { [Network(Inputs = 3, Outputs = 1)] public partial class @class { } }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Equal("namespace.event.struct+class.g.cs", Assert.Single(outcome.GeneratedSources).HintName);
        Assert.True(outcome.CompilationProblems.IsEmpty, string.Join("\n", outcome.CompilationProblems));
    }

    private static Diagnostic SingleDiagnostic(string source, out string text)
    {
        text = source;
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.GeneratorException);
        Assert.Empty(outcome.GeneratedSources);
        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal($"https://github.com/gennet/gennet/blob/main/generator/DIAGNOSTICS.md#{diagnostic.Id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        return diagnostic;
    }

    private static string SpanText(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
