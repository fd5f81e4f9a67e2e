using System;
using System.Linq;
using GenNet.DeterminismProbe;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>
/// The generated backpropagation against central finite differences of <c>E = ½ Σ (output − target)²</c>,
/// where E is computed from <c>PredictBatch</c> outputs by the test itself.
/// </summary>
public sealed class GradientCheckTests
{
    public static TheoryData<string> Networks => new()
    {
        nameof(Net2x3x2), nameof(Net5x7x3), nameof(Net4x3), nameof(Net40x30x3), nameof(Net6x50x30), nameof(Net3x4x1),
        nameof(DeepTanhRegression), nameof(MixedSoftmaxClassifier), nameof(ReluBinaryClassifier), nameof(LoopSoftmaxClassifier),
        nameof(CustomActivationNet), nameof(ExactPortable), nameof(ExactPortableTanh), nameof(ExactPortableSoftmax),
        nameof(SiluNet), nameof(GeluNet), nameof(SiluLoopNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_differences(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        CheckGradient(network, rows: 5, seed: 11, sampleSize: 400);
    }

    [Fact]
    public void Gradient_matches_central_differences_when_scratch_is_rented()
    {
        // 2,100 activations per row are over the 16 KiB stackalloc limit: the generated code rents its scratch.
        CheckGradient(new Net3x1100x1000(), rows: 2, seed: 5, sampleSize: 60);
    }

    [Fact]
    public void Single_precision_gradient_agrees_with_double_precision()
    {
        var single = new Net40x30x3Single();
        var reference = new Net40x30x3();
        single.InitializeWeights(3);
        reference.InitializeWeights(3);
        for (int i = 0; i < reference.Parameters.Length; i++)
        {
            reference.Parameters[i] = single.Parameters[i]; // the same (float-representable) weights in both
        }

        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 4, seed: 9);
        var gradientSingle = new float[Net40x30x3Single.ParameterCount];
        var gradientDouble = new double[Net40x30x3.ParameterCount];
        single.ComputeGradient(x.Select(v => (float)v).ToArray(), y.Select(v => (float)v).ToArray(), gradientSingle);
        reference.ComputeGradient(x.Select(v => (double)(float)v).ToArray(), y.Select(v => (double)(float)v).ToArray(), gradientDouble);

        double scale = gradientDouble.Max(Math.Abs);
        for (int i = 0; i < gradientDouble.Length; i++)
        {
            Assert.True(Math.Abs(gradientSingle[i] - gradientDouble[i]) <= 1e-4 * scale, $"parameter {i}: {gradientSingle[i]} vs {gradientDouble[i]}");
        }
    }

    private static void CheckGradient(ITrainableNetwork<double> network, int rows, int seed, int sampleSize)
    {
        network.InitializeWeights(seed);
        (double[] x, double[] rawTargets) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed + 1);
        double[] y = TestData.TargetsFor(network, rawTargets);
        var gradient = new double[network.ParameterCount];
        network.ComputeGradient(x, y, gradient);

        // Every parameter when there are few, otherwise a seeded sample that always includes both ends.
        int[] indices = network.ParameterCount <= sampleSize
            ? Enumerable.Range(0, network.ParameterCount).ToArray()
            : SampleIndices(network.ParameterCount, sampleSize, seed);

        // Relative error against the larger of the two values, floored at 1e-3 of the largest gradient component so
        // that components which are zero up to rounding do not divide by nothing.
        double floor = 1e-3 * gradient.Max(Math.Abs);
        Span<double> parameters = network.Parameters;
        foreach (int k in indices)
        {
            // Fourth-order central difference: truncation error O(h⁴), so h can be large enough that rounding in E
            // (which grows as 1/h) stays far below the tolerance.
            double original = parameters[k];
            double h = 1e-3 * Math.Max(1, Math.Abs(original));
            double LossAt(double offset)
            {
                network.Parameters[k] = original + offset;
                return TestData.Loss(network, x, y);
            }

            double numeric = (LossAt(-2 * h) - (8 * LossAt(-h)) + (8 * LossAt(h)) - LossAt(2 * h)) / (12 * h);
            network.Parameters[k] = original;

            double relative = Math.Abs(numeric - gradient[k]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(gradient[k])), floor);
            Assert.True(relative < 1e-6, $"parameter {k}: analytic {gradient[k]:R}, numeric {numeric:R}, relative error {relative:E2}");
        }
    }

    private static int[] SampleIndices(int count, int sampleSize, int seed)
    {
        var random = new NumpyRandom(seed);
        return Enumerable.Range(0, sampleSize - 2)
            .Select(_ => (int)(random.NextDouble() * count))
            .Append(0)
            .Append(count - 1)
            .Distinct()
            .ToArray();
    }

    internal static ITrainableNetwork<double> Create(string name) => name switch
    {
        nameof(Net2x3x2) => new Net2x3x2(),
        nameof(Net5x7x3) => new Net5x7x3(),
        nameof(Net4x3) => new Net4x3(),
        nameof(Net40x30x3) => new Net40x30x3(),
        nameof(Net6x50x30) => new Net6x50x30(),
        nameof(Net3x4x1) => new Net3x4x1(),
        nameof(DeepTanhRegression) => new DeepTanhRegression(),
        nameof(MixedSoftmaxClassifier) => new MixedSoftmaxClassifier(),
        nameof(ReluBinaryClassifier) => new ReluBinaryClassifier(),
        nameof(LoopSoftmaxClassifier) => new LoopSoftmaxClassifier(),
        nameof(CustomActivationNet) => new CustomActivationNet(),
        nameof(ExactPortable) => new ExactPortable(),
        nameof(ExactPortableTanh) => new ExactPortableTanh(),
        nameof(ExactPortableSoftmax) => new ExactPortableSoftmax(),
        nameof(SiluNet) => new SiluNet(),
        nameof(GeluNet) => new GeluNet(),
        nameof(SiluLoopNet) => new SiluLoopNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
