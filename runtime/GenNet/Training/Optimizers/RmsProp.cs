using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// RMSProp (Hinton's lecture 6e), as PyTorch's <c>RMSprop</c>: <c>s ← ρ·s + (1 − ρ)·g²;  w ← w − α·g / (√s + ε)</c>.
/// State: the moving mean of squared gradients <c>s</c>.
/// </summary>
public readonly struct RmsProp : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _rho = 0.99;
    private readonly double _epsilon = 1e-8;

    /// <summary>Creates the rule with ρ = 0.99 and ε = 1e-8 (PyTorch's defaults).</summary>
    public RmsProp()
    {
    }

    /// <summary>ρ, the decay of the mean of squares, in [0, 1). Default 0.99 (Keras uses 0.9).</summary>
    public double Rho { get => _rho; init => _rho = Hyperparameters.Fraction(value); }

    /// <summary>ε, added to the root to avoid dividing by zero. Default 1e-8.</summary>
    public double Epsilon { get => _epsilon; init => _epsilon = Hyperparameters.Positive(value); }

    /// <inheritdoc />
    public int StatePerParameter => 1;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(RmsProp), parameters, gradient, state, StatePerParameter);
        var rule = new Rule<T>(learningRate, Hyperparameters.As<T>(_rho), Hyperparameters.As<T>(_epsilon));
        ElementwiseUpdate.Run(rule, parameters, gradient, state, Span<T>.Empty);
    }

    private readonly struct Rule<T>(T learningRate, T rho, T epsilon) : IElementwiseRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _learningRate = new(learningRate);
        private readonly Vector<T> _rho = new(rho);
        private readonly Vector<T> _oneMinusRho = new(T.One - rho);
        private readonly Vector<T> _epsilon = new(epsilon);

        public void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> meanSquare, ref Vector<T> unused)
        {
            meanSquare = (_rho * meanSquare) + (_oneMinusRho * (gradient * gradient));
            parameter -= _learningRate * gradient / (Vector.SquareRoot(meanSquare) + _epsilon);
        }
    }
}
