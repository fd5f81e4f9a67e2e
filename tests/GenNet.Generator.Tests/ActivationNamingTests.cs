using System.Linq;
using GenNet.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNet.Generator.Tests;

/// <summary>
/// Generated code names the activation structs (<c>Sigmoid.Activate(x)</c>); a user's struct that implements
/// <c>IActivation</c> explicitly, which cannot be called by name, is called through type parameters instead, and both
/// compile on every kernel kind.
/// </summary>
public sealed class ActivationNamingTests
{
    private const string PublicActivation = """
        public readonly struct Cube : GenNet.Activations.IActivation
        {
            public static T Activate<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x * x * x / (T.One + x * x);
            public static T DerivativeFromOutput<T>(T y) where T : System.Numerics.IFloatingPointIeee754<T> => T.One;
        }
        """;

    private const string ExplicitActivation = """
        public readonly struct Cube : GenNet.Activations.IActivation
        {
            static T GenNet.Activations.IActivation.Activate<T>(T x) => x * x * x / (T.One + x * x);
            static T GenNet.Activations.IActivation.DerivativeFromOutput<T>(T y) => T.One;
        }
        """;

    [Theory]
    [InlineData("")]                                                    // lanes
    [InlineData(", Arithmetic = NetworkArithmetic.NumpyCompatible")]    // scalar
    [InlineData(", BatchNormalization = true")]                        // batch normalisation
    public void Structs_with_public_members_are_named_explicit_ones_become_type_parameters(string options)
    {
        foreach ((string activation, bool byName) in new[] { (PublicActivation, true), (ExplicitActivation, false) })
        {
            GeneratorOutcome outcome = GeneratorHarness.Run($$"""
                using GenNet;
                {{activation}}
                [Network(Inputs = 3, Hidden = 5, Outputs = 2, HiddenActivation = typeof(Cube){{options}})]
                public partial class CubeNet { }
                """);

            Assert.Empty(outcome.GeneratorDiagnostics);
            Assert.Empty(outcome.CompilationProblems);
            string generated = outcome.GeneratedSources.Single().SourceText.ToString();
            Assert.Equal(byName, !generated.Contains("TActivation1"));
        }
    }
}
