using System;
using System.Collections.Generic;
using System.Linq;
using GenNet.Samples.Xor;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// The three trainers take the same call — network, inputs, targets, options, progress, observer, cancellation — and
/// return the same <see cref="TrainingResult{T}"/>, so switching from gradient descent to L-BFGS or annealing changes
/// one name and one options type.
/// </summary>
public sealed class TrainerShapeTests
{
    private static double[] X => XorExperiment.Inputs.ToArray();

    private static double[] Y => XorExperiment.Targets.ToArray();

    [Fact]
    public void The_LBFGS_observer_sees_every_iteration_with_its_gradient()
    {
        var network = new XorNet();
        network.InitializeWeights(4);
        var observer = new Recorder();
        var progress = new List<TrainingProgress<double>>();
        TrainingResult<double> result = LbfgsTrainer.Train(
            network, X, Y, new LbfgsOptions<double> { MaxIterations = 25, ReportEvery = 5 }, new Inline(progress.Add), observer, default);

        Assert.Equal(result.Iterations, observer.Steps.Count);
        Assert.Equal(Enumerable.Range(0, result.Iterations), observer.Steps.Select(step => step.Iteration));
        Assert.All(observer.Steps, step => Assert.Equal(XorNet.ParameterCount, step.GradientLength));
        Assert.True(observer.Steps[^1].Error < observer.Steps[0].Error, "L-BFGS lowers the error");
        Assert.Equal(result.Iterations / 5, progress.Count);
    }

    [Fact]
    public void The_annealing_observer_sees_every_move_without_a_gradient()
    {
        var network = new XorNet();
        network.InitializeWeights(1);
        var observer = new Recorder();
        TrainingResult<double> result = AnnealingTrainer.Train(
            network, X, Y, new AnnealingOptions<double> { Cycles = 3, MovesPerCycle = 10, TargetError = 0 }, null, observer, default);

        Assert.Equal(30, observer.Steps.Count);
        Assert.Equal(Enumerable.Range(0, 30), observer.Steps.Select(step => step.Iteration));
        Assert.All(observer.Steps, step => Assert.Equal(0, step.GradientLength));
        Assert.Equal(TrainingStatus.Completed, result.Status);
    }

    private sealed class Recorder : ITrainingObserver<double>
    {
        public List<(int Iteration, double Error, int GradientLength)> Steps { get; } = [];

        public void OnStep(int iteration, double error, ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient) =>
            Steps.Add((iteration, error, gradient.Length));
    }

    private sealed class Inline(Action<TrainingProgress<double>> report) : IProgress<TrainingProgress<double>>
    {
        public void Report(TrainingProgress<double> value) => report(value);
    }
}
