using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using GenNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// Property: for any [Network] declaration, valid or not, well-formed or not, the generator never throws and the
/// user is never left without an explanation. Either everything compiles, or the generator reports a GN error, or
/// the compiler reports an error in the user's own code; generated code never holds an error of its own.
/// CsCheck prints the seed of a failing case; pass it to <c>Sample(seed: ...)</c> to replay it.
/// </summary>
public sealed class RandomDeclarationTests
{
    private static readonly Gen<string> Size = Gen.Frequency(
        (6, Gen.Int[1, 6].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOf("0", "-1", "65536", "65537", "int.MaxValue", "int.MinValue", "1024", "40")),
        (1, Gen.OneOf("\"3\"", "3.5", "null", "Sizes.Three", "Sizes.Constant", "unknown", "(1 << 20)", "'a'", "3L")));

    private static readonly Gen<string> ActivationType = Gen.OneOf(
        "typeof(Sigmoid)", "typeof(Tanh)", "typeof(ReLU)", "typeof(LeakyReLU)", "typeof(Linear)", "typeof(Softmax)",
        "typeof(int)", "typeof(string)", "typeof(IActivation)", "typeof(System.Collections.Generic.List<>)", "null");

    private static readonly Gen<string> Argument = Gen.Frequency(
        (8, Size.Select(v => "Inputs = " + v)),
        (8, Size.Select(v => "Outputs = " + v)),
        (6, Size.Select(v => "Hidden = " + v)),
        (3, Size.Array[0, 3].Select(v => $"HiddenLayers = new[] {{ {string.Join(", ", v)} }}")),
        (1, Gen.OneOf("HiddenLayers = null", "HiddenLayers = new int[0]", "HiddenLayers = new int[] { }")),
        (3, Gen.OneOf("Precision = NetworkPrecision.Single", "Precision = NetworkPrecision.Double", "Precision = (NetworkPrecision)2", "Precision = (NetworkPrecision)(-1)")),
        (3, Gen.OneOf("Bias = true", "Bias = false", "Bias = 1")),
        (3, ActivationType.Select(t => "HiddenActivation = " + t)),
        (3, ActivationType.Select(t => "OutputActivation = " + t)),
        (2, ActivationType.Array[0, 4].Select(t => $"Activations = new[] {{ {string.Join(", ", t)} }}")),
        (3, Gen.OneOf("Loss = LossFunction.SumSquaredError", "Loss = LossFunction.MeanSquaredError", "Loss = LossFunction.BinaryCrossEntropy", "Loss = LossFunction.CategoricalCrossEntropy", "Loss = (LossFunction)7")),
        (2, Gen.OneOf("Initialization = WeightInitialization.Xavier", "Initialization = WeightInitialization.He", "Initialization = (WeightInitialization)9")),
        (2, Gen.OneOf("Dropout = 0.5", "Dropout = 0", "Dropout = 1", "Dropout = -0.1", "Dropout = double.NaN", "Dropout = 2")),
        (2, Gen.OneOf("BatchNormalization = true", "BatchNormalization = false")),
        (1, Gen.OneOf("Layers = 3", "3", "Inputs: 3", "Inputs = ", "= 3")));

    private static readonly Gen<string> Attribute = Argument.Array[0, 7].Select(args => $"[Network({string.Join(", ", args)})]");

    private static readonly Gen<string> ClassHead = Gen.Frequency(
        (10, Gen.Const("public partial class {0}")),
        (1, Gen.OneOf(
            "public class {0}", "public static partial class {0}", "public partial class {0}<T>", "public partial record {0}",
            "public partial record struct {0}", "public partial struct {0}", "public abstract partial class {0}",
            "internal sealed partial class {0}", "file partial class {0}", "public partial interface {0}")));

    private static readonly Gen<string> Member = Gen.OneOf(
        "", "", "", "public int Extra;", "public void Predict() { }", "public int Synapse0;", "private double[] _parameters = null!;",
        "public static int InputCount => 1;", "public class Architecture { }", "public void Predict(int x) { }");

    private static readonly Gen<string> Name = Gen.Frequency((12, Gen.Const("Net")), (1, Gen.OneOf("@class", "Ünïcode", "_", "")));

    private static readonly Gen<string> Wrapper = Gen.Frequency(
        (8, Gen.Const("{0}")),
        (1, Gen.OneOf(
            "public partial class Outer {{ {0} }}", "public class Outer {{ {0} }}", "public partial struct Outer<T> {{ {0} }}",
            "public static partial class Outer {{ public partial record Inner {{ {0} }} }}", "namespace Net {{ {0} }}")));

    private static readonly Gen<string> Namespace = Gen.OneOf("", "", "namespace Demo;", "namespace A.B.C;", "namespace @event;");

    private static readonly Gen<string> Source = Gen.Select(
        Gen.Select(Namespace, Attribute, ClassHead, Name, (ns, attribute, head, name) => (ns, attribute, head, name)),
        Gen.Select(Member, Wrapper, Gen.Int[0, 9], Attribute, (member, wrapper, extra, second) => (member, wrapper, extra, second)),
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, int.MaxValue], (mutation, position) => (mutation, position)),
        (a, b, c) => Render(a.ns, a.attribute, a.head, a.name, b.member, b.wrapper, b.extra, b.second, c.mutation, c.position));

    // A declaration, sometimes with a second [Network] or a second partial part, sometimes cut short or with a
    // character deleted: malformed text must be survived as well as malformed values.
    private static string Render(string ns, string attribute, string head, string name, string member, string wrapper, int extra, string second, int mutation, int position)
    {
        string declaration = $"{attribute}\n{string.Format(head, name)} {{ {member} }}";
        declaration += extra switch
        {
            0 => $"\n{second}\npartial class {name} {{ }}",
            1 => $"\n{second}{attribute}\npartial class Other {{ }}",
            _ => string.Empty,
        };
        string text = $$"""
            using GenNet;
            using GenNet.Activations;
            {{ns}}
            public static class Sizes { public const int Three = 3; public static readonly int Constant = 3; }
            {{string.Format(wrapper, declaration)}}
            """;
        return mutation switch
        {
            0 => text[..(position % text.Length)],
            1 => text.Remove(position % text.Length, 1),
            _ => text,
        };
    }

    [Fact]
    public void Any_declaration_compiles_or_is_explained_and_the_generator_never_throws()
    {
        Source.Sample(CheckOne, iter: 1_000, threads: 2, print: s => "\n" + s);
    }

    private static void CheckOne(string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Null(outcome.GeneratorException);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Id is "CS8785" or "GN0099");

        Diagnostic[] gn = outcome.GeneratorDiagnostics.Where(d => d.Id.StartsWith("GN", StringComparison.Ordinal)).ToArray();
        Assert.All(gn, d => Assert.True(d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile, $"{d} has no location"));

        Diagnostic[] inputErrors = outcome.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (outcome.GeneratedSources.IsEmpty)
        {
            // Never a silent lack of output: a [Network] that generates nothing is explained by GenNet or the compiler.
            Assert.True(
                gn.Length > 0 || inputErrors.Length > 0 || !source.Contains("[Network(", StringComparison.Ordinal),
                "a [Network] class generated nothing and nothing says why");
            return;
        }

        Diagnostic[] outputErrors = outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Diagnostic[] inGenerated = outputErrors.Where(d => d.Location.SourceTree is { } tree && !tree.FilePath.StartsWith("Network", StringComparison.Ordinal)).ToArray();
        Assert.True(inGenerated.Length == 0, "generated code does not compile:\n" + string.Join("\n", inGenerated.Take(5)));
        Assert.True(
            outputErrors.Length == 0 || gn.Length > 0 || inputErrors.Length > 0,
            "errors with no GN diagnostic and none in the user's code:\n" + string.Join("\n", outputErrors.Take(5)));
    }
}
