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
    // network: one remembered answer saves writing and parsing it twice in a row.
    private static DeclaredNames? s_lastDeclared;

    /// <summary>
    /// The names of the members the generated part of <paramref name="spec"/>'s class declares (explicit interface
    /// implementations aside, which cannot clash), read from the emitted code itself so that GN0007 and the emitter
    /// can never disagree about what is reserved.
    /// </summary>
    public static IReadOnlyCollection<string> DeclaredMembers(NetworkSpec spec, string version)
    {
        DeclaredNames? last = Volatile.Read(ref s_lastDeclared);
        if (last is not null && last.Spec.Equals(spec))
        {
            return last.Names;
        }

        SyntaxNode root = CSharpSyntaxTree.ParseText(Write(spec, version)).GetRoot();
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

        Volatile.Write(ref s_lastDeclared, new DeclaredNames(spec, names));
        return names;
    }

    private sealed record DeclaredNames(NetworkSpec Spec, IReadOnlyCollection<string> Names);
}
