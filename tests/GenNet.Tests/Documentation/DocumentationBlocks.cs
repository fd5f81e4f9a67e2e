using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace GenNet.Tests.Documentation;

/// <summary>
/// One ```csharp block of a Markdown file: where it is, its text, and what its first line says it needs.
/// </summary>
/// <remarks>
/// A block's first line may be <c>// doc-context: name[, name…]</c> (the block uses what those named contexts declare,
/// see <see cref="DocumentationContexts"/>) or <c>// doc: not-compiled (reason)</c> (the block cannot compile on its
/// own and says why). Every other block must compile as pasted into a new console project.
/// </remarks>
public sealed record DocumentationBlock(string File, int Line, string Code)
{
    public const string ContextMarker = "// doc-context:";
    public const string NotCompiledMarker = "// doc: not-compiled";

    /// <summary>The file relative to the repository root, with forward slashes.</summary>
    public string RelativeFile => Path.GetRelativePath(DocumentationFiles.Root, File).Replace('\\', '/');

    private string FirstLine => Code.Split('\n')[0].Trim();

    public bool IsNotCompiled => FirstLine.StartsWith(NotCompiledMarker, StringComparison.Ordinal);

    /// <summary>The contexts the block names on its first line; empty when it names none.</summary>
    public IReadOnlyList<string> Contexts =>
        FirstLine.StartsWith(ContextMarker, StringComparison.Ordinal)
            ? FirstLine[ContextMarker.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Array.Empty<string>();

    public override string ToString() => $"{RelativeFile}:{Line}";
}

/// <summary>The Markdown files whose C# blocks are tested, and the extraction of those blocks.</summary>
public static class DocumentationFiles
{
    /// <summary>The folder holding GenNet.sln.</summary>
    public static string Root { get; } = FindRoot(ThisFile());

    /// <summary>README.md, every package's PACKAGE.md and every sample's README.md.</summary>
    public static IEnumerable<string> All()
    {
        yield return Path.Combine(Root, "README.md");
        foreach (string package in Directory.GetDirectories(Path.Combine(Root, "runtime")).OrderBy(d => d, StringComparer.Ordinal))
        {
            string file = Path.Combine(package, "PACKAGE.md");
            if (System.IO.File.Exists(file))
            {
                yield return file;
            }
        }

        foreach (string sample in Directory.GetDirectories(Path.Combine(Root, "samples")).OrderBy(d => d, StringComparer.Ordinal))
        {
            string file = Path.Combine(sample, "README.md");
            if (System.IO.File.Exists(file))
            {
                yield return file;
            }
        }
    }

    /// <summary>Every ```csharp (or ```cs, ```c#) block of every file, in order.</summary>
    public static IEnumerable<DocumentationBlock> Blocks() => All().SelectMany(Extract);

    /// <summary>The C# blocks of one Markdown file; <see cref="DocumentationBlock.Line"/> is the 1-based line of the block's first code line.</summary>
    public static IEnumerable<DocumentationBlock> Extract(string file)
    {
        string[] lines = System.IO.File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string language = fence[3..].Trim().ToLowerInvariant();
            int end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (language is "csharp" or "cs" or "c#")
            {
                yield return new DocumentationBlock(file, i + 2, string.Join("\n", lines[(i + 1)..end]));
            }

            i = end;
        }
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string FindRoot(string start)
    {
        for (string? dir = Path.GetDirectoryName(start); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (System.IO.File.Exists(Path.Combine(dir, "GenNet.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No GenNet.sln above {start}.");
    }
}
