using System.Collections.Generic;
using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>
/// How generated methods name the activations. Usually by the struct's own name (<c>Sigmoid.Activate(x)</c>), and the
/// methods have no activation type parameters; when a user's struct implements its members explicitly, each
/// element-wise layer's activation becomes a type parameter (<c>TActivation1</c>, …) constrained to
/// <c>IActivation</c>, which the public members fill with the structs. Either way the JIT compiles the calls directly.
/// </summary>
internal static class ActivationTypes
{
    /// <summary>"&lt;TLanes, TActivation1, …&gt;" (the parts that exist), or nothing.</summary>
    public static string Parameters(NetworkPlan plan, bool withLanes) =>
        Angle((withLanes ? new[] { "TLanes" } : new string[0]).Concat(Generic(plan).Select(plan.ActivationType)));

    /// <summary>The type arguments matching <see cref="Parameters"/>: the lane type, then the activation structs.</summary>
    public static string Arguments(NetworkPlan plan, string? lane) =>
        Angle((lane is null ? new string[0] : new[] { lane }).Concat(Generic(plan).Select(l => plan.Spec.Activations[l - 1])));

    /// <summary>The lane type, then the calling method's own activation type parameters (same names).</summary>
    public static string ForwardedWithLane(NetworkPlan plan, string lane) =>
        Angle(new[] { lane }.Concat(Generic(plan).Select(plan.ActivationType)));

    /// <summary>The <c>where</c> clauses of <see cref="Parameters"/>, indented under the method's signature.</summary>
    public static void WriteConstraints(SourceWriter w, NetworkPlan plan, bool withLanes)
    {
        w.Indent();
        if (withLanes)
        {
            w.Line($"where TLanes : struct, global::GenNet.Numerics.ILanes<TLanes, {plan.T}>");
        }

        foreach (int l in Generic(plan))
        {
            string contract = plan.NeedsInput(l) ? "IActivationFromInput" : "IActivation";
            w.Line($"where {plan.ActivationType(l)} : struct, global::GenNet.Activations.{contract}");
        }

        w.Unindent();
    }

    /// <summary>The activation's name in formula comments: σ for the blog's sigmoid, else its short name.</summary>
    public static string Symbol(NetworkPlan plan, int layer)
    {
        string name = plan.Spec.Activations[layer - 1].Split('.').Last();
        return name switch
        {
            "Sigmoid" or "PortableSigmoid" => "σ",
            "Tanh" or "PortableTanh" => "tanh",
            "ReLU" => "relu",
            "LeakyReLU" => "leaky_relu",
            "Linear" => "identity",
            "Softmax" or "PortableSoftmax" => "softmax",
            _ => name,
        };
    }

    // The layers whose activation is a type parameter: none when the structs are called by name.
    private static IEnumerable<int> Generic(NetworkPlan plan) =>
        plan.Spec.ActivationsByName ? Enumerable.Empty<int>() : plan.ElementwiseLayers;

    private static string Angle(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? string.Empty : "<" + joined + ">";
    }
}
