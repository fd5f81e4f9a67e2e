using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// AdaGrad (Duchi, Hazan and Singer, 2011), as PyTorch's <c>Adagrad</c>: <c>s ← s + g²;  w ← w − α·g / (√s + ε)</c>.
/// State: the running sum of squared gradients <c>s</c>.
/// </summary>
public readonly struct AdaGrad : IOptimizer
{
    private readonly bool _created = true;
    private readonly double _epsilon = 1e-10;

    /// <summary>Creates the rule with ε = 1e-10.</summary>
    public AdaGrad()
    {
    }

    /// <summary>ε, added to the root to avoid dividing by zero. Default 1e-10.</summary>
    public double Epsilon { get => _epsilon; init => _epsilon = Hyperparameters.Positive(value); }

    /// <inheritdoc />
    public int StatePerParameter => 1;

    /// <inheritdoc />
    public void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Hyperparameters.CheckUpdate(_created, nameof(AdaGrad), parameters, gradient, state, StatePerParameter);
        var rule = new Rule<T>(learningRate, Hyperparameters.As<T>(_epsilon));
        ElementwiseUpdate.Run(rule, parameters, gradient, state, Span<T>.Empty);
    }

    private readonly struct Rule<T>(T learningRate, T epsilon) : IElementwiseRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _learningRate = new(learningRate);
        private readonly Vector<T> _epsilon = new(epsilon);

        public void Apply(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> sum, ref Vector<T> unused)
        {
            sum += gradient * gradient;
            parameter -= _learningRate * gradient / (Vector.SquareRoot(sum) + _epsilon);
        }
    }
}
