using System;
using System.Collections.Generic;
using System.Linq;
using GenNet.Samples.Xor;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>Learning-rate schedules: factors worked out by hand, and the trainer stepping with them.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void Step_decay_multiplies_by_gamma_every_step_size()
    {
        var schedule = new StepSchedule(3, 0.5);
        Assert.Equal(new[] { 1, 1, 1, 0.5, 0.5, 0.5, 0.25 }, Enumerable.Range(0, 7).Select(t => schedule.Factor(t, 0)));
    }

    [Fact]
    public void Exponential_decay_is_gamma_to_the_t()
    {
        var schedule = new ExponentialSchedule(0.9);
        Assert.Equal(1, schedule.Factor(0, 0));
        Assert.Equal(0.81, schedule.Factor(2, 0), 1e-15);
        Assert.Equal(Math.Pow(0.9, 50), schedule.Factor(50, 0), 1e-15);
    }

    [Fact]
    public void Cosine_annealing_falls_to_the_minimum_over_a_period()
    {
        var schedule = new CosineSchedule(10, minFactor: 0.1);
        Assert.Equal(1, schedule.Factor(0, 0), 1e-15);
        Assert.Equal(0.55, schedule.Factor(5, 0), 1e-15);  // 0.1 + 0.9·½·(1 + cos(π/2))
        Assert.Equal(0.1, schedule.Factor(10, 0), 1e-15);
        Assert.Equal(0.1, schedule.Factor(25, 0), 1e-15);
    }

    [Fact]
    public void Cosine_warm_restarts_start_again_with_longer_periods()
    {
        var fixedPeriod = new CosineSchedule(10, restarts: true);
        Assert.Equal(1, fixedPeriod.Factor(10, 0), 1e-15);
        Assert.Equal(0.5, fixedPeriod.Factor(15, 0), 1e-15);
        Assert.Equal(1, fixedPeriod.Factor(1_000_000_000_000, 0), 1e-15);

        var growing = new CosineSchedule(10, restarts: true, periodMultiplier: 2); // periods [0, 10), [10, 30), [30, 70)
        Assert.Equal(1, growing.Factor(10, 0), 1e-15);
        Assert.Equal(0.5, growing.Factor(20, 0), 1e-15);
        Assert.Equal(1, growing.Factor(30, 0), 1e-15);
        Assert.Equal(0.5, growing.Factor(50, 0), 1e-15);
    }

    [Fact]
    public void Inverse_time_annealing_halves_the_rate_at_one_over_decay()
    {
        var schedule = new InverseTimeSchedule(0.5);
        Assert.Equal(1, schedule.Factor(0, 0));
        Assert.Equal(0.5, schedule.Factor(2, 0));
        Assert.Equal(0.25, schedule.Factor(6, 0));
    }

    [Fact]
    public void Epoch_schedules_count_epochs_not_steps()
    {
        var schedule = new StepSchedule(1, 0.5) { Unit = ScheduleUnit.Epoch };
        Assert.Equal(0.25, schedule.Factor(iteration: 1_000, epoch: 2));
    }

    [Fact]
    public void The_trainer_steps_with_the_scheduled_rate()
    {
        double[] x = XorExperiment.Inputs.ToArray();
        double[] y = XorExperiment.Targets.ToArray();
        var rates = new List<double>();
        var options = new TrainingOptions<double> { Iterations = 6, LearningRate = 2, Schedule = new StepSchedule(2, 0.5), ReportEvery = 1 };
        var network = new XorNet();
        network.InitializeWeights(1);
        Trainer.Train(network, x, y, options, new ProgressCallback<TrainingProgress<double>>(p => rates.Add(p.LearningRate)));

        var manual = new XorNet();
        manual.InitializeWeights(1);
        foreach (double rate in new[] { 2, 2, 1, 1, 0.5, 0.5 })
        {
            manual.TrainStep(x, y, rate);
        }

        Assert.Equal(new[] { 2, 2, 1, 1, 0.5, 0.5 }, rates);
        Assert.Equal(manual.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void Schedules_refuse_meaningless_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(10, minFactor: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeSchedule(-1));
    }
}
