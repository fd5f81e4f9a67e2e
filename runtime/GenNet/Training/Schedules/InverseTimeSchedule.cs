using System;

namespace GenNet.Training;

/// <summary>
/// Inverse-time annealing, the classical stochastic-approximation schedule: <c>factor = 1 / (1 + decay·t)</c>. Its steps
/// shrink slowly enough to keep exploring and fast enough to settle (Robbins–Monro).
/// </summary>
public sealed record InverseTimeSchedule : LearningRateSchedule
{
    /// <summary>Halves the rate at <c>t = 1 / decay</c>, thirds it at <c>2 / decay</c>, and so on.</summary>
    public InverseTimeSchedule(double decay)
    {
        Decay = decay > 0 && double.IsFinite(decay) ? decay : throw new ArgumentOutOfRangeException(nameof(decay), decay, $"decay must be positive and finite; was {decay}.");
    }

    /// <summary>The decay per step (or epoch).</summary>
    public double Decay { get; }

    /// <inheritdoc />
    protected override double FactorAt(long t) => 1 / (1 + (Decay * t));
}
