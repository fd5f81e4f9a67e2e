using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using GenNet;
using GenNet.Training;

namespace GenNet.Tests.Blog;

/// <summary>
/// One blog experiment trained with GenNet as the blog trains it. Each experiment runs once per test run and is
/// shared by the tests that check its numbers (60,000 steps take tens of milliseconds, but there are fourteen).
/// </summary>
internal sealed class BlogRun
{
    private static readonly ConcurrentDictionary<string, Lazy<BlogRun>> Runs = new(StringComparer.Ordinal);

    private BlogRun(BlogExperiment experiment)
    {
        Experiment = experiment;
        ITrainableNetwork<double> network = experiment.CreateNetwork();
        network.InitializeWeights(experiment.Seed);
        InitialParameters = network.Parameters.ToArray();
        if (experiment.IsSweep)
        {
            TrainSweep(network);
        }
        else
        {
            TrainTwoLayer(network);
        }

        Network = network;
        FinalParameters = network.Parameters.ToArray();
    }

    public BlogExperiment Experiment { get; }

    public ITrainableNetwork<double> Network { get; }

    public double[] InitialParameters { get; }

    public double[] FinalParameters { get; }

    /// <summary>The errors reported at iterations 0, 10,000, …, 50,000 (sweeps only).</summary>
    public List<double> Errors { get; } = new();

    /// <summary>Update direction changes per parameter (the hidden-4 sweeps only, as in the blog).</summary>
    public int[]? DirectionChanges { get; private set; }

    /// <summary>The output of the last iteration's forward pass, before its update (two-layer runs only).</summary>
    public double[]? OutputAfterTraining { get; private set; }

    public static BlogRun Of(string name) => Runs.GetOrAdd(name, n => new Lazy<BlogRun>(() => new BlogRun(BlogExperiment.Get(n)))).Value;

    // Trainer with progress every 10,000 steps; the hidden-4 runs also with the direction-change observer, which
    // takes the observed path (gradient, observer, update), the others the fused TrainStep: numpy checks both.
    private void TrainSweep(ITrainableNetwork<double> network)
    {
        var options = new TrainingOptions<double>
        {
            Iterations = Experiment.Iterations,
            LearningRate = Experiment.Alpha,
            ReportEvery = Experiment.ErrorEvery,
        };
        DirectionChangeCounter<double>? counter = Experiment.HasDirectionChanges ? new(network.ParameterCount) : null;
        Trainer.Train(
            network,
            Experiment.X,
            Experiment.Y,
            options,
            new ProgressCallback<TrainingProgress<double>>(p => Errors.Add(p.Error)),
            counter);
        DirectionChanges = counter?.Counts.ToArray();
    }

    // The blog's loop prints layer_1 of its last iteration, computed before that iteration's update.
    private void TrainTwoLayer(ITrainableNetwork<double> network)
    {
        for (int iteration = 0; iteration < Experiment.Iterations - 1; iteration++)
        {
            network.TrainStep(Experiment.X, Experiment.Y, Experiment.Alpha);
        }

        OutputAfterTraining = new double[Experiment.Y.Length];
        network.PredictBatch(Experiment.X, OutputAfterTraining);
        network.TrainStep(Experiment.X, Experiment.Y, Experiment.Alpha);
    }
}
