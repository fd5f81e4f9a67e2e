using System;
using System.Numerics;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// An optimizer together with its state for one set of parameters: the state buffer is allocated once here, and every
/// <see cref="Update"/> after that allocates nothing.
/// </summary>
/// <example>
/// <code>
/// var adam = new OptimizerState&lt;double, Adam&gt;(new Adam(), XorNet.ParameterCount);
/// network.ComputeGradient(x, y, gradient);
/// adam.Update(network.Parameters, gradient, learningRate: 0.01);
/// </code>
/// </example>
public sealed class OptimizerState<T, TOptimizer>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptimizer : struct, IOptimizer
{
    private readonly T[] _state;

    /// <summary>Allocates the state of <paramref name="optimizer"/> for <paramref name="parameterCount"/> parameters.</summary>
    public OptimizerState(TOptimizer optimizer, int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        Optimizer = optimizer;
        ParameterCount = parameterCount;
        _state = new T[checked(optimizer.StatePerParameter * parameterCount)];
    }

    /// <summary>The update rule and its hyperparameters.</summary>
    public TOptimizer Optimizer { get; }

    /// <summary>How many parameters the state is for.</summary>
    public int ParameterCount { get; }

    /// <summary>Updates applied so far (Adam's <c>t</c>).</summary>
    public long Steps { get; private set; }

    /// <summary>The rule's state (moving averages, accumulated squares), in the layout the rule documents.</summary>
    public Span<T> State => _state;

    /// <summary>Applies one update; <paramref name="gradient"/> may be used as scratch.</summary>
    public void Update(Span<T> parameters, Span<T> gradient, T learningRate)
    {
        Guard.Length<T>(parameters, ParameterCount);
        Optimizer.Update(parameters, gradient, _state, learningRate, ++Steps);
    }

    /// <summary>Forgets the history: zero state, step count 0, as if just created.</summary>
    public void Reset()
    {
        Array.Clear(_state);
        Steps = 0;
    }
}
