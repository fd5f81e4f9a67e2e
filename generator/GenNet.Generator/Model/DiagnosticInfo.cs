using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenNet.Generator.Model;

/// <summary>A diagnostic as plain data: its descriptor, where it points and the message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] messageArgs)
    {
        string message = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
        return new(descriptor, location, messageArgs.Select((a, i) => Format(message, i, a)).ToEquatableArray());
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.Select(a => (object?)a).ToArray());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null
        && Descriptor.Id == other.Descriptor.Id
        && Equals(Location, other.Location)
        && MessageArgs.Equals(other.MessageArgs);

    // Arguments are stored as text, so they are formatted here as the message asks ("{1:N0}" gives 16,777,216) and in
    // the invariant culture: a string argument would ignore the format, and the build machine's culture must not matter.
    private static string Format(string message, int index, object? argument)
    {
        if (argument is not IFormattable formattable)
        {
            return argument?.ToString() ?? string.Empty;
        }

        string open = "{" + index.ToString(CultureInfo.InvariantCulture) + ":";
        int start = message.IndexOf(open, StringComparison.Ordinal);
        int end = start < 0 ? -1 : message.IndexOf('}', start);
        string? format = end < 0 ? null : message.Substring(start + open.Length, end - start - open.Length);
        return formattable.ToString(format, CultureInfo.InvariantCulture);
    }

    public override int GetHashCode() => (Descriptor.Id, Location, MessageArgs).GetHashCode();
}
