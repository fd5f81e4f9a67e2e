using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Training;

/// <summary>
/// Nesterov's accelerated gradient in the form PyTorch's <c>SGD(momentum=μ, nesterov=True)</c> uses:
/// <c>v ← μ·v + g;  w ← w − α·(g + μ·v)</c>. State: the velocity <c>v</c>.
/// </summary>
/// <remarks>This is Sutskever et al.'s look-ahead update (the gradient taken at <c>w + μ·v</c>) rewritten so that the
/// gradient is taken at the current parameters.</remarks>
public readonly struct Nesterov : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _momentum = 0.9;

    /// <summary>Creates the rule with μ = 0.9.</summary>
    public Nesterov()
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
        Hyperparameters.CheckUpdate(_created, nameof(Nesterov), parameters, gradient, state, StatePerParameter);
        T mu = Hyperparameters.As<T>(_momentum);

        // v ← μ·v + g
        TensorPrimitives.MultiplyAdd<T>(state, mu, gradient, state);

        // g ← g + μ·v, the look-ahead direction
        TensorPrimitives.MultiplyAdd<T>(state, mu, gradient, gradient);

        // w ← w − α·g
        TensorPrimitives.MultiplyAdd<T>(gradient, -learningRate, parameters, parameters);
    }
}
