using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNet.Training;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019), as PyTorch's <c>AdamW</c>: decoupled weight decay <c>w ← w·(1 − α·λ)</c>,
/// then the <see cref="Adam"/> step. State: as <see cref="Adam"/>.
/// </summary>
/// <remarks>Unlike L2 regularisation (<see cref="Training.TrainingOptions{T}.L2"/>), the decay does not pass through
/// Adam's per-parameter scaling, so every weight shrinks by the same fraction.</remarks>
public readonly struct AdamW : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _beta1 = 0.9;
    private readonly double _beta2 = 0.999;
    private readonly double _epsilon = 1e-8;
    private readonly double _weightDecay = 0.01;

    /// <summary>Creates the rule with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and λ = 0.01.</summary>
    public AdamW()
    {
    }

    /// <inheritdoc cref="Adam.Beta1"/>
    public double Beta1 { get => _beta1; init => _beta1 = Hyperparameters.Fraction(value); }

    /// <inheritdoc cref="Adam.Beta2"/>
    public double Beta2 { get => _beta2; init => _beta2 = Hyperparameters.Fraction(value); }

    /// <inheritdoc cref="Adam.Epsilon"/>
    public double Epsilon { get => _epsilon; init => _epsilon = Hyperparameters.Positive(value); }

    /// <summary>λ, the decoupled weight decay per unit of learning rate. Default 0.01.</summary>
    public double WeightDecay { get => _weightDecay; init => _weightDecay = Hyperparameters.NonNegative(value); }

    /// <inheritdoc />
    public int StatePerParameter => 2;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(AdamW), parameters, gradient, state, StatePerParameter);

        // w ← w·(1 − α·λ)
        TensorPrimitives.Multiply<T>(parameters, T.One - (learningRate * Hyperparameters.As<T>(_weightDecay)), parameters);
        Adam.Apply(parameters, gradient, state, learningRate, step, _beta1, _beta2, _epsilon);
    }
}
