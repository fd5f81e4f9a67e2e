using System;
using System.Numerics;

namespace GenNet;

/// <summary>
/// A network with batch-normalised hidden layers. Besides its trainable <see cref="INetwork{T}.Parameters"/> (which
/// include every normalised layer's γ and β) it keeps running statistics that <c>Predict</c> normalises with; weight
/// files and exporters read and restore them through this interface.
/// </summary>
public interface IBatchNormalizedNetwork<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The running mean of every normalised neuron, hidden layer after hidden layer.</summary>
    Span<T> RunningMean { get; }

    /// <summary>The running (unbiased) variance of every normalised neuron, in <see cref="RunningMean"/>'s order.</summary>
    Span<T> RunningVariance { get; }
}
