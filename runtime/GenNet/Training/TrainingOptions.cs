using System.Numerics;

namespace GenNet.Training;

/// <summary>How <see cref="Trainer"/> runs full-batch gradient descent.</summary>
public sealed record TrainingOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of gradient-descent steps (the blog's <c>for j in xrange(60000)</c>).</summary>
    public int Iterations { get; init; } = 60_000;

    /// <summary>The step size, the blog's alpha. Must be positive and finite.</summary>
    public T LearningRate { get; init; } = T.One;

    /// <summary>
    /// Report progress at iterations 0, K, 2K, … (the blog's <c>if j % 10000 == 0</c>). 0 turns periodic
    /// reports off; the result still carries the final error.
    /// </summary>
    public int ReportEvery { get; init; } = 10_000;
}
