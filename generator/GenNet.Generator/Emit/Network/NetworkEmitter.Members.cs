using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    // The parser asks for the names of the network it has just built, and the output step then emits the same
    // network: the last network's source is remembered, so it is written once for both.
    private static Emitted? s_last;

    /// <summary>The generated source of <paramref name="spec"/> (<see cref="Write"/>), remembered for the last network asked about.</summary>
    public static string Source(NetworkSpec spec, string version) => Remember(spec, version).Source;

    /// <summary>
    /// The names of the members the generated part of <paramref name="spec"/>'s class declares (explicit interface
    /// implementations aside, which cannot clash), read from the emitted code itself so that GN0007 and the emitter
    /// can never disagree about what is reserved.
    /// </summary>
    public static IReadOnlyCollection<string> DeclaredMembers(NetworkSpec spec, string version)
    {
        Emitted emitted = Remember(spec, version);
        return emitted.Names ??= ReadMembers(spec, emitted.Source);
    }

    private static Emitted Remember(NetworkSpec spec, string version)
    {
        Emitted? last = Volatile.Read(ref s_last);
        if (last is not null && last.Spec.Equals(spec) && last.Version == version)
        {
            return last;
        }

        var emitted = new Emitted(spec, version, Write(spec, version));
        Volatile.Write(ref s_last, emitted);
        return emitted;
    }

    private static IReadOnlyCollection<string> ReadMembers(NetworkSpec spec, string source)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        ClassDeclarationSyntax network = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .First(c => c.Identifier.ValueText == spec.TypeName);
        var names = new HashSet<string>();
        foreach (MemberDeclarationSyntax member in network.Members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                    names.Add(method.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                    names.Add(property.Identifier.ValueText);
                    break;
                case BaseFieldDeclarationSyntax field:
                    names.UnionWith(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
            }
        }

        return names;
    }

    // Names is filled on first use; two threads filling it at once compute the same set.
    private sealed class Emitted(NetworkSpec spec, string version, string source)
    {
        public NetworkSpec Spec { get; } = spec;

        public string Version { get; } = version;

        public string Source { get; } = source;

        public IReadOnlyCollection<string>? Names { get; set; }
    }
}
