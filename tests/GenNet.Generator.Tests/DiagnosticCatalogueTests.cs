using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>The descriptors, DIAGNOSTICS.md and the analyzer release tables say the same thing.</summary>
public sealed class DiagnosticCatalogueTests
{
    public static IEnumerable<object[]> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => new object[] { f.Name });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_descriptor_is_an_error_with_a_help_link_to_its_own_section(string field)
    {
        DiagnosticDescriptor descriptor = Get(field);
        string doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generator", "DIAGNOSTICS.md"));

        Assert.Matches("^GN[0-9]{4}$", descriptor.Id);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.Equal(DiagnosticDescriptors.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
        Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);

        // "## GN0001" gives GitHub's anchor "#gn0001"; the bold line under it is the descriptor's title.
        string section = $"## {descriptor.Id}\n\n**{descriptor.Title}**";
        Assert.Contains(section, doc.Replace("\r\n", "\n"));
        Assert.Contains($"| [{descriptor.Id}](#{descriptor.Id.ToLowerInvariant()}) | {descriptor.Title} |", doc);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_descriptor_is_in_the_release_tables_with_its_title(string field)
    {
        DiagnosticDescriptor descriptor = Get(field);
        string releases = string.Join("\n", new[] { "Shipped", "Unshipped" }.Select(kind =>
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generator", "GenNet.Generator", $"AnalyzerReleases.{kind}.md"))));

        Assert.Contains($"{descriptor.Id} | {descriptor.Category} | Error | {descriptor.Title}", releases);
    }

    [Fact]
    public void Ids_are_unique()
    {
        string[] ids = Descriptors().Select(d => Get((string)d[0]).Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    private static DiagnosticDescriptor Get(string field) =>
        (DiagnosticDescriptor)typeof(DiagnosticDescriptors).GetField(field)!.GetValue(null)!;
}
