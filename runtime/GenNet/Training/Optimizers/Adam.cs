using System;
using System.Numerics;
using GenNet.Numerics;

namespace GenNet.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015), as PyTorch's <c>Adam</c>: <c>m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;
/// w ← w − (α / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)</c>, t the 1-based step.
/// State: the first moment <c>m</c>, then the second moment <c>v</c>.
/// </summary>
public readonly struct Adam : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _beta1 = 0.9;
    private readonly double _beta2 = 0.999;
    private readonly double _epsilon = 1e-8;

    /// <summary>Creates the rule with β₁ = 0.9, β₂ = 0.999 and ε = 1e-8.</summary>
    public Adam()
    {
    }

    /// <summary>β₁, the decay of the mean gradient, in [0, 1). Default 0.9.</summary>
    public double Beta1 { get => _beta1; init => _beta1 = Hyperparameters.Fraction(value); }

    /// <summary>β₂, the decay of the mean squared gradient, in [0, 1). Default 0.999.</summary>
    public double Beta2 { get => _beta2; init => _beta2 = Hyperparameters.Fraction(value); }

    /// <summary>ε, added to the root to avoid dividing by zero. Default 1e-8.</summary>
    public double Epsilon { get => _epsilon; init => _epsilon = Hyperparameters.Positive(value); }

    /// <inheritdoc />
    public int StatePerParameter => 2;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(Adam), parameters, gradient, state, StatePerParameter);
        Apply(parameters, gradient, state, learningRate, step, _beta1, _beta2, _epsilon);
    }

    /// <summary>The Adam step, shared with <see cref="AdamW"/>.</summary>
    internal static void Apply<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step, double beta1, double beta2, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);

        // The bias corrections, in double whatever T is: 1 − βᵗ (a portable power, so they do not depend on the C library).
        double correction1 = 1 - PortableMath.Pow(beta1, step);
        double correction2 = 1 - PortableMath.Pow(beta2, step);
        var rule = new Rule<T>(
            Hyperparameters.As<T>(beta1),
            Hyperparameters.As<T>(beta2),
            learningRate / Hyperparameters.As<T>(correction1),
            Hyperparameters.As<T>(Math.Sqrt(correction2)),
            Hyperparameters.As<T>(epsilon));
        int n = parameters.Length;
        ElementwiseUpdate.Run(rule, parameters, gradient, state[..n], state[n..]);
    }

    private readonly struct Rule<T>(T beta1, T beta2, T stepSize, T rootCorrection2, T epsilon) : IElementwiseRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _beta1 = new(beta1);
        private readonly Vector<T> _oneMinusBeta1 = new(T.One - beta1);
        private readonly Vector<T> _beta2 = new(beta2);
        private readonly Vector<T> _oneMinusBeta2 = new(T.One - beta2);
        private readonly Vector<T> _stepSize = new(stepSize);
        private readonly Vector<T> _rootCorrection2 = new(rootCorrection2);
        private readonly Vector<T> _epsilon = new(epsilon);

        public void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> mean, ref Vector<T> meanSquare)
        {
            mean = (_beta1 * mean) + (_oneMinusBeta1 * gradient);
            meanSquare = (_beta2 * meanSquare) + (_oneMinusBeta2 * (gradient * gradient));
            parameter -= _stepSize * (mean / ((Vector.SquareRoot(meanSquare) / _rootCorrection2) + _epsilon));
        }
    }
}
