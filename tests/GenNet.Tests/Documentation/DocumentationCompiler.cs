using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using GenNet.Persistence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Tests.Documentation;

/// <summary>The outcome of compiling one documentation block: the compilation with the generated code, and its problems.</summary>
public sealed record DocumentationCompilation(DocumentationBlock Block, Compilation Compilation, ImmutableArray<Diagnostic> Errors)
{
    public bool Succeeded => Errors.IsEmpty;

    /// <summary>The file, the block's line, each error at its line of the Markdown file, and the block numbered as in the file.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Block.RelativeFile}, the csharp block at line {Block.Line}, does not compile:");
        foreach (Diagnostic error in Errors)
        {
            FileLinePositionSpan span = error.Location.GetMappedLineSpan();
            string where = error.Location.SourceTree?.FilePath == Block.RelativeFile
                ? $"{Block.RelativeFile}:{Block.Line + span.StartLinePosition.Line},{span.StartLinePosition.Character + 1}"
                : (error.Location.SourceTree?.FilePath ?? "(no file)") + $":{span.StartLinePosition.Line + 1}";
            text.AppendLine($"  {where}: {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        foreach (string context in Block.Contexts)
        {
            if (DocumentationContexts.All.TryGetValue(context, out var known))
            {
                text.AppendLine($"  context {context}: {known.Supplies}");
            }
        }

        text.AppendLine("  The block:");
        string[] lines = Block.Code.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            text.AppendLine($"  {Block.Line + i,5} | {lines[i]}");
        }

        text.AppendLine($"  A block that cannot compile alone starts with '{DocumentationBlock.ContextMarker} <name>' ({string.Join(", ", DocumentationContexts.All.Keys)})");
        text.AppendLine($"  or '{DocumentationBlock.NotCompiledMarker} (reason)'.");
        return text.ToString();
    }
}

/// <summary>
/// Compiles documentation blocks as a user's project would: the .NET runtime, GenNet and GenNet.Onnx referenced, a new
/// console project's implicit usings, and the GenNet source generator run so that <c>[Network]</c> classes get their members.
/// </summary>
public static class DocumentationCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The running runtime's own assemblies stand in for the reference assemblies.
        string frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<string> framework = trusted.Where(path =>
            string.Equals(Path.GetDirectoryName(path), frameworkFolder, StringComparison.Ordinal)
            && (Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll"));
        return framework
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Append(typeof(OnnxModel).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "DocumentationGenerator", "GenNet.Generator.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The GenNet generator was not copied next to the tests (the test project's CopyGeneratorForDocumentationTests target): {path}");
        }

        Assembly assembly = Assembly.LoadFrom(path);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())
            .ToImmutableArray();
    });

    private static readonly Lazy<CSharpCompilation> Empty = new(() =>
        CSharpCompilation.Create(
            "GenNet.DocumentationBlock",
            Array.Empty<SyntaxTree>(),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    /// <summary>Compiles <paramref name="block"/> with the contexts it names; unknown context names are errors of their own.</summary>
    public static DocumentationCompilation Compile(DocumentationBlock block)
    {
        SyntaxTree code = CSharpSyntaxTree.ParseText(block.Code, ParseOptions, path: block.RelativeFile);
        bool topLevel = code.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var trees = new List<SyntaxTree>
        {
            code,
            CSharpSyntaxTree.ParseText(DocumentationContexts.ImplicitUsings, ParseOptions, path: "ImplicitUsings.cs"),
        };

        var unknown = new List<string>();
        foreach (string context in block.Contexts)
        {
            if (DocumentationContexts.All.TryGetValue(context, out var known))
            {
                trees.Add(CSharpSyntaxTree.ParseText(known.Source, ParseOptions, path: $"doc-context {context}.cs"));
            }
            else
            {
                unknown.Add(context);
            }
        }

        CSharpCompilation compilation = Empty.Value
            .WithOptions(Empty.Value.Options.WithOutputKind(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary))
            .AddSyntaxTrees(trees);
        CSharpGeneratorDriver.Create(Generators.Value, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        ImmutableArray<Diagnostic> errors = generatorDiagnostics
            .Concat(output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Concat(unknown.Select(name => Diagnostic.Create(
                new DiagnosticDescriptor("DOC001", "Unknown documentation context", "Unknown doc-context '{0}'", "Documentation", DiagnosticSeverity.Error, true),
                Location.None,
                name)))
            .ToImmutableArray();
        return new DocumentationCompilation(block, output, errors);
    }

    /// <summary>
    /// Compiles <paramref name="block"/> into an assembly of its own, runs its top-level statements with the console's
    /// output captured, and returns what it printed.
    /// </summary>
    public static string Run(DocumentationBlock block)
    {
        DocumentationCompilation compiled = Compile(block);
        if (!compiled.Succeeded)
        {
            throw new InvalidOperationException(compiled.Describe());
        }

        using var image = new MemoryStream();
        var emitted = compiled.Compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext($"documentation block {block}", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            MethodInfo entry = assembly.EntryPoint ?? throw new InvalidOperationException($"{block} has no top-level statements to run.");
            TextWriter console = Console.Out;
            var output = new StringWriter { NewLine = "\n" };
            lock (ConsoleCapture.Lock)
            {
                Console.SetOut(output);
                try
                {
                    entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
                }
                finally
                {
                    Console.SetOut(console);
                }
            }

            return output.ToString();
        }
        finally
        {
            context.Unload();
        }
    }
}

/// <summary>Serialises the tests that redirect <see cref="Console.Out"/>.</summary>
internal static class ConsoleCapture
{
    public static readonly object Lock = new();
}
