using System.Numerics;

namespace GenNet.Training;

/// <summary>How <see cref="LbfgsTrainer"/> minimises. The defaults suit small full-batch problems such as the blog's XOR.</summary>
public sealed record LbfgsOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The most iterations (accepted line-search steps). Default 500.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>m, the number of recent steps kept to approximate the inverse Hessian. Default 10.</summary>
    public int History { get; init; } = 10;

    /// <summary>Stop as <see cref="Training.TrainingStatus.Converged"/> when the largest gradient component is at most
    /// this. Default 1e-10 (1e-5 for float).</summary>
    public T GradientTolerance { get; init; } = T.CreateTruncating(typeof(T) == typeof(float) ? 1e-5 : 1e-10);

    /// <summary>Stop as converged when an iteration changes the loss by at most this fraction of it. Default 1e-15
    /// (1e-7 for float).</summary>
    public T LossTolerance { get; init; } = T.CreateTruncating(typeof(T) == typeof(float) ? 1e-7 : 1e-15);

    /// <summary>Stop as converged once the reported error (mean |output − target| for the blog's loss) is at most this.
    /// 0 (the default): off.</summary>
    public T TargetError { get; init; } = T.Zero;

    /// <summary>L2 regularisation λ, added to the objective as <c>½·λ·Σ w²</c>. Default 0.</summary>
    public T L2 { get; init; } = T.Zero;

    /// <summary>The most loss evaluations one line search may spend. Default 25.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 25;

    /// <summary>c₁ of the sufficient-decrease (Armijo) condition. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>c₂ of the strong curvature condition, in (c₁, 1). Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Report progress every K iterations (0: never). Default 10.</summary>
    public int ReportEvery { get; init; } = 10;
}
