using GenNet.Generator.Model;

namespace GenNet.Generator.Planning;

/// <summary>
/// Everything the generated code needs to know about the training loss, in one place: the error term each output
/// neuron adds to the reported error, its delta, the scale applied to the summed gradient, the value returned, and
/// the words of the comments and XML docs. Every kernel body asks this plan; none switches on the loss itself.
/// </summary>
/// <remarks>
/// With the output error e = p − y: the squared losses' delta is e ⊙ f'(p) through the output activation; binary
/// cross-entropy through a sigmoid and categorical cross-entropy through a softmax both simplify to p − y.
/// </remarks>
internal sealed class LossPlan
{
    public LossPlan(LossKind kind, string t)
    {
        Kind = kind;
        T = t;
    }

    public LossKind Kind { get; }

    private string T { get; }

    /// <summary>True for the squared losses, whose delta goes through the output activation's derivative and whose
    /// reported error is a sum of |e| or e² terms (the lane bodies sum those in registers).</summary>
    public bool Squared => Kind is LossKind.SumSquaredError or LossKind.MeanSquaredError;

    /// <summary>The loss in words, for XML docs.</summary>
    public string Text => Kind switch
    {
        LossKind.SumSquaredError => "<c>E = ½ Σ (output − target)²</c> (summed over rows and outputs, the blog's loss)",
        LossKind.MeanSquaredError => "<c>E = mean((output − target)²)</c> (over rows and outputs)",
        LossKind.BinaryCrossEntropy => "the binary cross-entropy <c>E = −mean(target·log output + (1 − target)·log(1 − output))</c>",
        _ => "the categorical cross-entropy <c>E = −(1/rows) Σ target·log softmax</c>",
    };

    /// <summary>What ComputeGradient and TrainStep return, for XML docs.</summary>
    public string Reported => Kind switch
    {
        LossKind.SumSquaredError => "The mean absolute error <c>mean(|output − target|)</c> (what the blog prints)",
        LossKind.MeanSquaredError => "The mean squared error",
        LossKind.BinaryCrossEntropy => "The mean binary cross-entropy",
        _ => "The mean cross-entropy per row",
    };

    /// <summary>The reported error as the blog's numpy code would write it.</summary>
    public string NumpyExpression(int last) => Kind switch
    {
        LossKind.SumSquaredError => $"np.mean(np.abs(layer_{last}_error))",
        LossKind.MeanSquaredError => $"np.mean(layer_{last}_error ** 2)",
        LossKind.BinaryCrossEntropy => "-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))",
        _ => "-np.sum(y * np.log(p)) / rows",
    };

    /// <summary>The comment above the output delta, with <paramref name="f"/> the output activation's symbol.</summary>
    public string DeltaComment(int last, string f) => Kind switch
    {
        LossKind.SumSquaredError => $"// layer_{last}_error = layer_{last} − y;  layer_{last}_delta = error ⊙ {f}'(layer_{last})   (E = ½ Σ error², reported as mean |error|)",
        LossKind.MeanSquaredError => $"// layer_{last}_error = layer_{last} − y;  layer_{last}_delta = error ⊙ {f}'(layer_{last})   (E = mean error²; the 2/N is applied to the gradient at the end)",
        LossKind.BinaryCrossEntropy => $"// E = −mean(y·log p + (1 − y)·log(1 − p)); through the sigmoid, layer_{last}_delta = p − y   (1/N applied at the end)",
        _ => $"// E = −mean over rows of Σ y·log p; through the softmax, layer_{last}_delta = p − y   (1/rows applied at the end)",
    };

    /// <summary>
    /// For one output neuron in scalar code with output <paramref name="p"/>, target <paramref name="y"/>, error
    /// <paramref name="error"/> (= p − y) and the output activation's slope there, <paramref name="slope"/> (an
    /// expression): the term summed into the reported error, and the neuron's delta.
    /// </summary>
    public (string Sum, string Delta) ScalarTerms(string p, string y, string error, string slope) => Kind switch
    {
        LossKind.SumSquaredError => ($"{T}.Abs({error})", $"{error} * {slope}"),
        LossKind.MeanSquaredError => ($"{error} * {error}", $"{error} * {slope}"),
        LossKind.BinaryCrossEntropy => ($"global::GenNet.CompilerServices.LossTerms.BinaryCrossEntropy({p}, {y})", error),
        _ => ($"global::GenNet.CompilerServices.LossTerms.CrossEntropy({p}, {y})", error),
    };

    /// <summary>
    /// The same for one output neuron held in a lane register of type <c>TLanes</c>: the statement that adds its
    /// term (into the register <c>errorTerms</c> for the squared losses, into the scalar <c>errorSum</c> otherwise),
    /// and the delta, with <paramref name="derivative"/> the lane derivative of p.
    /// </summary>
    public (string AddTerm, string Delta) LaneTerms(string p, string y, string error, string derivative) => Kind switch
    {
        LossKind.SumSquaredError => ($"errorTerms += TLanes.Abs({error});", $"{error} * {derivative}"),
        LossKind.MeanSquaredError => ($"errorTerms += {error} * {error};", $"{error} * {derivative}"),
        LossKind.BinaryCrossEntropy => ($"errorSum += global::GenNet.CompilerServices.LossLanes.BinaryCrossEntropy<{T}, TLanes>({p}, {y});", error),
        _ => ($"errorSum += global::GenNet.CompilerServices.LossLanes.CrossEntropy<{T}, TLanes>({p}, {y});", error),
    };

    /// <summary>The <c>GenNet.CompilerServices.LossLanes</c> kernel that computes a whole batch's error terms and output
    /// deltas (before any activation derivative) in one call.</summary>
    public string BatchKernel => Kind switch
    {
        LossKind.SumSquaredError => "AbsoluteErrors",
        LossKind.MeanSquaredError => "SquaredErrors",
        LossKind.BinaryCrossEntropy => "BinaryCrossEntropy",
        _ => "CrossEntropy",
    };

    /// <summary>
    /// The factor the summed gradient is multiplied by to make it the gradient of the loss, or null when the sum
    /// already is (the blog's ½ Σ error²).
    /// </summary>
    public string? GradientScale => Kind switch
    {
        LossKind.SumSquaredError => null,
        LossKind.MeanSquaredError => $"({T})2 / (rows * OutputCount)",
        LossKind.BinaryCrossEntropy => $"({T})1 / (rows * OutputCount)",
        _ => $"({T})1 / rows",
    };

    /// <summary>The reported error from the sum of its terms, <c>errorSum</c>.</summary>
    public string ReturnedError => Kind == LossKind.CategoricalCrossEntropy ? "errorSum / rows" : "errorSum / (rows * OutputCount)";

    /// <summary>
    /// The check that the public training calls make on the targets for this loss (values in [0, 1] for binary
    /// cross-entropy, distributions for categorical cross-entropy), or null for the squared losses, which take any finite
    /// target and pay nothing.
    /// </summary>
    public string? TargetCheck => Kind is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy
        ? $"global::GenNet.CompilerServices.Guard.Targets(targets, OutputCount, global::GenNet.LossFunction.{Kind});"
        : null;

    /// <summary>What <see cref="TargetCheck"/> refuses, in words for the exception docs; null when it is not written.</summary>
    public string? TargetRule => Kind switch
    {
        LossKind.BinaryCrossEntropy => "a target is outside [0, 1]",
        LossKind.CategoricalCrossEntropy => "a row of targets is not a probability distribution",
        _ => null,
    };
}
