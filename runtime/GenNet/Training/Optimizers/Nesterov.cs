using System;
using System.Numerics;

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
        var rule = new Rule<T>(Hyperparameters.As<T>(_momentum), learningRate);
        ElementwiseUpdate.Run(rule, parameters, gradient, state, Span<T>.Empty);
    }

    /// <summary>One pass over the parameters, the velocity flushed to zero before it turns subnormal (see <see cref="ElementwiseUpdate"/>).</summary>
    private readonly struct Rule<T>(T momentum, T learningRate) : IElementwiseRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _momentum = new(momentum);
        private readonly Vector<T> _negativeLearningRate = new(-learningRate);

        public void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> velocity, ref Vector<T> unused)
        {
            // v ← μ·v + g
            velocity = (velocity * _momentum) + gradient;

            // g + μ·v, the look-ahead direction
            Vector<T> direction = (velocity * _momentum) + gradient;

            // w ← w − α·(g + μ·v)
            parameter = (direction * _negativeLearningRate) + parameter;
        }
    }
}
