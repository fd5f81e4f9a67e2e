using System;
using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// A first-order update rule: given the gradient, moves the parameters and updates the rule's own state.
/// Implemented by structs (<see cref="Sgd"/>, <see cref="Momentum"/>, <see cref="Nesterov"/>, <see cref="AdaGrad"/>,
/// <see cref="RmsProp"/>, <see cref="AdaDelta"/>, <see cref="Adam"/>, <see cref="AdamW"/>) that hold only hyperparameters.
/// </summary>
/// <remarks>
/// Callers take the optimizer as a type parameter constrained to <c>struct, IOptimizer</c> (as
/// <see cref="Training.Trainer"/> does), so the JIT compiles one specialised copy per rule: one direct call per step and
/// span-wide loops inside, no virtual call per parameter. The state lives in a span the caller allocates once
/// (<see cref="OptimizerState{T, TOptimizer}"/> does it for you), so updates allocate nothing.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Values of state the rule keeps per parameter: 0 for SGD, 1 for momentum, 2 for Adam.</summary>
    int StatePerParameter { get; }

    /// <summary>Applies one update to <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradient"><c>∂E/∂parameters</c>, as many values. The rule may use it as scratch: its contents
    /// afterwards are unspecified.</param>
    /// <param name="state"><see cref="StatePerParameter"/> × <c>parameters.Length</c> values: zero before the first
    /// update, then kept unchanged by the caller between updates.</param>
    /// <param name="learningRate">The step size of this update (it may change between updates, e.g. by a schedule).</param>
    /// <param name="step">1 for the first update made with <paramref name="state"/>, 2 for the next, and so on
    /// (Adam's bias correction uses it).</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the optimizer is <c>default</c>
    /// (create it with <c>new</c> so that its hyperparameters get their defaults).</exception>
    void Update<T>(Span<T> parameters, Span<T> gradient, Span<T> state, T learningRate, long step)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
