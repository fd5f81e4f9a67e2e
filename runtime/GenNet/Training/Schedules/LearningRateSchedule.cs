using System;

namespace GenNet.Training;

/// <summary>
/// Changes the learning rate during training: step <c>t</c> uses <c>LearningRate × Factor(t)</c>. Subclasses are
/// <see cref="StepSchedule"/>, <see cref="ExponentialSchedule"/>, <see cref="CosineSchedule"/> and
/// <see cref="InverseTimeSchedule"/>; derive from it for your own.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>Whether <c>t</c> counts steps (the default) or finished epochs.</summary>
    public ScheduleUnit Unit { get; init; } = ScheduleUnit.Iteration;

    /// <summary>The factor for a step: <see cref="FactorAt"/> of its iteration or its epoch, as <see cref="Unit"/> says.</summary>
    /// <param name="iteration">0-based step.</param>
    /// <param name="epoch">0-based epoch of that step.</param>
    public double Factor(long iteration, int epoch)
    {
        double factor = FactorAt(Unit == ScheduleUnit.Epoch ? epoch : iteration);
        return factor >= 0 && double.IsFinite(factor)
            ? factor
            : throw new InvalidOperationException($"{GetType().Name} gave the factor {factor} at iteration {iteration}, epoch {epoch}; factors must be zero or positive and finite.");
    }

    /// <summary>The factor at <paramref name="t"/> (0-based), zero or positive and finite; 1 at <c>t = 0</c> by convention.</summary>
    protected abstract double FactorAt(long t);
}

/// <summary>What a <see cref="LearningRateSchedule"/> counts.</summary>
public enum ScheduleUnit
{
    /// <summary>Optimizer steps (mini-batches).</summary>
    Iteration = 0,

    /// <summary>Passes over the training rows.</summary>
    Epoch = 1,
}
