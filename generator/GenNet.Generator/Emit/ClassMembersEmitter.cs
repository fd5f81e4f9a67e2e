using System.Collections.Generic;
using System.Linq;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes the public surface of a generated network (constants, weights, Predict, training) and the scaffolding
/// around the math: argument checks, scratch memory, and the calls into <see cref="LayerMathEmitter"/>'s blocks.
/// </summary>
internal static class ClassMembersEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        WriteConstants(w, plan);
        WriteStorage(w, plan);
        if (plan.Fast)
        {
            FastPathEmitter.Write(w, plan);
            return;
        }

        WritePrediction(w, plan);
        WriteTraining(w, plan);
        WriteForwardRow(w, plan);
        WriteBackpropagate(w, plan);
    }

    private static void WriteConstants(SourceWriter w, NetworkPlan plan)
    {
        w.Line("/// <summary>Values per input row: the width of layer_0.</summary>");
        w.Line($"public const int InputCount = {plan.Layers[0]};");
        w.Line();
        if (plan.Layers.Length == 3)
        {
            w.Line("/// <summary>Neurons in the hidden layer, layer_1.</summary>");
            w.Line($"public const int HiddenCount = {plan.Layers[1]};");
            w.Line();
        }
        else
        {
            for (int l = 1; l < plan.Last; l++)
            {
                w.Line($"/// <summary>Neurons in hidden layer {l}, layer_{l}.</summary>");
                w.Line($"public const int Hidden{l}Count = {plan.Layers[l]};");
                w.Line();
            }
        }

        w.Line($"/// <summary>Values per output row: the width of layer_{plan.Last}.</summary>");
        w.Line($"public const int OutputCount = {plan.Layers[plan.Last]};");
        w.Line();
        string parts = string.Join(" + ", plan.Synapses.Select(s => $"synapse_{s.Index} ({s.Rows}×{s.Columns}" + (s.HasBias ? $" + {s.Columns} bias" : string.Empty) + (s.Normalized ? $" + {s.Columns} γ + {s.Columns} β" : string.Empty) + ")"));
        w.Line($"/// <summary>Trainable parameters: {parts}.</summary>");
        w.Line($"public const int ParameterCount = {plan.ParameterCount};");
        w.Line();
    }

    private static void WriteStorage(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        w.Line("// All parameters in one array, synapse after synapse, each row-major as numpy stores it" + (plan.Spec.HasBias ? " and followed by its bias." : "."));
        w.Line("// A new network starts from InitializeWeights(0).");
        w.Line($"private readonly {t}[] _parameters = CreateInitialParameters();");
        w.Line();
        if (plan.HasDropout)
        {
            string rate = plan.Spec.DropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            w.Line("/// <summary>Probability that training drops a hidden neuron (inverted dropout; Predict never drops).</summary>");
            w.Line($"public const double DropoutRate = {rate};");
            w.Line();
            w.Line("// Kept neurons are scaled by 1 / (1 − rate) so that inference needs no rescaling.");
            w.Line($"private const {t} DropoutKeepScale = ({t})(1 / (1 - DropoutRate));");
            w.Line();
            w.Line("private readonly global::GenNet.Randomness.DropoutMask _dropout = new(0);");
            w.Line();
            w.Line("/// <summary>Restarts the dropout masks' random stream: the same seed gives the same masks.</summary>");
            using (w.Block("public void SeedDropout(int seed)"))
            {
                w.Line("_dropout.Reseed(seed);");
            }

            w.Line();
        }

        if (plan.HasBatchNorm)
        {
            w.Line("/// <summary>The ε added to the variance before its square root in batch normalisation.</summary>");
            w.Line($"public const {t} BatchNormEpsilon = 1e-5{(t == "float" ? "f" : string.Empty)};");
            w.Line();
            w.Line("/// <summary>How far each training step moves the running statistics toward the batch's: running = (1 − m)·running + m·batch.</summary>");
            w.Line($"public const {t} BatchNormMomentum = 0.1{(t == "float" ? "f" : string.Empty)};");
            w.Line();
            w.Line("// Running mean and (unbiased) variance of every normalised neuron, layer after layer; Predict normalises with them.");
            w.Line($"private readonly {t}[] _runningMean = new {t}[{plan.NormalizedNeurons}];");
            w.Line($"private readonly {t}[] _runningVariance = CreateUnitVariance();");
            w.Line();
            w.Line("/// <summary>The running means that Predict normalises with, hidden layer after hidden layer. Training updates them;");
            w.Line("/// save and restore them with the weights.</summary>");
            w.Line($"public global::System.Span<{t}> RunningMean => _runningMean;");
            w.Line();
            w.Line("/// <summary>The running variances that Predict normalises with, in <see cref=\"RunningMean\"/>'s order.</summary>");
            w.Line($"public global::System.Span<{t}> RunningVariance => _runningVariance;");
            w.Line();
            using (w.Block($"private static {t}[] CreateUnitVariance()"))
            {
                w.Line($"var variance = new {t}[{plan.NormalizedNeurons}];");
                w.Line("global::System.MemoryExtensions.AsSpan(variance).Fill(1);");
                w.Line("return variance;");
            }

            w.Line();
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

        string iface = $"global::GenNet.Networks.INetwork<{t}>";
        w.Line($"int {iface}.InputCount => InputCount;");
        w.Line();
        w.Line($"int {iface}.OutputCount => OutputCount;");
        w.Line();
        w.Line($"int {iface}.ParameterCount => ParameterCount;");
        w.Line();
        string precision = plan.Spec.Precision == Model.NumericKind.Single ? "Single" : "Double";
        string sizes = string.Join(", ", plan.Layers);
        string activationNames = string.Join(", ", plan.Spec.Activations.Select(a => "\"" + a.Replace("global::", string.Empty) + "\""));
        w.Line("/// <summary>This network's shape as data: precision, sizes, activations, bias units and loss.</summary>");
        w.Line("public static global::GenNet.Networks.NetworkArchitecture Architecture { get; } = new(");
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
        w.Line($"global::GenNet.Networks.NetworkArchitecture {iface}.Architecture => Architecture;");
        w.Line();
        string scheme = $"global::GenNet.WeightInitialization.{plan.Spec.Initialization}";
        w.Line("/// <summary>");
        w.Line($"/// Draws every parameter with the {plan.Spec.Initialization} scheme from MT19937 seeded with <paramref name=\"seed\"/>.");
        if (plan.Spec.Initialization == Model.InitializationKind.Uniform)
        {
            w.Line("/// Each is <c>2·u − 1</c>, u uniform in [0, 1), in <see cref=\"Parameters\"/> order: exactly numpy's");
            w.Line("/// <c>np.random.seed(seed)</c> followed by <c>synapse_0 = 2*np.random.random(shape) - 1</c> for each synapse in turn.");
        }

        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">0 to 2³¹ − 1; the same seed always gives the same weights.</param>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        using (w.Block("public void InitializeWeights(int seed)"))
        {
            WithTrainingLock(w, true, () =>
                w.Line($"global::GenNet.Randomness.WeightInitializer.Initialize<{t}>(_parameters, Architecture, seed, {scheme});"));
        }

        w.Line();
        using (w.Block($"private static {t}[] CreateInitialParameters()"))
        {
            w.Line($"var parameters = new {t}[ParameterCount];");
            w.Line($"global::GenNet.Randomness.WeightInitializer.Initialize<{t}>(parameters, Architecture, 0, {scheme});");
            w.Line("return parameters;");
        }

        w.Line();
    }

    private static void WritePrediction(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string activations = ActivationArguments(plan);
        int scratch = plan.ForwardScratch;

        w.Line("/// <summary>Runs one row forward through the network.</summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives exactly <see cref=\"OutputCount\"/> values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <remarks>Allocates nothing and only reads the weights, so any number of threads may predict at once.</remarks>");
        using (w.Block($"public void Predict(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> output)"))
        {
            w.Line("global::GenNet.Guard.Length(input, InputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(output, OutputCount);");
            WithScratch(w, plan, scratch, arg => w.Line($"ForwardRow<{activations}>(input, output{arg});"));
        }

        w.Line();
        w.Line("/// <summary>Runs rows forward. Both spans are row-major.</summary>");
        w.Line("/// <param name=\"inputs\">Whole rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"outputs\">Receives one row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same number of whole rows.</exception>");
        using (w.Block($"public void PredictBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs)"))
        {
            w.Line($"int rows = global::GenNet.Guard.Rows<{t}>(inputs, InputCount, outputs, OutputCount);");
            WithScratch(w, plan, scratch, arg =>
            {
                using (w.Block("for (int row = 0; row < rows; row++)"))
                {
                    w.Line($"ForwardRow<{activations}>(inputs.Slice(row * InputCount, InputCount), outputs.Slice(row * OutputCount, OutputCount){arg});");
                }
            });
        }

        w.Line();
    }

    private static void WriteTraining(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string activations = ActivationArguments(plan);
        int scratch = plan.TrainingScratch;

        w.Line("/// <summary>");
        w.Line($"/// Computes the gradient of {LossText(plan)} over all rows");
        w.Line("/// into <paramref name=\"gradient\"/>, without changing the weights.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"gradient\">Exactly <see cref=\"ParameterCount\"/> values, overwritten, in <see cref=\"Parameters\"/> order.</param>");
        w.Line($"/// <returns>{ReportedText(plan)} of this forward pass.</returns>");
        // Dropout draws from the network's mask stream and batch normalisation moves its running statistics: with
        // either, computing a gradient changes the network, so it takes the training lock like TrainStep.
        bool stateful = plan.HasDropout || plan.HasBatchNorm;
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), or a value is NaN or infinite (the message names its row and column).</exception>");
        if (stateful)
        {
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
        }

        using (w.Block($"public {t} ComputeGradient(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient)"))
        {
            w.Line("global::GenNet.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line($"global::GenNet.Guard.Length<{t}>(gradient, ParameterCount);");
            WithTrainingLock(w, stateful, () =>
                WithScratch(w, plan, scratch, arg => w.Line($"return Backpropagate<{activations}>(inputs, targets, gradient{arg});")));
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of full-batch gradient descent, the blog's training loop body:");
        w.Line($"/// <c>parameters −= learningRate · ∂E/∂parameters</c> for {LossText(plan)}, all gradients taken before any update.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"targets\">One row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <param name=\"learningRate\">The blog's alpha; positive and finite.</param>");
        w.Line($"/// <returns>{ReportedText(plan)} of the forward pass before the update.</returns>");
        WriteTrainSteps(w, plan, rows: false, () => WithScratch(w, plan, scratch, arg =>
        {
            w.Line($"{t} error = Backpropagate<{activations}>(inputs, targets, _gradient{arg});");
            w.Line($"global::GenNet.Numerics.GradientDescent.Apply<{t}>(_parameters, _gradient, learningRate);");
            w.Line("return error;");
        }));
    }

    /// <summary>
    /// The public <c>TrainStep</c> (its XML docs written by the caller just before) and the explicit
    /// <c>ITrainableNetwork&lt;T&gt;.TrainStepUnchecked</c>, around the same <paramref name="step"/>: the first checks
    /// sizes, finiteness and the learning rate and takes the training lock on every call; the second, which
    /// <c>Trainer</c> calls after checking the data and options once and while it holds the lock for the whole run,
    /// checks sizes (so the unchecked reads stay in bounds) and that the calling thread holds the lock. With
    /// <paramref name="rows"/>, both declare <c>int rows</c> for the step.
    /// </summary>
    internal static void WriteTrainSteps(SourceWriter w, NetworkPlan plan, bool rows, System.Action step)
    {
        string t = plan.T;
        string assign = rows ? "int rows = " : string.Empty;
        string parameters = $"(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, {t} learningRate)";
        WriteTrainStepExceptions(w);
        w.Line(HotMethod);
        using (w.Block($"public {t} TrainStep{parameters}"))
        {
            w.Line($"{assign}global::GenNet.Guard.TrainingRows(inputs, InputCount, targets, OutputCount);");
            w.Line("global::GenNet.Guard.LearningRate(learningRate);");
            WithTrainingLock(w, true, step);
        }

        w.Line();
        w.Line("// TrainStep for GenNet's Trainer, which checks the data's values and the learning rate once per run and holds the");
        w.Line("// training lock for the whole run: only the sizes, and that this thread holds the lock, are checked here.");
        w.Line(HotMethod);
        using (w.Block($"{t} global::GenNet.Networks.ITrainableNetwork<{t}>.TrainStepUnchecked{parameters}"))
        {
            w.Line($"{assign}global::GenNet.Guard.NonEmptyRows(inputs, InputCount, targets, OutputCount);");
            w.Line("global::GenNet.Networks.TrainingLock.EnsureHeld(this);");
            step();
        }

        w.Line();
    }

    /// <summary>
    /// The attribute on the methods a training step runs (TrainStep, TrainStepUnchecked, Backpropagate and what it
    /// calls per block of rows): compiled fully optimised on the first call instead of as tier-0 code that tiered
    /// compilation replaces only after its 100 ms delay, most of a short run. Dynamic PGO does not instrument them.
    /// </summary>
    internal const string HotMethod = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>The exceptions TrainStep documents, on both arithmetic paths.</summary>
    private static void WriteTrainStepExceptions(SourceWriter w)
    {
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' sizes do not match (the message names the expected and actual");
        w.Line("/// sizes), a value is NaN or infinite (the message names its row and column), or the learning rate is not positive and finite.</exception>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another thread is training this network.</exception>");
    }

    /// <summary>
    /// Wraps <paramref name="body"/> in the network's training lock (<c>GenNet.Networks.TrainingLock</c>) when
    /// <paramref name="locked"/>: the gradient buffer and weights are shared, so training calls must not overlap.
    /// </summary>
    internal static void WithTrainingLock(SourceWriter w, bool locked, System.Action body)
    {
        if (!locked)
        {
            body();
            return;
        }

        w.Line("global::GenNet.Networks.TrainingLock.Enter(this);");
        using (w.Block("try"))
        {
            body();
        }

        using (w.Block("finally"))
        {
            w.Line("global::GenNet.Networks.TrainingLock.Exit(this);");
        }
    }

    private static void WriteForwardRow(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        string scratchParameter = plan.ForwardScratch > 0 ? $", global::System.Span<{t}> scratch" : string.Empty;
        w.Line("// One row forward. The activations are type parameters so that the JIT compiles this method once per");
        w.Line("// activation struct and inlines it: no virtual call per neuron.");
        w.Line($"private void ForwardRow<{ActivationParameters(plan)}>(global::System.ReadOnlySpan<{t}> layer0, global::System.Span<{t}> output{scratchParameter})");
        WriteConstraints(w, plan);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            WriteScratchSlices(w, plan, withDeltas: false);
            LayerMathEmitter.WriteForward(w, plan, training: false);
            w.Line();
            LayerMathEmitter.WriteCopyOutput(w, plan);
        }

        w.Line();
    }

    private static void WriteBackpropagate(SourceWriter w, NetworkPlan plan)
    {
        if (plan.HasBatchNorm)
        {
            BatchNormEmitter.WriteBackpropagate(w, plan, ActivationParameters(plan), _ => WriteConstraints(w, plan));
            return;
        }

        string t = plan.T;
        string scratchParameter = plan.TrainingScratch > 0 ? $", global::System.Span<{t}> scratch" : string.Empty;
        w.Line("// Forward and backward over every row, summing ∂E/∂w into gradient. Rows are visited in order and each");
        w.Line("// sum runs in ascending index order without fused multiply-add, as numpy's BLAS does, so double-precision");
        w.Line("// results match the blog's numpy code.");
        w.Line(HotMethod);
        w.Line($"private {t} Backpropagate<{ActivationParameters(plan)}>(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradient{scratchParameter})");
        WriteConstraints(w, plan);
        using (w.Block(string.Empty))
        {
            w.Line($"global::System.ReadOnlySpan<{t}> w = global::System.MemoryExtensions.AsSpan(_parameters, 0, ParameterCount);");
            w.Line("gradient = gradient.Slice(0, ParameterCount);");
            w.Line("gradient.Clear();");
            WriteScratchSlices(w, plan, withDeltas: true);
            w.Line("int rows = inputs.Length / InputCount;");
            LayerMathEmitter.WriteErrorTerms(w, plan);
            using (w.Block("for (int row = 0; row < rows; row++)"))
            {
                w.Line($"global::System.ReadOnlySpan<{t}> layer0 = inputs.Slice(row * InputCount, InputCount);");
                w.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice(row * OutputCount, OutputCount);");
                w.Line();
                LayerMathEmitter.WriteForward(w, plan, training: true);
                w.Line();
                LayerMathEmitter.WriteBackward(w, plan);
            }

            w.Line();
            LayerMathEmitter.WriteErrorSum(w, plan);
            WriteLossReturn(w, plan);
        }
    }

    /// <summary>Scales the summed gradient to the loss's normalisation and returns the reported error.</summary>
    internal static void WriteLossReturn(SourceWriter w, NetworkPlan plan)
    {
        string t = plan.T;
        switch (plan.Spec.Loss)
        {
            case Model.LossKind.SumSquaredError:
                w.Line("return errorSum / (rows * OutputCount);");
                break;
            case Model.LossKind.MeanSquaredError:
                w.Line($"global::GenNet.Numerics.Kernels.Scale(gradient, ({t})2 / (rows * OutputCount));");
                w.Line("return errorSum / (rows * OutputCount);");
                break;
            case Model.LossKind.BinaryCrossEntropy:
                w.Line($"global::GenNet.Numerics.Kernels.Scale(gradient, ({t})1 / (rows * OutputCount));");
                w.Line("return errorSum / (rows * OutputCount);");
                break;
            default:
                w.Line($"global::GenNet.Numerics.Kernels.Scale(gradient, ({t})1 / rows);");
                w.Line("return errorSum / rows;");
                break;
        }
    }

    private static void WriteScratchSlices(SourceWriter w, NetworkPlan plan, bool withDeltas)
    {
        int offset = 0;
        var names = new List<string> { "layer" };
        if (withDeltas)
        {
            names.Add("delta");
        }

        foreach (string name in names)
        {
            for (int l = 1; l <= plan.Last; l++)
            {
                if (plan.IsSpan(l))
                {
                    w.Line($"global::System.Span<{plan.T}> {name}{l} = scratch.Slice({offset}, {plan.Layers[l]});");
                    offset += plan.Layers[l];
                }
            }
        }

        if (withDeltas && plan.HasDropout)
        {
            foreach (string name in new[] { "mask", "dropped" })
            {
                for (int l = 1; l < plan.Last; l++)
                {
                    w.Line($"global::System.Span<{plan.T}> {name}{l} = scratch.Slice({offset}, {plan.Layers[l]});");
                    offset += plan.Layers[l];
                }
            }
        }
    }

    // Runs body with a scratch span of the given size: on the stack when small, rented from the pool when not.
    private static void WithScratch(SourceWriter w, NetworkPlan plan, int elements, System.Action<string> body)
    {
        string t = plan.T;
        if (elements == 0)
        {
            body(string.Empty);
        }
        else if (plan.FitsOnStack(elements))
        {
            w.Line($"global::System.Span<{t}> scratch = stackalloc {t}[{elements}];");
            body(", scratch");
        }
        else
        {
            w.Line($"// {elements * plan.ElementSize} bytes of scratch is over the {NetworkPlan.StackLimitBytes}-byte stack limit: rent it.");
            w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent({elements});");
            using (w.Block("try"))
            {
                w.Line($"global::System.Span<{t}> scratch = global::System.MemoryExtensions.AsSpan(rented, 0, {elements});");
                body(", scratch");
            }

            using (w.Block("finally"))
            {
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }
    }

    private static string ActivationParameters(NetworkPlan plan) =>
        string.Join(", ", plan.ElementwiseLayers.Select(plan.ActivationType));

    private static string ActivationArguments(NetworkPlan plan) =>
        string.Join(", ", plan.ElementwiseLayers.Select(l => plan.Spec.Activations[l - 1]));

    /// <summary>The loss in words, for XML docs.</summary>
    internal static string LossText(NetworkPlan plan) => plan.Spec.Loss switch
    {
        Model.LossKind.SumSquaredError => "<c>E = ½ Σ (output − target)²</c> (summed over rows and outputs, the blog's loss)",
        Model.LossKind.MeanSquaredError => "<c>E = mean((output − target)²)</c> (over rows and outputs)",
        Model.LossKind.BinaryCrossEntropy => "the binary cross-entropy <c>E = −mean(target·log output + (1 − target)·log(1 − output))</c>",
        _ => "the categorical cross-entropy <c>E = −(1/rows) Σ target·log softmax</c>",
    };

    /// <summary>What ComputeGradient and TrainStep return, for XML docs.</summary>
    internal static string ReportedText(NetworkPlan plan) => plan.Spec.Loss switch
    {
        Model.LossKind.SumSquaredError => "The mean absolute error <c>mean(|output − target|)</c> (what the blog prints)",
        Model.LossKind.MeanSquaredError => "The mean squared error",
        Model.LossKind.BinaryCrossEntropy => "The mean binary cross-entropy",
        _ => "The mean cross-entropy per row",
    };

    private static void WriteConstraints(SourceWriter w, NetworkPlan plan)
    {
        w.Indent();
        foreach (int l in plan.ElementwiseLayers)
        {
            w.Line($"where {plan.ActivationType(l)} : struct, global::GenNet.Activations.IActivation");
        }

        w.Unindent();
    }
}
