using System;
using GenNet.Numerics;

namespace GenNet.Training;

/// <summary>Step decay: <c>factor = γ^⌊t / stepSize⌋</c>, e.g. a tenth of the rate every 30 epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed record StepSchedule : LearningRateSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> steps (or epochs).</summary>
    public StepSchedule(long stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        StepSize = stepSize;
        Gamma = gamma > 0 && gamma <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma must be in (0, 1]; was {gamma}.");
    }

    /// <summary>Steps (or epochs) between two decays.</summary>
    public long StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double FactorAt(long t) => PortableMath.Pow(Gamma, t / StepSize);
}
