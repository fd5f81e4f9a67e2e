using System.Numerics;

namespace GenNet.Training;

/// <summary>How <see cref="AnnealingTrainer"/> searches.</summary>
public sealed record AnnealingOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Temperature levels, cooled geometrically from <see cref="StartTemperature"/> to <see cref="EndTemperature"/>. Default 100.</summary>
    public int Cycles { get; init; } = 100;

    /// <summary>Candidate moves tried at each temperature. Default 100.</summary>
    public int MovesPerCycle { get; init; } = 100;

    /// <summary>
    /// The first temperature, in units of the loss: a move that raises the loss by this much is accepted with
    /// probability 1/e. Default 0.01, about 2% of the blog's XOR loss at the start (½·Σ(out − y)² ≈ 0.5); scale it with
    /// your loss.
    /// </summary>
    public double StartTemperature { get; init; } = 0.01;

    /// <summary>The last temperature. Default 1e-5.</summary>
    public double EndTemperature { get; init; } = 1e-5;

    /// <summary>At the start temperature every weight moves by up to ± this much per move; the amplitude shrinks in
    /// proportion to the temperature. Default 1.</summary>
    public double StepSize { get; init; } = 1;

    /// <summary>Seed of the moves and the acceptance draws (<see cref="NumpyRandom"/>). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Stop as converged once the best reported error is at most this. 0 (the default): off.</summary>
    public T TargetError { get; init; } = T.Zero;

    /// <summary>Report the best error so far every K cycles (0: never). Default 10.</summary>
    public int ReportEvery { get; init; } = 10;
}
