using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenNet.Generator.Model;

/// <summary>A diagnostic as plain data: its descriptor, where it points and the message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] messageArgs) =>
        new(descriptor, location, messageArgs.Select(a => a?.ToString() ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.Select(a => (object?)a).ToArray());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null
        && Descriptor.Id == other.Descriptor.Id
        && Equals(Location, other.Location)
        && MessageArgs.Equals(other.MessageArgs);

    public override int GetHashCode() => (Descriptor.Id, Location, MessageArgs).GetHashCode();
}
