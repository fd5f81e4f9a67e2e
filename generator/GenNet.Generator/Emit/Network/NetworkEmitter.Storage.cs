using System.Linq;
using GenNet.Generator.Model;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    private static void WriteStorage(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        w.Line("// All parameters in one array, synapse after synapse, each row-major as numpy stores it" + (plan.Spec.HasBias ? " and followed by its bias." : "."));
        w.Line("// A new network starts from InitializeWeights(0).");
        w.Line($"private readonly {t}[] _parameters = CreateInitialParameters();");
        w.Line();
        if (plan.HasDropout)
        {
            DropoutFragment.WriteStorage(w, t, plan.Spec.DropoutRate);
        }

        if (plan.HasBatchNorm)
        {
            BatchNormStorageFragment.Write(w, t, plan.NormalizedNeurons, "every normalised neuron, hidden layer after hidden layer");
        }

        w.Line("// The full-batch gradient of TrainStep, kept so that a step allocates nothing.");
        w.Line($"private readonly {t}[] _gradient = new {t}[ParameterCount];");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Every trainable parameter, synapse after synapse, each row-major: what the blog calls synapse_0, synapse_1, ….");
        w.Line("/// Reading and writing it reads and changes the network.");
        w.Line("/// </summary>");
        w.Line($"public global::System.Span<{t}> Parameters => _parameters;");
        w.Line();
        foreach (SynapsePlan s in plan.Synapses)
        {
            w.Line($"/// <summary>synapse_{s.Index}: the {s.Rows}×{s.Columns} weights from layer_{s.Index} to layer_{s.Index + 1}, row-major: element [i * {s.Columns} + j] connects neuron i to neuron j.</summary>");
            w.Line($"public global::System.Span<{t}> Synapse{s.Index} => global::System.MemoryExtensions.AsSpan(_parameters, {s.Offset}, {s.WeightCount});");
            w.Line();
            if (s.HasBias)
            {
                w.Line($"/// <summary>bias_{s.Index}: the {s.Columns} bias values added to layer_{s.Index + 1}'s inputs before its activation.</summary>");
                w.Line($"public global::System.Span<{t}> Bias{s.Index} => global::System.MemoryExtensions.AsSpan(_parameters, {s.BiasOffset}, {s.Columns});");
                w.Line();
            }

            if (s.Normalized)
            {
                int l = s.Index + 1;
                w.Line($"/// <summary>γ of layer_{l}'s batch normalisation: the {s.Columns} learned scales.</summary>");
                w.Line($"public global::System.Span<{t}> Gamma{l} => global::System.MemoryExtensions.AsSpan(_parameters, {s.GammaOffset}, {s.Columns});");
                w.Line();
                w.Line($"/// <summary>β of layer_{l}'s batch normalisation: the {s.Columns} learned shifts.</summary>");
                w.Line($"public global::System.Span<{t}> Beta{l} => global::System.MemoryExtensions.AsSpan(_parameters, {s.BetaOffset}, {s.Columns});");
                w.Line();
            }
        }

        string iface = $"global::GenNet.INetwork<{t}>";
        w.Line($"int {iface}.InputCount => InputCount;");
        w.Line();
        w.Line($"int {iface}.OutputCount => OutputCount;");
        w.Line();
        w.Line($"int {iface}.ParameterCount => ParameterCount;");
        w.Line();
        string precision = plan.Spec.Precision == NumericKind.Single ? "Single" : "Double";
        string sizes = string.Join(", ", plan.Layers);
        string activationNames = string.Join(", ", plan.Spec.Activations.Select(a => "\"" + a.Replace("global::", string.Empty) + "\""));
        w.Line("/// <summary>This network's shape as data: precision, sizes, activations, bias units and loss.</summary>");
        w.Line("public static global::GenNet.NetworkArchitecture Architecture { get; } = new(");
        w.Indent();
        w.Line($"global::GenNet.NetworkPrecision.{precision},");
        w.Line($"new[] {{ {sizes} }},");
        w.Line($"new[] {{ {activationNames} }},");
        w.Line($"hasBias: {(plan.Spec.HasBias ? "true" : "false")},");
        string extras = (plan.HasBatchNorm ? ",\nbatchNormalization: true" : string.Empty)
            + (plan.HasDropout ? $",\ndropoutRate: {plan.Spec.DropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty);
        w.Line($"global::GenNet.LossFunction.{plan.Spec.Loss}{extras});");
        w.Unindent();
        w.Line();
        w.Line($"global::GenNet.NetworkArchitecture {iface}.Architecture => Architecture;");
        w.Line();
        string scheme = $"global::GenNet.WeightInitialization.{plan.Spec.Initialization}";
        w.Line("/// <summary>");
        w.Line($"/// Draws every parameter with the {plan.Spec.Initialization} scheme from MT19937 seeded with <paramref name=\"seed\"/>.");
        if (plan.Spec.Initialization == InitializationKind.Uniform)
        {
            w.Line("/// Each is <c>2·u − 1</c>, u uniform in [0, 1), in <see cref=\"Parameters\"/> order: exactly numpy's");
            w.Line("/// <c>np.random.seed(seed)</c> followed by <c>synapse_0 = 2*np.random.random(shape) - 1</c> for each synapse in turn.");
        }

        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">0 to 2³¹ − 1; the same seed always gives the same weights.</param>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        using (w.Block("public void InitializeWeights(int seed)"))
        {
            TrainingLockFragment.With(w, true, () =>
                w.Line($"global::GenNet.CompilerServices.WeightInitializer.Initialize<{t}>(_parameters, Architecture, seed, {scheme});"));
        }

        w.Line();
        using (w.Block($"private static {t}[] CreateInitialParameters()"))
        {
            w.Line($"var parameters = new {t}[ParameterCount];");
            w.Line($"global::GenNet.CompilerServices.WeightInitializer.Initialize<{t}>(parameters, Architecture, 0, {scheme});");
            w.Line("return parameters;");
        }

        w.Line();
    }
}
