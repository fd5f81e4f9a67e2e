using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace GenNet.Tests.Documentation;

/// <summary>
/// Every C# block of README.md, the packages' PACKAGE.md and the samples' README.md compiles, with the GenNet generator
/// run on it, as pasted into a new console project (or with the context its first line names); the Quick start runs and
/// prints the blog's first line.
/// </summary>
public sealed class DocumentationTests
{
    /// <summary>The first line the blog's Part 1 prints: <c>print "Error:" + str(np.mean(np.abs(l2_error)))</c> at j = 0.</summary>
    private const string BlogFirstLine = "Error:0.496410031903";

    public static IEnumerable<object[]> Blocks() =>
        DocumentationFiles.Blocks().Select(block => new object[] { block.RelativeFile, block.Line });

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_compiles(string file, int line)
    {
        DocumentationBlock block = Find(file, line);
        if (block.IsNotCompiled)
        {
            Assert.Matches(@"^// doc: not-compiled \(.+\)", block.Code.Split('\n')[0].Trim());
            return;
        }

        DocumentationCompilation compiled = DocumentationCompiler.Compile(block);

        Assert.True(compiled.Succeeded, compiled.Describe());
    }

    [Fact]
    public void Every_documentation_file_is_found_and_has_blocks()
    {
        string[] files = DocumentationFiles.All().Select(f => Path.GetRelativePath(DocumentationFiles.Root, f).Replace('\\', '/')).ToArray();

        Assert.Contains("README.md", files);
        Assert.Contains("runtime/GenNet/PACKAGE.md", files);
        Assert.Contains("runtime/GenNet.Onnx/PACKAGE.md", files);
        Assert.True(DocumentationFiles.Extract(Path.Combine(DocumentationFiles.Root, "README.md")).Count() >= 8);
    }

    [Fact]
    public void Blocks_that_are_not_compiled_say_why_and_are_few()
    {
        DocumentationBlock[] skipped = DocumentationFiles.Blocks().Where(b => b.IsNotCompiled).ToArray();

        Assert.All(skipped, b => Assert.Matches(@"^// doc: not-compiled \(.+\)", b.Code.Split('\n')[0].Trim()));
        Assert.True(skipped.Length <= 2, "Blocks not compiled: " + string.Join(", ", skipped.Select(b => b.ToString())));
    }

    [Fact]
    public void A_compile_error_is_reported_with_file_line_and_diagnostic()
    {
        var block = new DocumentationBlock(
            Path.Combine(DocumentationFiles.Root, "README.md"), 100, "using GenNet;\n\nvar n = new NoSuchNet();\n");

        DocumentationCompilation compiled = DocumentationCompiler.Compile(block);

        Assert.False(compiled.Succeeded);
        string message = compiled.Describe();
        Assert.Contains("README.md, the csharp block at line 100", message);
        Assert.Contains("README.md:102,13: CS0246", message);
        Assert.Contains("  102 | var n = new NoSuchNet();", message);
    }

    [Fact]
    public void Generated_members_are_available_to_blocks()
    {
        var block = new DocumentationBlock(
            Path.Combine(DocumentationFiles.Root, "README.md"), 1,
            "using GenNet;\n[Network(Inputs = 2, Outputs = 1)]\npartial class N { }\nclass U { int P => N.ParameterCount; }\n");

        Assert.True(DocumentationCompiler.Compile(block).Succeeded);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("runtime/GenNet/PACKAGE.md")]
    public void Quick_start_runs_and_prints_the_blogs_first_line(string file)
    {
        DocumentationBlock quickStart = DocumentationFiles.Extract(Path.Combine(DocumentationFiles.Root, file))
            .First(b => b.Code.Contains("[Network(", StringComparison.Ordinal) && b.Code.Contains("Console.WriteLine", StringComparison.Ordinal));

        string printed = DocumentationCompiler.Run(quickStart);

        string[] lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 1, printed);
        Assert.Equal(BlogFirstLine, lines[0]);

        // The rest as the blog prints them: digit for digit here; the Quick start's network takes the fast path, whose
        // last bits may depend on the machine's vector width (README, Determinism), so within 1e-9 relative.
        Assert.True(lines.Length >= BlogLines.Length, printed);
        for (int i = 1; i < BlogLines.Length; i++)
        {
            Assert.StartsWith("Error:", lines[i]);
            double expected = double.Parse(BlogLines[i]["Error:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            double actual = double.Parse(lines[i]["Error:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"line {i + 1}: {lines[i]}, the blog {BlogLines[i]}");
        }
    }

    /// <summary>All that the blog's Part 1 prints for the 3-layer network (every 10,000 of 60,000 steps).</summary>
    private static readonly string[] BlogLines =
    {
        BlogFirstLine,
        "Error:0.00858452565325",
        "Error:0.00578945986251",
        "Error:0.00462917677677",
        "Error:0.00395876528027",
        "Error:0.00351012256786",
    };

    [Fact]
    public void The_onnx_input_and_output_names_documented_are_the_exporters()
    {
        var defaults = new GenNet.Persistence.OnnxExportOptions();
        string readme = File.ReadAllText(Path.Combine(DocumentationFiles.Root, "README.md"));
        string package = File.ReadAllText(Path.Combine(DocumentationFiles.Root, "runtime", "GenNet.Onnx", "PACKAGE.md"));

        Assert.Contains($"one input named `{defaults.InputName}`", readme);
        Assert.Contains($"one output named `{defaults.OutputName}`", readme);
        Assert.Contains($"| the graph's input | `{defaults.InputName}` (`OnnxExportOptions.InputName`)", package);
        Assert.Contains($"| the graph's output | `{defaults.OutputName}` (`OnnxExportOptions.OutputName`)", package);
    }

    private static DocumentationBlock Find(string file, int line) =>
        DocumentationFiles.Blocks().Single(b => b.RelativeFile == file && b.Line == line);
}
