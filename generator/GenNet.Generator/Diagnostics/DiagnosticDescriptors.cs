using Microsoft.CodeAnalysis;

namespace GenNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic GenNet reports. IDs are stable: never reuse or renumber one. Each is listed in
/// AnalyzerReleases.*.md and documented in generator/DIAGNOSTICS.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "GenNet";

    public const string NotPartialId = "GN0001";
    public const string ContainingTypeNotPartialId = "GN0002";
    public const string UnsupportedClassId = "GN0003";
    public const string SizeOutOfRangeId = "GN0004";
    public const string InvalidArgumentId = "GN0005";
    public const string IncompatibleOptionsId = "GN0006";
    public const string MemberClashId = "GN0007";
    public const string TooManyParametersId = "GN0008";
    public const string InvalidActivationId = "GN0009";
    public const string DuplicateNetworkId = "GN0010";
    public const string IncompleteRecurrentId = "GN0011";
    public const string RecurrentUnsupportedId = "GN0012";
    public const string ConvolutionUnsupportedId = "GN0013";
    public const string ImageShapeMismatchId = "GN0014";
    public const string ImageUnsupportedId = "GN0015";
    public const string InternalErrorId = "GN0099";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        NotPartialId,
        "Network class must be partial",
        "The class '{0}' must be declared 'partial' so that GenNet can add the generated network to it");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        ContainingTypeNotPartialId,
        "Type containing a network must be partial",
        "The type '{0}', which contains the network class '{1}', must be declared 'partial'");

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        UnsupportedClassId,
        "Network class kind not supported",
        "The network class '{0}' must be a non-generic, non-static class; it is {1}");

    public static readonly DiagnosticDescriptor SizeOutOfRange = Error(
        SizeOutOfRangeId,
        "Layer size out of range",
        "{0} must be between {1} and {2}; was {3}");

    public static readonly DiagnosticDescriptor InvalidArgument = Error(
        InvalidArgumentId,
        "Invalid [Network] argument",
        "{0} must be {1}; found {2}");

    public static readonly DiagnosticDescriptor IncompatibleOptions = Error(
        IncompatibleOptionsId,
        "Incompatible [Network] options",
        "{0} cannot be combined with {1}: {2}");

    public static readonly DiagnosticDescriptor MemberClash = Error(
        MemberClashId,
        "Member clashes with a generated member",
        "The member '{0}' of '{1}' has the name of a member GenNet generates; rename it");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        TooManyParametersId,
        "Network too large",
        "The network has {0:N0} parameters; at most {1:N0} are supported");

    public static readonly DiagnosticDescriptor InvalidActivation = Error(
        InvalidActivationId,
        "Invalid activation type",
        "{0} must be a struct that implements GenNet.Activations.IActivation{1}; '{2}' is not");

    public static readonly DiagnosticDescriptor DuplicateNetwork = Error(
        DuplicateNetworkId,
        "Duplicate [Network] attribute",
        "The class '{0}' may carry one [Network] attribute; it has {1}. This one is ignored: the network is generated from the one at {2}");

    public static readonly DiagnosticDescriptor IncompleteRecurrent = Error(
        IncompleteRecurrentId,
        "Incomplete recurrent declaration",
        "{0} needs {1}");

    public static readonly DiagnosticDescriptor RecurrentUnsupported = Error(
        RecurrentUnsupportedId,
        "Option not supported with recurrent layers",
        "{0} is not supported with recurrent layers yet: {1}");

    public static readonly DiagnosticDescriptor ConvolutionUnsupported = Error(
        ConvolutionUnsupportedId,
        "Option not supported with Conv1D layers",
        "{0} is not supported with Conv1D layers yet: {1}");

    public static readonly DiagnosticDescriptor ImageShapeMismatch = Error(
        ImageShapeMismatchId,
        "Image layer does not fit its input",
        "{0} does not fit: {1}");

    public static readonly DiagnosticDescriptor ImageUnsupported = Error(
        ImageUnsupportedId,
        "Option not supported with image layers",
        "{0} cannot be used here: {1}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        InternalErrorId,
        "GenNet failed unexpectedly",
        "GenNet could not generate '{0}' because of an internal error ({1}); please report it");

    /// <summary>Where each ID is explained.</summary>
    public static string HelpLink(string id) =>
        $"https://github.com/gennet/gennet/blob/main/generator/DIAGNOSTICS.md#{id.ToLowerInvariant()}";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
