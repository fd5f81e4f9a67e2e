using System;
using GenNet;
using GenNet.Numerics;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// The loss the runtime computes from outputs (validation, L-BFGS, annealing) agrees with what every generated network
/// reports and differentiates.
/// </summary>
public sealed class NetworkLossTests
{
    [Theory]
    [MemberData(nameof(GradientCheckTests.Networks), MemberType = typeof(GradientCheckTests))]
    public void Reported_error_from_outputs_equals_what_ComputeGradient_returns(string name)
    {
        ITrainableNetwork<double> network = GradientCheckTests.Create(name);
        network.InitializeWeights(2);
        (double[] x, double[] y) = Batch(network, rows: 5, seed: 7);
        var outputs = new double[y.Length];
        network.PredictBatch(x, outputs);

        double reported = network.ComputeGradient(x, y, new double[network.ParameterCount]);

        Assert.Equal(reported, NetworkLoss.ReportedError<double>(network.Architecture.Loss, outputs, y, network.OutputCount), 1e-12);
    }

    public static TheoryData<string> ObjectiveNetworks
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string network in GradientCheckTests.Networks)
            {
                names.Add(network);
            }

            names.Add(nameof(BatchNormRegression));
            names.Add(nameof(BatchNormClassifier));
            return names;
        }
    }

    [Theory]
    [MemberData(nameof(ObjectiveNetworks))]
    public void The_line_search_objective_is_the_loss_whose_gradient_the_network_computes(string name)
    {
        ITrainableNetwork<double> network = name switch
        {
            nameof(BatchNormRegression) => new BatchNormRegression(),
            nameof(BatchNormClassifier) => new BatchNormClassifier(),
            _ => GradientCheckTests.Create(name),
        };
        network.InitializeWeights(5);
        (double[] x, double[] y) = Batch(network, rows: 4, seed: 9);
        const double l2 = 0.03;
        var objective = new NetworkObjective<double>(network, x, y, l2);
        var gradient = new double[network.ParameterCount];
        double loss = objective.LossAndGradient(gradient, out _);
        if (!network.Architecture.BatchNormalization)
        {
            // Without batch normalisation training and inference compute the same function.
            Assert.Equal(loss, objective.Loss(out _), 1e-12);
        }

        // Directional derivative along a random direction, by fourth-order central differences.
        var direction = new double[network.ParameterCount];
        new NumpyRandom(1).FillSymmetricUniform(direction);
        double[] start = network.Parameters.ToArray();
        const double step = 1e-5; // small, so that the line rarely crosses a ReLU kink
        Span<double> values = stackalloc double[4];
        var scratch = new double[network.ParameterCount];
        ReadOnlySpan<double> offsets = [step, -step, 2 * step, -2 * step];
        for (int k = 0; k < offsets.Length; k++)
        {
            for (int i = 0; i < start.Length; i++)
            {
                network.Parameters[i] = start[i] + (offsets[k] * direction[i]);
            }

            values[k] = objective.LossAndGradient(scratch, out _);
        }

        double numeric = ((8 * (values[0] - values[1])) - (values[2] - values[3])) / (12 * step);
        double analytic = System.Numerics.Tensors.TensorPrimitives.Dot<double>(gradient, direction);
        Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * Math.Max(1, Math.Abs(analytic)), $"{name}: {numeric} vs {analytic}");
    }

    [Fact]
    public void Losses_follow_their_definitions()
    {
        double[] outputs = { 0.25, 0.5, 0.75, 1.0 };
        double[] targets = { 0, 1, 1, 0 };
        Assert.Equal(0.5 * (0.0625 + 0.25 + 0.0625 + 1), NetworkLoss.Loss<double>(LossFunction.SumSquaredError, outputs, targets, 1));
        Assert.Equal((0.25 + 0.5 + 0.25 + 1) / 4, NetworkLoss.ReportedError<double>(LossFunction.SumSquaredError, outputs, targets, 1));
        Assert.Equal((0.0625 + 0.25 + 0.0625 + 1) / 4, NetworkLoss.Loss<double>(LossFunction.MeanSquaredError, outputs, targets, 1));

        // Two rows of a two-class softmax: −(log 0.5 + log 0.75) / 2.
        double[] probabilities = { 0.5, 0.5, 0.25, 0.75 };
        double[] classes = { 1, 0, 0, 1 };
        Assert.Equal(-(Math.Log(0.5) + Math.Log(0.75)) / 2, NetworkLoss.Loss<double>(LossFunction.CategoricalCrossEntropy, probabilities, classes, 2), 1e-15);
        Assert.Equal(-(Math.Log(0.5) + Math.Log(0.5) + Math.Log(0.75) + Math.Log(0.75)) / 4, NetworkLoss.Loss<double>(LossFunction.BinaryCrossEntropy, probabilities, classes, 2), 1e-15);
    }

    // Targets in [0, 1) suit every loss except categorical cross-entropy, which needs rows summing to 1.
    private static (double[] Inputs, double[] Targets) Batch(ITrainableNetwork<double> network, int rows, int seed)
    {
        (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed);
        if (network.Architecture.Loss == LossFunction.CategoricalCrossEntropy)
        {
            for (int r = 0; r < rows; r++)
            {
                Span<double> row = y.AsSpan(r * network.OutputCount, network.OutputCount);
                double sum = System.Numerics.Tensors.TensorPrimitives.Sum<double>(row);
                System.Numerics.Tensors.TensorPrimitives.Divide<double>(row, sum, row);
            }
        }

        return (x, y);
    }
}
