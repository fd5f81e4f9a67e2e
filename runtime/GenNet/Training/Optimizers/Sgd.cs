using System;
using System.Numerics;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// Plain (stochastic) gradient descent, the blog's update: <c>w −= α · g</c>. No state.
/// </summary>
/// <remarks>Rounds exactly like numpy's <c>synapse -= alpha * (...)</c> (see <see cref="GradientDescent"/>), so full-batch
/// training with it reproduces the blog bit for bit.</remarks>
public readonly struct Sgd : IOptimizer
{
    /// <inheritdoc />
    public int StatePerParameter => 0;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(created: true, nameof(Sgd), parameters, gradient, state, StatePerParameter);
        GradientDescent.Apply(parameters, gradient, learningRate);
    }
}
