using System;
using GenNet.Numerics;

namespace GenNet.Training;

/// <summary>Exponential decay: <c>factor = γ^t</c> (PyTorch's <c>ExponentialLR</c>).</summary>
public sealed record ExponentialSchedule : LearningRateSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> every step (or epoch).</summary>
    public ExponentialSchedule(double gamma)
    {
        Gamma = gamma > 0 && gamma <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma must be in (0, 1]; was {gamma}.");
    }

    /// <summary>The factor per step (or epoch).</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double FactorAt(long t) => PortableMath.Pow(Gamma, t);
}
