using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the generated half of one network class: the header, the class declaration, its constants and storage
/// (<see cref="WriteConstants"/>, <see cref="WriteStorage"/>) and its public members with their XML docs
/// (<see cref="WritePrediction"/>, <see cref="WriteTraining"/>), once for every kernel kind. The private methods
/// those members call come from the plan's <see cref="KernelBodies"/>; nothing here writes arithmetic.
/// </summary>
internal static partial class NetworkEmitter
{
    public static string Write(NetworkSpec spec, string version)
    {
        if (spec.Image is not null)
        {
            return ImageNetworkEmitter.Write(spec, version);
        }

        if (spec.Convolution is not null)
        {
            return ConvolutionNetworkEmitter.Write(spec, version);
        }

        if (spec.Recurrent is not null)
        {
            return SequenceNetworkEmitter.Write(spec, version);
        }

        var plan = new NetworkPlan(spec);
        KernelBodies bodies = KernelBodies.For(plan);
        var w = new SourceWriter();
        WriteFileHeader(w, spec, version);

        var scopes = new List<SourceWriter.Scope>();
        if (spec.Namespace is not null)
        {
            scopes.Add(w.Block($"namespace {string.Join(".", spec.Namespace.Split('.').Select(Identifier))}"));
        }

        foreach (ContainingTypeSpec outer in spec.ContainingTypes)
        {
            scopes.Add(w.Block($"partial {outer.Keyword} {outer.Name}"));
        }

        WriteClassComment(w, plan);
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"GenNet\", \"{version}\")]");
        string interfaces = $"global::GenNet.ITrainableNetwork<{plan.T}>"
            + (plan.HasBatchNorm ? $", global::GenNet.IBatchNormalizedNetwork<{plan.T}>" : string.Empty);
        using (w.Block($"partial class {Identifier(spec.TypeName)} : {interfaces}"))
        {
            WriteConstants(w, plan);
            WriteStorage(w, plan);
            WritePrediction(w, plan, bodies);
            WriteTraining(w, plan, bodies);
            WriteCopies(w, plan);
            bodies.WriteMethods(w);
        }

        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            scopes[i].Dispose();
        }

        return w.ToString();
    }

    // A name that is a C# keyword was written @name in the user's code, and must be here too.
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}
