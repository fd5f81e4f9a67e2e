using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using GenNet.Tests.Documentation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace GenNet.Tests.Surface;

/// <summary>
/// The runtime's namespaces form layers, each using only those below it, so a reader (and IntelliSense) meets the user
/// vocabulary apart from the plumbing: GenNet (contracts) → Numerics (lanes) → Activations → CompilerServices (what
/// generated code calls) → Training, Persistence → Data. Read from the sources with Roslyn: every name a file binds
/// to a GenNet type in another namespace is an edge.
/// </summary>
public sealed class NamespaceLayeringTests
{
    private static readonly string[] Layers =
    [
        "GenNet",
        "GenNet.Numerics",
        "GenNet.Activations",
        "GenNet.CompilerServices",
        "GenNet.Training",
        "GenNet.Persistence",
        "GenNet.Data",
    ];

    // Training and Persistence sit side by side (the same layer): neither may use the other.
    private static int Layer(string ns) => ns switch
    {
        "GenNet" => 0,
        "GenNet.Numerics" => 1,
        "GenNet.Activations" => 2,
        "GenNet.CompilerServices" => 3,
        "GenNet.Training" or "GenNet.Persistence" => 4,
        "GenNet.Data" => 5,
        _ => throw new ArgumentException($"'{ns}' is not one of the runtime's namespaces.", nameof(ns)),
    };

    private static readonly Lazy<Dictionary<(string From, string To), string>> Edges = new(ReadEdges);

    [Fact]
    public void Every_runtime_file_is_in_one_of_the_public_namespaces()
    {
        var namespaces = Edges.Value.Keys.SelectMany(edge => new[] { edge.From, edge.To }).Distinct().ToList();
        Assert.NotEmpty(namespaces);
        Assert.All(namespaces, ns => Assert.Contains(ns, Layers));
    }

    [Fact]
    public void No_namespace_uses_one_above_it_so_there_are_no_cycles()
    {
        var upward = Edges.Value
            .Where(edge => Layer(edge.Key.To) >= Layer(edge.Key.From))
            .Select(edge => $"{edge.Key.From} → {edge.Key.To} ({edge.Value})")
            .ToList();
        Assert.True(upward.Count == 0, "Namespaces that use a namespace at or above their own layer:\n" + string.Join("\n", upward));

        // The layering is not empty: the plumbing really sits on the activations it calls, and training on the plumbing.
        Assert.Contains(("GenNet.CompilerServices", "GenNet.Activations"), Edges.Value.Keys);
        Assert.Contains(("GenNet.Training", "GenNet.CompilerServices"), Edges.Value.Keys);
    }

    [Fact]
    public void Every_public_plumbing_type_is_hidden_from_IntelliSense()
    {
        Type[] plumbing = typeof(NetworkAttribute).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == "GenNet.CompilerServices" && !type.IsNested)
            .ToArray();
        Assert.Contains(typeof(CompilerServices.TrainingLock), plumbing);
        Assert.All(plumbing, type => Assert.Equal(
            EditorBrowsableState.Never,
            type.GetCustomAttribute<EditorBrowsableAttribute>()?.State));
    }

    [Fact]
    public void The_public_namespaces_are_the_documented_ones()
    {
        string[] runtime = typeof(NetworkAttribute).Assembly.GetExportedTypes().Select(type => type.Namespace!).Distinct().Order().ToArray();
        Assert.Equal(Layers.Order().ToArray(), runtime);
        string[] onnx = typeof(global::GenNet.Persistence.OnnxModel).Assembly.GetExportedTypes().Select(type => type.Namespace!).Distinct().ToArray();
        Assert.Equal(["GenNet.Persistence"], onnx);
    }

    private static Dictionary<(string From, string To), string> ReadEdges()
    {
        string runtime = Path.Combine(DocumentationFiles.Root, "runtime", "GenNet");
        SyntaxTree[] trees = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Preview), path))
            .ToArray();
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("GenNet", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
        // CS8795 (a [LibraryImport] partial method without its body) is expected: the interop generator does not run here.
        var compilation = CSharpCompilation.Create("GenNet.Layering", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").Take(5).ToArray();
        Assert.True(errors.Length == 0, "The runtime sources must compile on their own here:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        var edges = new Dictionary<(string, string), string>();
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            SyntaxNode root = tree.GetRoot();
            string? from = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().SingleOrDefault()?.Name.ToString();
            if (from is null)
            {
                continue; // assembly-level attributes only
            }

            foreach (SimpleNameSyntax name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Ancestors().Any(node => node is UsingDirectiveSyntax
                    || (node is BaseNamespaceDeclarationSyntax declaration && declaration.Name.Span.Contains(name.Span))))
                {
                    continue;
                }

                ISymbol? symbol = model.GetSymbolInfo(name).Symbol;
                INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType is { } outer)
                {
                    type = outer;
                }

                string? to = type?.ContainingNamespace.ToDisplayString();
                if (to is not null && to != from && (to == "GenNet" || to.StartsWith("GenNet.", StringComparison.Ordinal)))
                {
                    edges.TryAdd((from, to), $"{Path.GetFileName(tree.FilePath)} uses {type!.Name}");
                }
            }
        }

        return edges;
    }
}
