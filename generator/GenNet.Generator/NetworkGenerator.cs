using System;
using GenNet.Generator.Diagnostics;
using GenNet.Generator.Emit;
using GenNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generator;

/// <summary>
/// Turns every <c>[Network]</c> partial class into a trainable network. The pipeline is
/// attribute → <see cref="Parse"/> (validation, model) → equatable <see cref="NetworkSpec"/> → <see cref="Emit"/>;
/// diagnostics travel on their own output so that moving a line re-reports them without re-emitting code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>Metadata name of the attribute that marks a network class.</summary>
    public const string AttributeMetadataName = "GenNet.NetworkAttribute";

    /// <summary>Written into <c>[GeneratedCode]</c>; snapshot tests scrub it.</summary>
    internal static readonly string Version =
        typeof(NetworkGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Writes the generated half of one network class.</summary>
    internal static string Emit(NetworkSpec spec) => NetworkEmitter.Source(spec, Version);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (ctx, ct) => ParseSafely(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<NetworkSpec> networks = parsed
            .Select(static (result, _) => result.Network!)
            .Where(static network => network is not null)
            .WithTrackingName(TrackingNames.Networks);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo info in list)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(networks, static (spc, network) => EmitSafely(spc, network));
    }

    // A generator that throws loses all of its output (CS8785). Every unexpected failure becomes GN0099 instead.
    private static NetworkParseResult ParseSafely(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return ParseTarget(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DiagnosticInfo error = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                LocationInfo.From(context.TargetNode.GetLocation()),
                context.TargetSymbol.Name,
                ex.GetType().Name + ": " + ex.Message);
            return new NetworkParseResult(null, new[] { error }.ToEquatableArray());
        }
    }

    private static void EmitSafely(SourceProductionContext context, NetworkSpec network)
    {
        (string? source, Diagnostic? error) = TryEmit(network);
        if (source is not null)
        {
            try
            {
                context.AddSource(network.HintName, source);
                return;
            }
            catch (ArgumentException ex)
            {
                error = InternalError(network, ex);
            }
        }

        context.ReportDiagnostic(error!);
    }

    /// <summary>The generated source of <paramref name="network"/>, or GN0099 if writing it failed.</summary>
    internal static (string? Source, Diagnostic? Error) TryEmit(NetworkSpec network)
    {
        try
        {
            return (Emit(network), null);
        }
        catch (Exception ex)
        {
            return (null, InternalError(network, ex));
        }
    }

    // The spec carries no location (it would re-run emission whenever a line moves), so this one has none.
    private static Diagnostic InternalError(NetworkSpec network, Exception ex) =>
        Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, network.TypeName, ex.GetType().Name + ": " + ex.Message);
}
