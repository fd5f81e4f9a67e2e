using System;
using System.Linq;
using GenNet.Activations;
using GenNet;
using GenNet.CompilerServices;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening;

[Network(Inputs = 64, HiddenLayers = new[] { 64, 32 }, Outputs = 10, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class DivergenceNet { }

[Network(Inputs = 64, HiddenLayers = new[] { 64, 32 }, Outputs = 10, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Arithmetic = NetworkArithmetic.NumpyCompatible)]
public partial class DivergenceNumpyNet { }

[Network(Inputs = 8, Hidden = 8, Outputs = 3, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class DivergenceLanesNet { }

[Network(Inputs = 64, HiddenLayers = new[] { 64, 32 }, Outputs = 10, HiddenActivation = typeof(ReLU), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class DivergenceFloatNet { }

/// <summary>
/// A direct <c>TrainStep</c> never leaves NaN or infinity behind (issue 14, item 4): a step whose error or updated
/// weights would not be finite throws <see cref="NotFiniteNumberException"/> and leaves the network exactly as it was
/// before the call, on every kernel kind; a finite step updates the weights as before, bit for bit.
/// </summary>
public sealed class DivergentStepTests
{
    // ReLU networks with a softmax output, the case: ±1e308 inputs overflow a hidden sum, and the softmax of
    // an infinity is NaN. (Saturating or normalised networks stay finite on the same inputs, as they should.)
    public static TheoryData<string> ReluNetworks() => new() { "fast blocked", "numpy order", "fast lanes relu" };

    public static TheoryData<string> Networks() => new() { "fast blocked", "numpy order", "fast lanes", "batch norm" };

    private static ITrainableNetwork<double> Create(string name) => name switch
    {
        "fast blocked" => new DivergenceNet(),
        "numpy order" => new DivergenceNumpyNet(),
        "fast lanes relu" => new DivergenceLanesNet(),
        "fast lanes" => new DeepTanhRegression(),
        _ => new BatchNormRegression(),
    };

    [Theory]
    [MemberData(nameof(ReluNetworks))]
    public void Huge_finite_inputs_are_refused_with_the_weights_as_they_were(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        (double[] x, double[] y) = Data(network, rows: 8, scale: 1e308);
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<NotFiniteNumberException>(() => network.TrainStep(x, y, 0.01));

        Assert.Contains("not applied", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_learning_rate_that_blows_up_stops_at_the_first_step_that_would_leave_a_non_finite_weight(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        (double[] x, double[] y) = Data(network, rows: 8, scale: 1);
        bool refused = false;
        for (int step = 0; step < 50 && !refused; step++)
        {
            double[] before = network.Parameters.ToArray();
            double[] state = BatchNormState(network);
            try
            {
                network.TrainStep(x, y, 1e300);
            }
            catch (NotFiniteNumberException)
            {
                refused = true;
                Assert.Equal(before, network.Parameters.ToArray());
                Assert.Equal(state, BatchNormState(network));
            }

            Assert.True(Kernels.IsFiniteAll<double>(network.Parameters), $"a weight is not finite after step {step}");
        }

        Assert.True(refused, "a learning rate of 1e300 never produced a refused step");
    }

    [Fact]
    public void Float_networks_refuse_the_same_way()
    {
        var network = new DivergenceFloatNet();
        float[] x = Enumerable.Range(0, 8 * 64).Select(i => (i % 7 - 3) * 1e38f).ToArray();
        float[] y = Enumerable.Range(0, 8 * 10).Select(i => i % 10 == 0 ? 1f : 0f).ToArray();
        float[] before = network.Parameters.ToArray();

        Assert.Throws<NotFiniteNumberException>(() => network.TrainStep(x, y, 0.01f));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(100)]
    public void TryApply_gives_Apply_s_bits_when_finite_and_changes_nothing_when_one_weight_overflows(int length)
    {
        var random = new Random(length);
        double[] parameters = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] gradient = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();

        double[] expected = parameters.ToArray();
        GradientDescent.Apply<double>(expected, gradient.ToArray(), 0.37);
        double[] actual = parameters.ToArray();
        Assert.True(GradientDescent.TryApply<double>(actual, gradient.ToArray(), 0.37));
        Assert.Equal(expected, actual);

        // Each position in turn overflows (vector body and scalar tail alike): nothing changes.
        for (int bad = 0; bad < length; bad++)
        {
            double[] trial = parameters.ToArray();
            double[] g = gradient.ToArray();
            g[bad] = -double.MaxValue;
            Assert.False(GradientDescent.TryApply<double>(trial, g, 10.0));
            Assert.Equal(parameters, trial);
        }
    }

    private static (double[] X, double[] Y) Data(ITrainableNetwork<double> network, int rows, double scale)
    {
        double[] x = Enumerable.Range(0, rows * network.InputCount).Select(i => ((i % 7) - 3) * (scale / 3)).ToArray();
        double[] y = Enumerable.Range(0, rows * network.OutputCount).Select(i => i % network.OutputCount == (i / network.OutputCount) % network.OutputCount ? 1.0 : 0.0).ToArray();
        return (x, y);
    }

    private static double[] BatchNormState(ITrainableNetwork<double> network) =>
        network is IBatchNormalizedNetwork<double> normalized
            ? normalized.RunningMean.ToArray().Concat(normalized.RunningVariance.ToArray()).ToArray()
            : Array.Empty<double>();
}
