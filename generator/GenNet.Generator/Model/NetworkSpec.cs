using System.Collections.Generic;
using System.Linq;

namespace GenNet.Generator.Model;

/// <summary>The number type a network computes in; mirrors <c>GenNet.NetworkPrecision</c>.</summary>
internal enum NumericKind
{
    Double = 0,
    Single = 1,
}

/// <summary>The training loss; mirrors <c>GenNet.LossFunction</c>.</summary>
internal enum LossKind
{
    SumSquaredError = 0,
    MeanSquaredError = 1,
    BinaryCrossEntropy = 2,
    CategoricalCrossEntropy = 3,
}

/// <summary>How the network computes; mirrors <c>GenNet.NetworkArithmetic</c>.</summary>
internal enum ArithmeticKind
{
    Fast = 0,
    NumpyCompatible = 1,
}

/// <summary>The weight initialisation scheme; mirrors <c>GenNet.WeightInitialization</c>.</summary>
internal enum InitializationKind
{
    Uniform = 0,
    Xavier = 1,
    He = 2,
}

/// <summary>A type that encloses the network class, as it must be re-declared around the generated part.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
/// <param name="Name">The name with its type parameter list, e.g. "Outer&lt;T&gt;".</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>
/// Everything the emitter needs to write one network, as values only (no symbols, syntax or compilation),
/// so that the incremental pipeline can cache it and skip emission when an edit leaves it equal.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class name.</param>
/// <param name="LayerSizes">Every layer's width, input first and output last: [3, 4, 1] for the blog's XOR net.</param>
/// <param name="Precision">float or double.</param>
/// <param name="Activations">The activation struct of each non-input layer, fully qualified with <c>global::</c>
/// (one per synapse); <see cref="SoftmaxActivation"/> only on the output layer.</param>
/// <param name="HasBias">Whether every non-input layer has a bias unit.</param>
/// <param name="Loss">What training minimises.</param>
/// <param name="Initialization">The weight initialisation scheme.</param>
/// <param name="DropoutRate">Inverted-dropout probability on hidden layers while training; 0 for none.</param>
/// <param name="BatchNormalization">Whether every hidden layer is batch-normalised.</param>
/// <param name="VectorFusedMultiplyAdd">Whether the target framework has <c>Vector128.FusedMultiplyAdd</c> (.NET 9 and
/// later): the one-row kernels then use the vector intrinsics directly (see <c>RowKernelEmitter</c>).</param>
/// <param name="ActivationsByName">Whether every activation struct implements its scalar members as public statics, so
/// that generated code can call them by the struct's name; otherwise they are called through type parameters.</param>
/// <param name="CanConstruct">Whether the class is concrete and has a parameterless constructor (declared or implicit),
/// so that the generated <c>Snapshot()</c> can create a copy.</param>
/// <param name="InputDerivativeLayers">The layers (1-based) whose activation implements <c>IActivationFromInput</c>:
/// training keeps their pre-activations for the derivative.</param>
/// <param name="Recurrent">The recurrent layers that come before the dense ones (<see cref="LayerSizes"/> then starts at
/// the last recurrent layer's width); null for a feed-forward network.</param>
/// <param name="Convolution">The causal Conv1D layers that come before the dense ones (<see cref="LayerSizes"/> then starts at
/// the last one's channels); null when there are none.</param>
/// <param name="Image">The Conv2D and pooling layers of an image network, before the dense ones (<see cref="LayerSizes"/> then
/// starts at the flattened last map); null when there are none.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    EquatableArray<int> LayerSizes,
    NumericKind Precision,
    EquatableArray<string> Activations,
    bool HasBias,
    LossKind Loss,
    InitializationKind Initialization,
    double DropoutRate,
    bool BatchNormalization,
    ArithmeticKind Arithmetic,
    bool VectorFusedMultiplyAdd = false,
    bool ActivationsByName = false,
    bool CanConstruct = false,
    EquatableArray<int> InputDerivativeLayers = default,
    RecurrentSpec? Recurrent = null,
    ConvolutionSpec? Convolution = null,
    ImageSpec? Image = null)
{
    public const string SigmoidActivation = "global::GenNet.Activations.Sigmoid";
    public const string PortableSigmoidActivation = "global::GenNet.Activations.PortableSigmoid";
    public const string SoftmaxActivation = "global::GenNet.Activations.Softmax";
    public const string PortableSoftmaxActivation = "global::GenNet.Activations.PortableSoftmax";

    /// <summary>True when the output layer is a softmax (fused with categorical cross-entropy).</summary>
    public bool SoftmaxOutput => IsSoftmax(OutputActivation);

    /// <summary>The output layer's activation, fully qualified.</summary>
    public string OutputActivation => Activations[Activations.Count - 1];

    /// <summary>Softmax and its portable twin: not element-wise, output layer only, applied with their static Apply.</summary>
    public static bool IsSoftmax(string activation) => activation is SoftmaxActivation or PortableSoftmaxActivation;

    /// <summary>The logistic sigmoid, which binary cross-entropy's gradient p − y assumes.</summary>
    public static bool IsSigmoid(string activation) => activation is SigmoidActivation or PortableSigmoidActivation;

    /// <summary>
    /// One generated file per network, named like the type's reflection name: "Namespace.Outer+Name.g.cs". The '+'
    /// keeps a nested class apart from a namespace of the same name.
    /// </summary>
    public string HintName
    {
        get
        {
            string types = string.Join("+", ContainingTypes.Select(t => Sanitize(t.Name)).Append(Sanitize(TypeName)));
            return (Namespace is null ? types : Sanitize(Namespace) + "." + types) + ".g.cs";
        }
    }

    // Hint names allow neither '<' nor '@' (a verbatim identifier such as @class).
    private static string Sanitize(string name) =>
        name.Replace('<', '{').Replace('>', '}').Replace(", ", ",").Replace("@", string.Empty);
}

/// <summary>The parser's answer for one <c>[Network]</c> class: a model to emit, diagnostics to report, or both.</summary>
internal sealed record NetworkParseResult(NetworkSpec? Network, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Neither code nor diagnostics: the compiler already reports what is wrong.</summary>
    public static NetworkParseResult Nothing { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
