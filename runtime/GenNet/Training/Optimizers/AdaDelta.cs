using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// AdaDelta (Zeiler, 2012), as PyTorch's <c>Adadelta</c>:
/// <c>s ← ρ·s + (1 − ρ)·g²;  Δ ← √(u + ε) / √(s + ε) · g;  u ← ρ·u + (1 − ρ)·Δ²;  w ← w − α·Δ</c>.
/// State: the mean of squared gradients <c>s</c>, then the mean of squared updates <c>u</c>.
/// </summary>
/// <remarks>Zeiler's method needs no learning rate; α scales the step as in PyTorch, where 1 (the trainer's default)
/// gives the original algorithm.</remarks>
public readonly struct AdaDelta : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _rho = 0.9;
    private readonly double _epsilon = 1e-6;

    /// <summary>Creates the rule with ρ = 0.9 and ε = 1e-6.</summary>
    public AdaDelta()
    {
    }

    /// <summary>ρ, the decay of both moving means, in [0, 1). Default 0.9.</summary>
    public double Rho { get => _rho; init => _rho = Hyperparameters.Fraction(value); }

    /// <summary>ε, which also sets the size of the first steps. Default 1e-6.</summary>
    public double Epsilon { get => _epsilon; init => _epsilon = Hyperparameters.Positive(value); }

    /// <inheritdoc />
    public int StatePerParameter => 2;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(AdaDelta), parameters, gradient, state, StatePerParameter);
        var rule = new Rule<T>(learningRate, Hyperparameters.As<T>(_rho), Hyperparameters.As<T>(_epsilon));
        int n = parameters.Length;
        ElementwiseUpdate.Run(rule, parameters, gradient, state[..n], state[n..]);
    }

    private readonly struct Rule<T>(T learningRate, T rho, T epsilon) : IElementwiseRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _learningRate = new(learningRate);
        private readonly Vector<T> _rho = new(rho);
        private readonly Vector<T> _oneMinusRho = new(T.One - rho);
        private readonly Vector<T> _epsilon = new(epsilon);

        public void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> meanSquare, ref Vector<T> meanUpdate)
        {
            meanSquare = (_rho * meanSquare) + (_oneMinusRho * (gradient * gradient));
            Vector<T> delta = Vector.SquareRoot(meanUpdate + _epsilon) / Vector.SquareRoot(meanSquare + _epsilon) * gradient;
            meanUpdate = (_rho * meanUpdate) + (_oneMinusRho * (delta * delta));
            parameter -= _learningRate * delta;
        }
    }
}
