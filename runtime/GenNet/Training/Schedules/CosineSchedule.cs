using System;
using GenNet.Numerics;

namespace GenNet.Training;

/// <summary>
/// Cosine annealing (Loshchilov and Hutter's SGDR): <c>factor = min + (1 − min)·½·(1 + cos(π·t_cur / T))</c> over a
/// period of T steps, then either staying at <c>min</c> or, with warm restarts, starting again at 1 with the period
/// multiplied by <see cref="PeriodMultiplier"/>.
/// </summary>
public sealed record CosineSchedule : LearningRateSchedule
{
    /// <summary>Anneals from 1 to <paramref name="minFactor"/> over <paramref name="period"/> steps (or epochs).</summary>
    /// <param name="period">T, the length of the (first) period.</param>
    /// <param name="minFactor">The factor at the end of a period, in [0, 1].</param>
    /// <param name="restarts">Start a new period after each one (SGDR's warm restarts) instead of staying at the minimum.</param>
    /// <param name="periodMultiplier">With restarts, each period is this many times longer than the one before (1 or more).</param>
    public CosineSchedule(long period, double minFactor = 0, bool restarts = false, int periodMultiplier = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodMultiplier);
        Period = period;
        MinFactor = minFactor is >= 0 and <= 1 ? minFactor : throw new ArgumentOutOfRangeException(nameof(minFactor), minFactor, $"minFactor must be in [0, 1]; was {minFactor}.");
        Restarts = restarts;
        PeriodMultiplier = periodMultiplier;
    }

    /// <summary>T, the length of the first period.</summary>
    public long Period { get; }

    /// <summary>The factor at the end of a period.</summary>
    public double MinFactor { get; }

    /// <summary>Whether the schedule restarts at 1 after each period.</summary>
    public bool Restarts { get; }

    /// <summary>Growth of the period at each restart.</summary>
    public int PeriodMultiplier { get; }

    /// <inheritdoc />
    protected override double FactorAt(long t)
    {
        long length = Period;
        if (!Restarts)
        {
            t = Math.Min(t, length);
        }
        else if (PeriodMultiplier == 1)
        {
            t %= length;
        }
        else
        {
            while (t >= length)
            {
                t -= length;
                length *= PeriodMultiplier;
            }
        }

        return MinFactor + ((1 - MinFactor) * 0.5 * (1 + PortableMath.CosPi((double)t / length)));
    }
}
