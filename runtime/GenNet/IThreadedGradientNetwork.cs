using System;
using System.Numerics;

namespace GenNet;

/// <summary>
/// A network whose gradient couples a batch's rows (batch normalisation) and which spreads each layer's per-row work
/// over threads itself, in chunks of rows fixed by the network: the gradient has the same bits on any number of threads,
/// including one (<see cref="ITrainableNetwork{T}.ComputeGradient"/>). <c>GenNet.Training.ParallelGradient</c> hands it
/// the whole batch.
/// </summary>
public interface IThreadedGradientNetwork<T> : ITrainableNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>What <see cref="ITrainableNetwork{T}.ComputeGradient"/> computes, on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (the same bits).</summary>
    /// <exception cref="ArgumentException">As <see cref="ITrainableNetwork{T}.ComputeGradient"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    T ComputeGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient, int maxDegreeOfParallelism);
}
