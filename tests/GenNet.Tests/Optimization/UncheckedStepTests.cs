using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using GenNet.CompilerServices;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Optimization;

/// <summary>
/// The trainer checks the data, the options and the training lock once per run and then calls each network's
/// <see cref="ITrainableNetwork{T}.TrainStepUnchecked"/>, which does not repeat them: the results are still those of
/// <see cref="ITrainableNetwork{T}.TrainStep"/> in a loop, bit for bit; bad data is still refused before the first step;
/// the loop allocates nothing; and the public <c>TrainStep</c> keeps every check.
/// </summary>
public sealed class UncheckedStepTests
{
    public static TheoryData<string> Networks() => new()
    {
        nameof(LanesXor), nameof(LanesXorExact), nameof(Net3x4x1Single), nameof(LanesBceSingleExact), nameof(LanesSoftmax),
        nameof(BlockedDeep), nameof(BlockedSoftmaxSingle), nameof(DropoutNet), nameof(BatchNormRegression), nameof(LoopSoftmaxClassifier),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Trainer_gives_the_weights_and_errors_of_TrainStep_in_a_loop_bit_for_bit(string name)
    {
        switch (Create(name))
        {
            case ITrainableNetwork<float>:
                AssertTrainerIsTheLoop<float>(name);
                break;
            default:
                AssertTrainerIsTheLoop<double>(name);
                break;
        }
    }

    [Theory]
    [InlineData(nameof(LanesXor))]
    [InlineData(nameof(LanesXorExact))]
    [InlineData(nameof(BlockedDeep))]
    public void Trainer_still_refuses_wrong_sizes_and_non_finite_values_before_the_first_step(string name)
    {
        var network = (ITrainableNetwork<double>)Create(name);
        int inputs = network.InputCount, outputs = network.OutputCount;
        (double[] x, double[] y) = TestData.Batch(inputs, outputs, rows: 4, seed: 5);
        double[] before = network.Parameters.ToArray();
        var options = new TrainingOptions<double> { Iterations = 10, LearningRate = 0.5 };

        string partial = Refused(x[..^1], y).Message;
        Assert.Contains($"must hold whole rows of {inputs} values; it holds {x.Length - 1}", partial);
        string rows = Refused(x, y[..^1]).Message;
        Assert.Contains($"must hold 4 rows of {outputs} values ({4 * outputs} in all) to match inputs; it holds {y.Length - 1}", rows);
        Assert.Contains($"must hold at least one row of {inputs} values; it is empty", Refused([], []).Message);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            double[] badX = (double[])x.Clone();
            badX[(3 * inputs) + 2] = bad;
            Assert.Contains($"holds {bad.ToString(CultureInfo.InvariantCulture)} at row 3, column 2", Refused(badX, y).Message);
            double[] badY = (double[])y.Clone();
            badY[outputs] = bad;
            ArgumentException targets = Refused(x, badY);
            Assert.Equal("targets", targets.ParamName);
            Assert.Contains($"at row 1, column 0 (index {outputs})", targets.Message);
        }

        foreach (double rate in new[] { double.NaN, double.PositiveInfinity, 0, -1 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 10, LearningRate = rate }));
        }

        Assert.Equal(before, network.Parameters.ToArray());

        ArgumentException Refused(double[] inputs, double[] targets) =>
            Assert.ThrowsAny<ArgumentException>(() => Trainer.Train(network, inputs, targets, options));
    }

    [Theory]
    [InlineData(nameof(LanesXor))]
    [InlineData(nameof(LanesXorExact))]
    [InlineData(nameof(Net3x4x1Single))]
    [InlineData(nameof(BlockedDeep))]
    public void The_trainers_loop_allocates_nothing_per_step(string name)
    {
        object network = Create(name);
        Func<int, long> run = network is ITrainableNetwork<float> single ? Allocations(single) : Allocations((ITrainableNetwork<double>)network);
        run(100); // JIT, tiering and static initialisation
        run(100);

        // Up to three pairs: the runtime may allocate once mid-run (a tier-up), but a per-step allocation shows in every pair.
        long few = 0, many = -1;
        for (int attempt = 0; attempt < 3 && few != many; attempt++)
        {
            few = run(100);
            many = run(name == nameof(BlockedDeep) ? 2_000 : 20_000);
        }

        Assert.Equal(few, many);
    }

    [Theory]
    [InlineData(nameof(LanesXor))]
    [InlineData(nameof(LanesXorExact))]
    [InlineData(nameof(BlockedDeep))]
    [InlineData(nameof(DropoutNet))]
    public void TrainStep_called_directly_still_checks_every_value_after_a_trainer_run(string name)
    {
        var network = (ITrainableNetwork<double>)Create(name);
        int inputs = network.InputCount, outputs = network.OutputCount;
        (double[] x, double[] y) = TestData.Batch(inputs, outputs, rows: 4, seed: 6);
        Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 50, LearningRate = 0.1 });
        double[] before = network.Parameters.ToArray();

        double[] badX = (double[])x.Clone();
        badX[inputs + 1] = double.NaN;
        ArgumentException step = Assert.Throws<ArgumentException>(() => network.TrainStep(badX, y, 0.1));
        Assert.Equal("inputs", step.ParamName);
        Assert.Contains("holds NaN at row 1, column 1", step.Message);
        double[] badY = (double[])y.Clone();
        badY[^1] = double.NegativeInfinity;
        Assert.Contains("holds -Infinity at row 3", Assert.Throws<ArgumentException>(() => network.TrainStep(x, badY, 0.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(x, y, double.NaN));

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(nameof(LanesXor))]
    [InlineData(nameof(LanesXorExact))]
    [InlineData(nameof(BlockedDeep))]
    [InlineData(nameof(BatchNormRegression))]
    public void TrainStepUnchecked_is_TrainStep_and_still_checks_sizes_and_the_lock(string name)
    {
        var network = (ITrainableNetwork<double>)Create(name);
        var twin = (ITrainableNetwork<double>)Create(name);
        int inputs = network.InputCount, outputs = network.OutputCount;
        (double[] x, double[] y) = TestData.Batch(inputs, outputs, rows: 5, seed: 7);
        double[] before = network.Parameters.ToArray();

        // Outside the training lock it is refused, so it can never race a trainer or a TrainStep on another thread.
        InvalidOperationException unlocked = Assert.Throws<InvalidOperationException>(() => network.TrainStepUnchecked(x, y, 0.2));
        Assert.Contains("TrainingLock.Enter", unlocked.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        TrainingLock.Enter(network);
        try
        {
            // Sizes are still checked (the generated kernels read without bounds checks after this one).
            Assert.Contains($"whole rows of {inputs}", Assert.ThrowsAny<ArgumentException>(() => network.TrainStepUnchecked(x[..^1], y, 0.2)).Message);
            Assert.Contains("to match inputs", Assert.ThrowsAny<ArgumentException>(() => network.TrainStepUnchecked(x, y[..^1], 0.2)).Message);
            Assert.Contains("it is empty", Assert.ThrowsAny<ArgumentException>(() => network.TrainStepUnchecked([], [], 0.2)).Message);
            Assert.Equal(before, network.Parameters.ToArray());

            for (int step = 0; step < 3; step++)
            {
                double fromUnchecked = network.TrainStepUnchecked(x, y, 0.2);
                double fromChecked = twin.TrainStep(x, y, 0.2);
                Assert.Equal(BitConverter.DoubleToInt64Bits(fromChecked), BitConverter.DoubleToInt64Bits(fromUnchecked));
            }
        }
        finally
        {
            TrainingLock.Exit(network);
        }

        Assert.Equal(Bits(twin.Parameters), Bits(network.Parameters));

        // Another thread holding the lock (a trainer, TrainStep, or lock (network)) refuses it here, as it refuses TrainStep.
        lock (network)
        {
            Exception? refused = null;
            var other = new Thread(() => refused = Record.Exception(() => network.TrainStepUnchecked(x, y, 0.2)));
            other.Start();
            other.Join();
            Assert.IsType<InvalidOperationException>(refused);
        }

        Assert.Equal(Bits(twin.Parameters), Bits(network.Parameters));
    }

    [Fact]
    public void TrainStepUnchecked_skips_the_value_checks_as_documented()
    {
        // What the caller promises: finite data and a positive finite learning rate. A NaN is not refused here; it
        // reaches the weights, which is why only a trainer that checked the data calls it.
        var network = new LanesXorExact();
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 4, seed: 8);
        x[4] = double.NaN;
        TrainingLock.Enter(network);
        try
        {
            double error = ((ITrainableNetwork<double>)network).TrainStepUnchecked(x, y, 0.5);
            Assert.True(double.IsNaN(error));
        }
        finally
        {
            TrainingLock.Exit(network);
        }

        Assert.Contains(network.Parameters.ToArray(), double.IsNaN);
    }

    [Fact]
    public void A_network_without_its_own_unchecked_step_trains_through_TrainStep()
    {
        // ITrainableNetwork implemented by hand: the interface's default TrainStepUnchecked is TrainStep (and still
        // requires the lock), so the trainer gives the same bits.
        var wrapped = new WrappedNetwork(new LanesXor());
        var reference = new LanesXor();
        (double[] x, double[] y) = TestData.Batch(3, 1, rows: 4, seed: 9);

        TrainingResult<double> result = Trainer.Train(wrapped, x, y, new TrainingOptions<double> { Iterations = 300, LearningRate = 1 });
        double error = 0;
        for (int step = 0; step < 300; step++)
        {
            error = reference.TrainStep(x, y, 1);
        }

        Assert.Equal(300, wrapped.Steps);
        Assert.Equal(error, result.FinalError);
        Assert.Equal(Bits(reference.Parameters), Bits(wrapped.Parameters));
        Assert.Throws<InvalidOperationException>(() => ((ITrainableNetwork<double>)wrapped).TrainStepUnchecked(x, y, 1));
    }

    [Fact]
    public void The_update_and_finiteness_kernels_match_TensorPrimitives_bit_for_bit_at_every_length()
    {
        // GradientDescent.Apply and Kernels.IsFiniteAll replaced TensorPrimitives.MultiplyAdd and IsFiniteAll on the
        // hot path (to be compiled optimised from the first call): the same results, register widths and tails included.
        AssertKernels<double>();
        AssertKernels<float>();
    }

    private static void AssertKernels<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(17);
        T[] special = [T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.CreateSaturating(double.MaxValue), T.Epsilon, T.NegativeZero];
        for (int length = 0; length <= 131; length++)
        {
            T[] parameters = Enumerable.Range(0, length).Select(_ => T.CreateTruncating((2 * random.NextDouble()) - 1)).ToArray();
            T[] gradient = Enumerable.Range(0, length).Select(_ => T.CreateTruncating(1e3 * ((2 * random.NextDouble()) - 1))).ToArray();
            T rate = T.CreateTruncating(0.37);
            T[] expected = (T[])parameters.Clone();
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(gradient, -rate, expected, expected);
            T[] actual = (T[])parameters.Clone();
            CompilerServices.GradientDescent.Apply<T>(actual, gradient, rate);
            Assert.Equal(Bits<T>(expected), Bits<T>(actual));

            Assert.True(CompilerServices.Kernels.IsFiniteAll<T>(parameters));
            for (int at = 0; at < length; at++)
            {
                T[] bad = (T[])parameters.Clone();
                bad[at] = special[at % special.Length];
                bool finite = System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<T>(bad);
                Assert.Equal(finite, CompilerServices.Kernels.IsFiniteAll<T>(bad));
                Assert.Equal(finite, Record.Exception(() => Guard.Finite<T>(bad, 1)) is null);
            }
        }
    }

    private static void AssertTrainerIsTheLoop<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var trained = (ITrainableNetwork<T>)Create(name);
        var looped = (ITrainableNetwork<T>)Create(name);
        trained.InitializeWeights(5);
        looped.InitializeWeights(5);
        (double[] rawX, double[] rawY) = TestData.Batch(trained.InputCount, trained.OutputCount, rows: 7, seed: 12);
        double[] targets = trained.Architecture.Loss == LossFunction.CategoricalCrossEntropy ? OneHot(rawY, trained.OutputCount) : rawY;
        T[] x = rawX.Select(T.CreateTruncating).ToArray();
        T[] y = targets.Select(T.CreateTruncating).ToArray();
        T learningRate = T.CreateTruncating(0.3);
        const int Steps = 200;

        var reported = new List<T>();
        TrainingResult<T> result = Trainer.Train(
            trained,
            x,
            y,
            new TrainingOptions<T> { Iterations = Steps, LearningRate = learningRate, ReportEvery = 1 },
            new ProgressCallback<TrainingProgress<T>>(p => reported.Add(p.Error)));
        var errors = new List<T>();
        for (int step = 0; step < Steps; step++)
        {
            errors.Add(looped.TrainStep(x, y, learningRate));
        }

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(Bits<T>(errors), Bits<T>(reported));
        Assert.Equal(Bits<T>([errors[^1]]), Bits<T>([result.FinalError]));
        Assert.Equal(Bits<T>(looped.Parameters.ToArray()), Bits<T>(trained.Parameters.ToArray()));
        if (trained is IBatchNormalizedNetwork<T> normalized)
        {
            var other = (IBatchNormalizedNetwork<T>)looped;
            Assert.Equal(Bits<T>(other.RunningMean.ToArray()), Bits<T>(normalized.RunningMean.ToArray()));
            Assert.Equal(Bits<T>(other.RunningVariance.ToArray()), Bits<T>(normalized.RunningVariance.ToArray()));
        }
    }

    private static double[] OneHot(double[] raw, int classes)
    {
        var oneHot = new double[raw.Length];
        for (int row = 0; row < raw.Length / classes; row++)
        {
            oneHot[(row * classes) + (int)(raw[row * classes] * classes)] = 1;
        }

        return oneHot;
    }

    // Bytes allocated on this thread by a whole Trainer.Train call of the given length: buffers are allocated once per
    // run, so a long run allocating what a short one does means the loop allocates nothing per step.
    private static Func<int, long> Allocations<T>(ITrainableNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (double[] rawX, double[] rawY) = TestData.Batch(network.InputCount, network.OutputCount, rows: 4, seed: 13);
        T[] x = rawX.Select(T.CreateTruncating).ToArray();
        T[] y = rawY.Select(T.CreateTruncating).ToArray();
        var progress = new ProgressCallback<TrainingProgress<T>>(_ => { });
        return iterations =>
        {
            network.InitializeWeights(1);
            var options = new TrainingOptions<T> { Iterations = iterations, LearningRate = T.CreateTruncating(0.5), ReportEvery = 50 };
            long before = GC.GetAllocatedBytesForCurrentThread();
            TrainingResult<T> result = Trainer.Train(network, x, y, options, progress);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(iterations, result.Iterations);
            return allocated;
        };
    }

    private static long[] Bits(Span<double> values) => Bits<double>(values.ToArray());

    // Every value's bits (float widened to double exactly): a last bit, a sign of zero or a NaN would show.
    private static long[] Bits<T>(IEnumerable<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        values.Select(v => BitConverter.DoubleToInt64Bits(double.CreateTruncating(v))).ToArray();

    private static object Create(string name) => name switch
    {
        nameof(LanesXor) => new LanesXor(),
        nameof(LanesXorExact) => new LanesXorExact(),
        nameof(Net3x4x1Single) => new Net3x4x1Single(),
        nameof(LanesBceSingleExact) => new LanesBceSingleExact(),
        nameof(LanesSoftmax) => new LanesSoftmax(),
        nameof(BlockedDeep) => new BlockedDeep(),
        nameof(BlockedSoftmaxSingle) => new BlockedSoftmaxSingle(),
        nameof(DropoutNet) => new DropoutNet(),
        nameof(BatchNormRegression) => new BatchNormRegression(),
        nameof(LoopSoftmaxClassifier) => new LoopSoftmaxClassifier(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // ITrainableNetwork<double> written by hand, as a user might: it does not implement TrainStepUnchecked.
    private sealed class WrappedNetwork(LanesXor inner) : ITrainableNetwork<double>
    {
        public int Steps { get; private set; }

        public int InputCount => LanesXor.InputCount;

        public int OutputCount => LanesXor.OutputCount;

        public int ParameterCount => LanesXor.ParameterCount;

        public NetworkArchitecture Architecture => LanesXor.Architecture;

        public Span<double> Parameters => inner.Parameters;

        public void Predict(ReadOnlySpan<double> input, Span<double> output) => inner.Predict(input, output);

        public void PredictBatch(ReadOnlySpan<double> inputs, Span<double> outputs) => inner.PredictBatch(inputs, outputs);

        public void InitializeWeights(int seed) => inner.InitializeWeights(seed);

        public double ComputeGradient(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient) =>
            inner.ComputeGradient(inputs, targets, gradient);

        public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, double learningRate)
        {
            Steps++;
            return inner.TrainStep(inputs, targets, learningRate);
        }
    }
}
