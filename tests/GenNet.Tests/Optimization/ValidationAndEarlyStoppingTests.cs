using System;
using System.Collections.Generic;
using System.Linq;
using GenNet.Training;
using GenNet.Samples.Xor;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>Held-out rows, early stopping and epoch reports.</summary>
public sealed class ValidationAndEarlyStoppingTests
{
    // Validation rows that disagree with training: the XNOR of the first two inputs. The better the network learns
    // XOR, the worse it does on them.
    private static readonly double[] Xnor = { 1, 0, 0, 1 };

    [Fact]
    public void ValidationSplit_in_Last_mode_holds_out_the_last_rows_and_trains_on_the_rest_only()
    {
        double[] x = XorExperiment.Inputs.ToArray().Concat(XorExperiment.Inputs.ToArray()).ToArray();
        double[] y = XorExperiment.Targets.ToArray().Concat(Xnor).ToArray();
        var options = new TrainingOptions<double> { Iterations = 300, ReportEvery = 0 };

        var split = new XorNet();
        split.InitializeWeights(1);
        TrainingResult<double> result = Trainer.Train(split, x, y, options with { ValidationSplit = 0.5, ValidationSplitMode = ValidationSplitMode.Last });

        var reference = new XorNet();
        reference.InitializeWeights(1);
        Trainer.Train(reference, x.AsSpan(0, 12), y.AsSpan(0, 4), options);

        Assert.Equal(reference.Parameters.ToArray(), split.Parameters.ToArray());
        Assert.Equal(TestData.MeanAbsoluteError(split, x[12..], y[4..]), result.ValidationError, 1e-15);
    }

    [Fact]
    public void Early_stopping_stops_when_validation_error_stops_improving_and_restores_the_best_epoch()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        var options = new TrainingOptions<double> { Iterations = 100_000, LearningRate = 1, Patience = 20, ReportEvery = 0 };

        var network = new XorNet();
        network.InitializeWeights(1);
        TrainingResult<double> result = Trainer.Train(network, x, y, x, Xnor, options, new Sgd());

        Assert.Equal(TrainingStatus.EarlyStopped, result.Status);
        Assert.InRange(result.BestEpoch, 0, 1_000);
        Assert.Equal(result.BestEpoch + 21, result.Epochs);
        Assert.Equal(result.Epochs, result.Iterations);

        // The weights are those after BestEpoch + 1 full-batch steps, bit for bit.
        var best = new XorNet();
        best.InitializeWeights(1);
        Trainer.Train(best, x, y, options with { Iterations = result.BestEpoch + 1, Patience = 0 });
        Assert.Equal(best.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.Equal(TestData.MeanAbsoluteError(best, x, Xnor), result.BestError, 1e-15);
    }

    [Fact]
    public void Without_validation_rows_early_stopping_watches_the_training_error()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();

        // No epoch can improve on the first by more than MinDelta = 1, so the run stops after 1 + Patience epochs.
        var options = new TrainingOptions<double> { Epochs = 1_000, Patience = 3, MinDelta = 1, RestoreBestWeights = false, ReportEvery = 0 };
        var network = new XorNet();
        network.InitializeWeights(1);
        TrainingResult<double> result = Trainer.Train(network, x, y, options);

        Assert.Equal(TrainingStatus.EarlyStopped, result.Status);
        Assert.Equal(0, result.BestEpoch);
        Assert.Equal(4, result.Iterations);
        Assert.True(double.IsNaN(result.ValidationError));

        var reference = new XorNet();
        reference.InitializeWeights(1);
        for (int i = 0; i < 4; i++)
        {
            reference.TrainStep(x, y, 1);
        }

        Assert.Equal(reference.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void Epoch_reports_carry_the_epoch_mean_error_and_the_validation_error()
    {
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 10, seed: 4);
        var reports = new List<TrainingProgress<double>>();
        var options = new TrainingOptions<double>
        {
            Epochs = 4, BatchSize = 4, ValidationSplit = 0.2, LearningRate = 0.5, ReportEvery = 0, ReportEveryEpochs = 2,
        };
        var network = new XorNet();
        network.InitializeWeights(1);

        TrainingResult<double> result = Trainer.Train(network, x, y, options, new ProgressCallback<TrainingProgress<double>>(reports.Add));

        // 8 training rows in batches of 4: two steps per epoch; reports after epochs 2 and 4.
        Assert.Equal(8, result.Iterations);
        Assert.Equal(new[] { 1, 3 }, reports.Select(r => r.Epoch));
        Assert.Equal(new[] { 3, 7 }, reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.True(r.IsEpochEnd && r.RowsPerSecond > 0 && r.LearningRate == 0.5));
        Assert.Equal(result.ValidationError, reports[^1].ValidationError);
        // The two rows held out: drawn with ShuffleSeed (0), see ValidationSplitTests.
        bool[] held = ValidationSplitter.HeldOut<double>(y, 1, rows: 10, count: 2, seed: 0);
        (_, _, double[] validationX, double[] validationY) = ValidationSplitter.Split<double>(x, 3, y, 1, held, 2);
        Assert.Equal(TestData.MeanAbsoluteError(network, validationX, validationY), reports[^1].ValidationError, 1e-15);
    }

    [Fact]
    public void Inconsistent_validation_settings_are_refused()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        var network = new XorNet();
        Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, new TrainingOptions<double> { ValidationSplit = 0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(network, x, y, new TrainingOptions<double> { ValidationSplit = 1 }));
        Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, x, y, new TrainingOptions<double> { ValidationSplit = 0.5 }, new Sgd()));
        var sizes = Assert.Throws<ArgumentException>(() => Trainer.Train(network, x, y, x.AsSpan(0, 4), y, new TrainingOptions<double>(), new Sgd()));
        Assert.Contains("multiple of 3", sizes.Message);
    }
}
