using System;
using System.Numerics;
using GenNet.CompilerServices;

namespace GenNet.Training;

/// <summary>
/// Counts, for every parameter, how often its update changed direction: the blog's "Update Direction Changes".
/// After each step j &gt; 0: <c>count += |[update_j &gt; 0] − [update_(j−1) &gt; 0]|</c>, where the update is
/// <c>−∂E/∂w</c> (positive when the weight grows).
/// </summary>
public sealed class DirectionChangeCounter<T> : ITrainingObserver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool[] _previousPositive;
    private readonly int[] _counts;
    private bool _started;

    /// <summary>Creates a counter for a network with <paramref name="parameterCount"/> parameters.</summary>
    public DirectionChangeCounter(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        _previousPositive = new bool[parameterCount];
        _counts = new int[parameterCount];
    }

    /// <summary>Direction changes per parameter, in the network's parameter order.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <inheritdoc />
    public void OnStep(int iteration, T error, ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradient)
    {
        Guard.Length(gradient, _counts.Length);
        for (int i = 0; i < gradient.Length; i++)
        {
            // The update is −gradient: it is positive exactly when the gradient is negative.
            bool positive = gradient[i] < T.Zero;
            if (_started && positive != _previousPositive[i])
            {
                _counts[i]++;
            }

            _previousPositive[i] = positive;
        }

        _started = true;
    }
}
