using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Training;

/// <summary>
/// Gradient descent with momentum (Polyak's heavy ball, as in PyTorch's <c>SGD(momentum=μ)</c>):
/// <c>v ← μ·v + g;  w ← w − α·v</c>. State: the velocity <c>v</c>.
/// </summary>
/// <remarks>With a constant α this is Sutskever et al.'s <c>v ← μ·v − α·g; w ← w + v</c> with <c>v</c> scaled by −α.</remarks>
public readonly struct Momentum : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _momentum = 0.9;

    /// <summary>Creates the rule with μ = 0.9.</summary>
    public Momentum()
    {
    }

    /// <summary>μ, the fraction of the previous velocity kept each step, in [0, 1). Default 0.9.</summary>
    public double Coefficient { get => _momentum; init => _momentum = Hyperparameters.Fraction(value); }

    /// <inheritdoc />
    public int StatePerParameter => 1;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(Momentum), parameters, gradient, state, StatePerParameter);
        T mu = Hyperparameters.As<T>(_momentum);

        // v ← μ·v + g
        TensorPrimitives.MultiplyAdd<T>(state, mu, gradient, state);

        // w ← w − α·v  (as w + (−α)·v, which rounds identically)
        TensorPrimitives.MultiplyAdd<T>(state, -learningRate, parameters, parameters);
    }
}
