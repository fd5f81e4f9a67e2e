using System;
using System.Collections.Generic;
using System.Threading;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests;

public sealed class TrainingTests
{
    [Theory]
    [MemberData(nameof(GradientCheckTests.Networks), MemberType = typeof(GradientCheckTests))]
    public void TrainStep_is_the_gradient_step_bit_for_bit(string name)
    {
        ITrainableNetwork<double> stepped = GradientCheckTests.Create(name);
        ITrainableNetwork<double> manual = GradientCheckTests.Create(name);
        stepped.InitializeWeights(4);
        manual.InitializeWeights(4);
        (double[] x, double[] rawTargets) = TestData.Batch(stepped.InputCount, stepped.OutputCount, rows: 3, seed: 8);
        double[] y = TestData.TargetsFor(stepped, rawTargets);
        const double alpha = 0.37;

        double expectedError = TestData.ReportedError(manual, x, y);
        var gradient = new double[manual.ParameterCount];
        double gradientError = manual.ComputeGradient(x, y, gradient);
        double stepError = stepped.TrainStep(x, y, alpha);

        Assert.Equal(expectedError, stepError, 1e-14);
        Assert.Equal(gradientError, stepError);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(manual.Parameters[i] - (alpha * gradient[i]), stepped.Parameters[i]);
        }
    }

    [Fact]
    public void Observed_training_gives_the_same_weights_as_fused_training()
    {
        var fused = new Net5x7x3();
        var observed = new Net5x7x3();
        (double[] x, double[] y) = TestData.Batch(Net5x7x3.InputCount, Net5x7x3.OutputCount, rows: 6, seed: 2);
        var options = new TrainingOptions<double> { Iterations = 500, LearningRate = 0.5, ReportEvery = 0 };
        var counter = new DirectionChangeCounter<double>(Net5x7x3.ParameterCount);

        TrainingResult<double> a = Trainer.Train(fused, x, y, options);
        TrainingResult<double> b = Trainer.Train(observed, x, y, options, observer: counter);

        Assert.Equal(a.FinalError, b.FinalError);
        Assert.Equal(fused.Parameters.ToArray(), observed.Parameters.ToArray());
        Assert.Contains(counter.Counts.ToArray(), c => c > 0);
    }

    [Fact]
    public void Progress_is_reported_every_K_iterations_with_the_step_error()
    {
        var network = new Net3x4x1();
        var reference = new Net3x4x1();
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 4, seed: 1);
        var reports = new List<TrainingProgress<double>>();
        var options = new TrainingOptions<double> { Iterations = 25, LearningRate = 1, ReportEvery = 10 };

        Trainer.Train(network, x, y, options, new ProgressCallback<TrainingProgress<double>>(reports.Add));

        Assert.Equal(new[] { 0, 10, 20 }, reports.ConvertAll(r => r.Iteration));
        for (int j = 0; j <= 20; j++)
        {
            double error = reference.TrainStep(x, y, 1);
            if (j % 10 == 0)
            {
                Assert.Equal(error, reports[j / 10].Error);
            }
        }
    }

    [Fact]
    public void Cancellation_stops_between_steps()
    {
        var network = new Net3x4x1();
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 4, seed: 1);
        using var cancellation = new CancellationTokenSource();
        var options = new TrainingOptions<double> { Iterations = 1_000_000, LearningRate = 1, ReportEvery = 100 };
        var progress = new ProgressCallback<TrainingProgress<double>>(p =>
        {
            if (p.Iteration == 300)
            {
                cancellation.Cancel();
            }
        });

        TrainingResult<double> result = Trainer.Train(network, x, y, options, progress, cancellationToken: cancellation.Token);

        Assert.True(result.Canceled);
        Assert.Equal(301, result.Iterations);
    }
}
