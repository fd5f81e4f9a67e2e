using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Generator.Model;

/// <summary>
/// A source location detached from the compilation (file path and spans only), so diagnostics can live in the
/// cached model without pinning a syntax tree.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());
}
