using System;
using System.Linq;
using GenNet;
using Xunit;

namespace GenNet.Tests.Recurrent;

/// <summary>
/// The generated sequence networks against references that share no code with them: the forward pass against the
/// textbook cells (<see cref="SequenceReference"/>), the gradient of backpropagation through time against central
/// finite differences of that loss.
/// </summary>
public sealed class SequenceGradientTests
{
    public static TheoryData<string> Networks => new()
    {
        nameof(RnnNet), nameof(GruNet), nameof(LstmNet), nameof(StackedGruNet), nameof(StackedLstmDenseNet),
        nameof(StackedRnnDenseNet), nameof(GruDenseNet),
    };

    internal static ISequenceNetwork<double> Create(string name) => name switch
    {
        nameof(RnnNet) => new RnnNet(),
        nameof(GruNet) => new GruNet(),
        nameof(LstmNet) => new LstmNet(),
        nameof(StackedGruNet) => new StackedGruNet(),
        nameof(StackedLstmDenseNet) => new StackedLstmDenseNet(),
        nameof(StackedRnnDenseNet) => new StackedRnnDenseNet(),
        nameof(GruDenseNet) => new GruDenseNet(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A network with seeded weights, a non-zero state, and a sequence with targets valid for its loss.</summary>
    internal static (ISequenceNetwork<double> Network, double[] Inputs, double[] Targets) Setup(string name, int steps, int seed = 5)
    {
        ISequenceNetwork<double> network = Create(name);
        network.InitializeWeights(seed);
        var random = new NumpyRandom(seed + 100);
        // Larger weights than the initialisation's make the gates saturate less uniformly: a stronger test.
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 1.5 * ((2 * random.NextDouble()) - 1);
        }

        for (int i = 0; i < network.StateLength; i++)
        {
            network.State[i] = 0.8 * ((2 * random.NextDouble()) - 1);
        }

        var inputs = new double[steps * network.InputCount];
        random.FillSymmetricUniform(inputs);
        var targets = new double[steps * network.OutputCount];
        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < network.OutputCount; j++)
            {
                targets[(t * network.OutputCount) + j] = random.NextDouble();
            }

            if (network.Architecture.Loss == LossFunction.CategoricalCrossEntropy)
            {
                Span<double> row = targets.AsSpan(t * network.OutputCount, network.OutputCount);
                double sum = 0;
                foreach (double v in row) { sum += v; }
                for (int j = 0; j < row.Length; j++) { row[j] /= sum; }
            }
        }

        return (network, inputs, targets);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_pass_matches_the_textbook_cells_from_the_current_state(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, _) = Setup(name, steps: 9);
        double[] state = network.State.ToArray();
        double[] expected = SequenceReference.Predict(network.Architecture, network.Parameters.ToArray(), state, inputs);

        var outputs = new double[expected.Length];
        network.PredictSequence(inputs, outputs);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], outputs[i], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_differences(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 7);
        double[] state = network.State.ToArray();
        var gradient = new double[network.ParameterCount];
        double reported = network.ComputeSequenceGradient(inputs, targets, gradient);

        Assert.Equal(state, network.State.ToArray());   // the gradient leaves the state as it was
        double[] parameters = network.Parameters.ToArray();
        double Loss(double[] p) => SequenceReference.Loss(
            network.Architecture.Loss, SequenceReference.Predict(network.Architecture, p, state, inputs), targets, network.OutputCount);

        const double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double keep = parameters[i];
            parameters[i] = keep + h;
            double plus = Loss(parameters);
            parameters[i] = keep - h;
            double minus = Loss(parameters);
            parameters[i] = keep;
            double numeric = (plus - minus) / (2 * h);
            double difference = Math.Abs(numeric - gradient[i]) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(gradient[i]));
            worst = Math.Max(worst, difference);
        }

        Assert.True(worst < 1e-6, $"largest relative difference {worst:G3}");
        Assert.Contains(gradient, g => Math.Abs(g) > 1e-3);   // not a vacuous check of zeros

        // The reported error is the loss itself, or the blog's mean |output − target| for its loss.
        var outputs = new double[targets.Length];
        network.PredictSequence(inputs, outputs);
        double expected = network.Architecture.Loss == LossFunction.SumSquaredError
            ? outputs.Zip(targets, (p, y) => Math.Abs(p - y)).Average()
            : SequenceReference.Loss(network.Architecture.Loss, outputs, targets, network.OutputCount);
        Assert.Equal(expected, reported, 1e-12);
    }

    [Theory]
    [InlineData(nameof(LstmNet), 3)]
    [InlineData(nameof(GruDenseNet), 2)]
    [InlineData(nameof(StackedGruNet), 4)]
    public void Truncation_sums_the_windows_full_gradients_with_the_state_carried_forward(string name, int window)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 10);
        double[] start = network.State.ToArray();
        int i0 = network.InputCount, o0 = network.OutputCount, steps = inputs.Length / i0;

        var truncated = new double[network.ParameterCount];
        network.ComputeSequenceGradient(inputs, targets, truncated, truncateAfter: window);
        Assert.Equal(start, network.State.ToArray());

        var full = new double[network.ParameterCount];
        network.ComputeSequenceGradient(inputs, targets, full);

        var expected = new double[network.ParameterCount];
        var part = new double[network.ParameterCount];
        var scratch = new double[steps * o0];
        for (int first = 0; first < steps; first += window)
        {
            int length = Math.Min(window, steps - first);
            network.ComputeSequenceGradient(inputs.AsSpan(first * i0, length * i0), targets.AsSpan(first * o0, length * o0), part);
            // A loss that averages over the steps divides a window's gradient by its length, the whole by all steps.
            double weight = network.Architecture.Loss == LossFunction.SumSquaredError ? 1 : (double)length / steps;
            for (int p = 0; p < part.Length; p++)
            {
                expected[p] += weight * part[p];
            }

            // Carry the state to the next window's start.
            network.PredictSequence(inputs.AsSpan(first * i0, length * i0), scratch.AsSpan(0, length * o0));
        }

        for (int p = 0; p < expected.Length; p++)
        {
            Assert.Equal(expected[p], truncated[p], 1e-10);
        }

        Assert.True(full.Zip(truncated, (a, b) => Math.Abs(a - b)).Max() > 1e-4, "truncation changed nothing");
    }
}
