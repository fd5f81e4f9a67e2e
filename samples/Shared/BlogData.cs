using System;

namespace GenNet.Samples.Shared;

/// <summary>The data sets and settings of the two blog posts, row-major as the posts' <c>np.array</c>s.</summary>
public static class BlogData
{
    /// <summary>Part 2's <c>alphas = [0.001, 0.01, 0.1, 1, 10, 100, 1000]</c>.</summary>
    public static ReadOnlySpan<double> Alphas => new double[] { 0.001, 0.01, 0.1, 1, 10, 100, 1000 };

    /// <summary>The seed of every experiment: <c>np.random.seed(1)</c>.</summary>
    public const int Seed = 1;

    /// <summary>Part 2's alpha sweeps: <c>for j in xrange(60000)</c>.</summary>
    public const int SweepIterations = 60_000;

    /// <summary>Part 2's alpha sweeps print the error when <c>j % 10000 == 0</c>.</summary>
    public const int SweepReportEvery = 10_000;

    /// <summary>Both posts' two-layer networks: <c>for iter in xrange(10000)</c>.</summary>
    public const int TwoLayerIterations = 10_000;

    /// <summary>The XOR set of both posts' three-layer networks: two bits and a constant 1 (the bias stand-in) per row.</summary>
    public static ReadOnlySpan<double> XorInputs => new double[]
    {
        0, 0, 1,
        0, 1, 1,
        1, 0, 1,
        1, 1, 1,
    };

    /// <summary>The XOR of the first two columns.</summary>
    public static ReadOnlySpan<double> XorTargets => new double[] { 0, 1, 1, 0 };

    /// <summary>Part 1's two-layer set: the output copies the first input column.</summary>
    public static ReadOnlySpan<double> Part1TwoLayerInputs => new double[]
    {
        0, 0, 1,
        0, 1, 1,
        1, 0, 1,
        1, 1, 1,
    };

    /// <summary>Part 1's <c>y = np.array([[0,0,1,1]]).T</c>.</summary>
    public static ReadOnlySpan<double> Part1TwoLayerTargets => new double[] { 0, 0, 1, 1 };

    /// <summary>Part 2's two-layer set: two inputs, the output again the first column.</summary>
    public static ReadOnlySpan<double> Part2TwoLayerInputs => new double[]
    {
        0, 1,
        0, 1,
        1, 0,
        1, 0,
    };

    /// <summary>Part 2's <c>y = np.array([[0,0,1,1]]).T</c>.</summary>
    public static ReadOnlySpan<double> Part2TwoLayerTargets => new double[] { 0, 0, 1, 1 };
}
