using System;
using System.Collections.Generic;

namespace GenNet.Tests.Documentation;

/// <summary>
/// The named contexts a documentation block can ask for with <c>// doc-context: name</c> on its first line. Each is
/// source compiled beside the block: a static class whose members the block sees as plain names through a
/// <c>global using static</c>, so a block reads as it would in the middle of a user's program.
/// </summary>
public static class DocumentationContexts
{
    /// <summary>What each name supplies, as one line for the failure message, and its source.</summary>
    public static IReadOnlyDictionary<string, (string Supplies, string Source)> All { get; } =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["xor-net"] = (
                "xorNet: the blog's 3-4-1 network (double, no bias) seeded with 1; x, y: the XOR rows as double[]; token: a CancellationToken",
                """
                global using static GenNet.DocumentationContexts.XorNetContext;
                using System.Threading;
                using GenNet;

                namespace GenNet.DocumentationContexts;

                [Network(Inputs = 3, Hidden = 4, Outputs = 1, Bias = false)]
                public partial class ContextXorNet { }

                public static class XorNetContext
                {
                    public static readonly ContextXorNet xorNet = Create();
                    public static readonly double[] x = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
                    public static readonly double[] y = { 0, 1, 1, 0 };
                    public static readonly CancellationToken token = CancellationToken.None;

                    private static ContextXorNet Create()
                    {
                        var network = new ContextXorNet();
                        network.InitializeWeights(seed: 1);
                        return network;
                    }
                }
                """),
            ["float-net"] = (
                "net: a float 4-8-3 softmax classifier (categorical cross-entropy); x, y: 10 rows of float inputs and one-hot targets; token: a CancellationToken",
                """
                global using static GenNet.DocumentationContexts.FloatNetContext;
                using System.Threading;
                using GenNet;
                using GenNet.Activations;

                namespace GenNet.DocumentationContexts;

                [Network(Inputs = 4, Hidden = 8, Outputs = 3, OutputActivation = typeof(Softmax),
                         Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
                public partial class ContextFloatNet { }

                public static class FloatNetContext
                {
                    public static readonly ContextFloatNet net = new();
                    public static readonly float[] x = new float[10 * 4];
                    public static readonly float[] y = OneHot();
                    public static readonly CancellationToken token = CancellationToken.None;

                    private static float[] OneHot()
                    {
                        var targets = new float[10 * 3];
                        for (int row = 0; row < 10; row++)
                        {
                            targets[row * 3 + row % 3] = 1;
                        }

                        return targets;
                    }
                }
                """),
            ["digits-net"] = (
                "network: a float 64-64-32-10 ReLU/softmax digits classifier (categorical cross-entropy)",
                """
                global using static GenNet.DocumentationContexts.DigitsNetContext;
                using GenNet;
                using GenNet.Activations;

                namespace GenNet.DocumentationContexts;

                [Network(Inputs = 64, HiddenLayers = new[] { 64, 32 }, Outputs = 10,
                         HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax),
                         Loss = LossFunction.CategoricalCrossEntropy,
                         Initialization = WeightInitialization.He, Precision = NetworkPrecision.Single)]
                public partial class ContextDigitsNet { }

                public static class DigitsNetContext
                {
                    public static readonly ContextDigitsNet network = new();
                }
                """),
        };

    /// <summary>
    /// The global usings of a new console project (<c>ImplicitUsings</c> on, as <c>dotnet new console</c> writes it):
    /// the blocks are checked as a user would paste them there.
    /// </summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
