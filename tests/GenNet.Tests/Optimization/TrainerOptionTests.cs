using System;
using System.Threading;
using GenNet.Training;
using GenNet.Samples.Xor;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>Cancellation in the middle of an epoch, and options refused with the name of the option.</summary>
public sealed class TrainerOptionTests
{
    [Fact]
    public void Cancellation_stops_mini_batch_training_between_two_batches()
    {
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 100, seed: 2);
        using var cancellation = new CancellationTokenSource();
        var options = new TrainingOptions<double> { Epochs = 1_000, BatchSize = 10, LearningRate = 0.1, ReportEvery = 1 };
        var progress = new ProgressCallback<TrainingProgress<double>>(p =>
        {
            if (p.Iteration == 34)
            {
                cancellation.Cancel();
            }
        });

        TrainingResult<double> result = Trainer.Train(new XorNet(), x, y, options, new Nesterov(), progress, cancellationToken: cancellation.Token);

        Assert.Equal(TrainingStatus.Canceled, result.Status);
        Assert.True(result.Canceled);
        Assert.Equal(35, result.Iterations);
        Assert.Equal(3, result.Epochs);
    }

    [Fact]
    public void Lbfgs_and_annealing_stop_when_canceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();

        Assert.Equal(TrainingStatus.Canceled, LbfgsTrainer.Train(new XorNet(), x, y, cancellationToken: cancellation.Token).Status);
        TrainingResult<double> annealing = AnnealingTrainer.Train(new XorNet(), x, y, cancellationToken: cancellation.Token);
        Assert.Equal(TrainingStatus.Canceled, annealing.Status);
        Assert.Equal(0, annealing.Iterations);
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("Epochs")]
    [InlineData("Patience")]
    [InlineData("L2")]
    [InlineData("ClipNorm")]
    [InlineData("ClipValue")]
    [InlineData("LearningRate")]
    public void Bad_options_are_refused_naming_the_option(string option)
    {
        var valid = new TrainingOptions<double> { Iterations = 1 };
        TrainingOptions<double> options = option switch
        {
            "BatchSize" => valid with { BatchSize = -1 },
            "Epochs" => valid with { Epochs = -2 },
            "Patience" => valid with { Patience = -1 },
            "L2" => valid with { L2 = double.NaN },
            "ClipNorm" => valid with { ClipNorm = 0 },
            "ClipValue" => valid with { ClipValue = double.PositiveInfinity },
            _ => valid with { LearningRate = -1 },
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => Trainer.Train(new XorNet(), XorExperiment.Inputs, XorExperiment.Targets, options));
        Assert.Contains(option, error.Message);
    }
}
