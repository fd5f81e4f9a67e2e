using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using GenNet.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNet.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="NetworkGenerator"/> over source text, as the compiler would, and returns everything it produced.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    // The running runtime's own assemblies stand in for reference assemblies (the testing package's
    // ReferenceAssemblies.Net80 would try to download them), plus the GenNet runtime the generated code calls.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<string> framework = trusted.Where(path =>
        {
            string name = Path.GetFileNameWithoutExtension(path);
            return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard";
        });
        return framework
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(ParseOptions, sources);

    public static CSharpCompilation CreateCompilation(CSharpParseOptions parseOptions, params string[] sources) =>
        Empty.Value.AddSyntaxTrees(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Network{i}.cs")));

    // Every compilation is derived from this one, so they share its resolved references (binding ~170 framework
    // assemblies once instead of once per test case).
    private static readonly Lazy<CSharpCompilation> Empty = new(() =>
        CSharpCompilation.Create(
            "GenNet.UserProject",
            Array.Empty<SyntaxTree>(),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions);

    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutcome Run(params string[] sources) => Run(ParseOptions, sources);

    public static GeneratorOutcome Run(CSharpParseOptions parseOptions, params string[] sources)
    {
        CSharpCompilation compilation = CreateCompilation(parseOptions, sources);
        GeneratorDriver driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorOutcome(driver, compilation, output, driver.GetRunResult());
    }
}

/// <summary>One generator run: the driver (for incremental re-runs), the input and output compilations and the result.</summary>
internal sealed record GeneratorOutcome(GeneratorDriver Driver, CSharpCompilation Input, Compilation Output, GeneratorDriverRunResult RunResult)
{
    /// <summary>Diagnostics the generator itself reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => RunResult.Diagnostics;

    /// <summary>Warnings and errors of the user's compilation with the generated code added.</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public ImmutableArray<GeneratedSourceResult> GeneratedSources =>
        RunResult.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();

    public Exception? GeneratorException => RunResult.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
}
