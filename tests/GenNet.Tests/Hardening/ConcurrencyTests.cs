using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// What GenNet promises about threads: any number of threads may predict with one network at once, and get exactly the
/// outputs one thread gets; two calls that change one network (training, initialising, loading) at the same time are
/// refused with <see cref="InvalidOperationException"/>; predicting while another thread trains is unsupported but
/// memory-safe and leaves the training undisturbed.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    [Fact]
    public void Predict_from_many_threads_gives_the_serial_outputs_bit_for_bit()
    {
        // Unrolled with stackalloc scratch, loops with pooled scratch, float, softmax, dropout (inference), deep.
        AssertParallelMatchesSerial<double>(new Net3x4x1(), rows: 400, passes: 50);
        AssertParallelMatchesSerial<double>(new Net3x1100x1000(), rows: 24, passes: 1);
        AssertParallelMatchesSerial<float>(new Net40x30x3Single(), rows: 300, passes: 10);
        AssertParallelMatchesSerial<double>(new MixedSoftmaxClassifier(), rows: 300, passes: 20);
        AssertParallelMatchesSerial<double>(new DropoutNet(), rows: 300, passes: 20);
        AssertParallelMatchesSerial<double>(new LoopSoftmaxClassifier(), rows: 100, passes: 5);
    }

    [Fact]
    public void Predicting_while_training_is_memory_safe_and_leaves_the_training_bit_identical()
    {
        // Unsupported (a prediction may mix weights from before and after an update), but it must not crash, throw,
        // read out of bounds or change what training computes.
        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 64, seed: 21);
        const int Steps = 300;

        var alone = new Net40x30x3();
        alone.InitializeWeights(3);
        for (int step = 0; step < Steps; step++)
        {
            alone.TrainStep(x, y, 0.05);
        }

        var shared = new Net40x30x3();
        shared.InitializeWeights(3);
        using var stop = new CancellationTokenSource();
        long predictions = 0;
        var failures = new List<string>();
        Thread[] readers = Enumerable.Range(0, 3).Select(r => new Thread(() =>
        {
            var output = new double[Net40x30x3.OutputCount];
            int row = r;
            while (!stop.IsCancellationRequested)
            {
                shared.Predict(x.AsSpan(row * Net40x30x3.InputCount, Net40x30x3.InputCount), output);
                if (!output.All(v => v > 0 && v < 1))
                {
                    lock (failures)
                    {
                        failures.Add(string.Join(", ", output));
                    }
                }

                row = (row + 1) % 64;
                Interlocked.Increment(ref predictions);
            }
        })).ToArray();

        foreach (Thread reader in readers)
        {
            reader.Start();
        }

        try
        {
            for (int step = 0; step < Steps; step++)
            {
                shared.TrainStep(x, y, 0.05);
            }
        }
        finally
        {
            stop.Cancel();
            foreach (Thread reader in readers)
            {
                reader.Join();
            }
        }

        Assert.Empty(failures); // every output a sigmoid value: no garbage from torn reads of memory
        Assert.True(Interlocked.Read(ref predictions) > 0);
        Assert.Equal(Bits(alone.Parameters), Bits(shared.Parameters));
    }

    [Fact]
    public void Training_calls_refuse_to_overlap_another_thread_holding_the_network()
    {
        // The documented rule made deterministic: while this thread holds the network's lock (as a training call would),
        // every call that changes the network is refused on other threads, and Predict is not blocked.
        var network = new Net40x30x3();
        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 8, seed: 31);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gennet-lock-{Guid.NewGuid():N}.gnw");
        global::GenNet.Persistence.WeightFile.Save(network, path);
        double[] before = network.Parameters.ToArray();
        var refused = new List<string>();
        var output = new double[Net40x30x3.OutputCount];
        try
        {
            lock (network)
            {
                var other = new Thread(() =>
                {
                    Refused("TrainStep", () => network.TrainStep(x, y, 0.1));
                    Refused("InitializeWeights", () => network.InitializeWeights(5));
                    Refused("Trainer.Train", () => Trainer.Train(network, x, y, new TrainingOptions<double> { Iterations = 1 }));
                    Refused("LbfgsTrainer.Train", () => LbfgsTrainer.Train(network, x, y));
                    Refused("WeightFile.Load", () => global::GenNet.Persistence.WeightFile.Load(network, path));
                    network.Predict(x.AsSpan(0, Net40x30x3.InputCount), output);
                });
                other.Start();
                other.Join();
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        Assert.Equal(["TrainStep", "InitializeWeights", "Trainer.Train", "LbfgsTrainer.Train", "WeightFile.Load"], refused);
        Assert.Equal(before, network.Parameters.ToArray());
        network.TrainStep(x, y, 0.1); // released: training works again

        void Refused(string call, Action action)
        {
            var error = Assert.Throws<InvalidOperationException>(action);
            Assert.Contains("Another thread is training or changing this Net40x30x3", error.Message);
            refused.Add(call);
        }
    }

    [Fact]
    public void Racing_TrainStep_calls_either_run_whole_or_are_refused_and_never_mix()
    {
        // Two threads hammer TrainStep on one network with the same batch. However they interleave, the steps that ran
        // ran one at a time: the weights are those of that many steps taken serially, bit for bit. (Without the lock
        // they would share the gradient buffer and the weights would be garbage.)
        (double[] x, double[] y) = TestData.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 64, seed: 32);
        var shared = new Net40x30x3();
        shared.InitializeWeights(4);
        int completed = 0, refusedCount = 0;
        using var start = new Barrier(2);
        Thread[] threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int attempt = 0; attempt < 150; attempt++)
            {
                try
                {
                    shared.TrainStep(x, y, 0.01);
                    Interlocked.Increment(ref completed);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refusedCount);
                }
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        var serial = new Net40x30x3();
        serial.InitializeWeights(4);
        for (int step = 0; step < completed; step++)
        {
            serial.TrainStep(x, y, 0.01);
        }

        Assert.Equal(300, completed + refusedCount);
        Assert.Equal(Bits(serial.Parameters), Bits(shared.Parameters));
    }

    private static void AssertParallelMatchesSerial<T>(INetwork<T> network, int rows, int passes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeWeights(7);
        int inputs = network.InputCount, outputs = network.OutputCount;
        T[] x = TestData.Batch(inputs, outputs, rows, seed: 8).Inputs.Select(v => T.CreateTruncating(2 * v)).ToArray();
        var serial = new T[rows * outputs];
        for (int row = 0; row < rows; row++)
        {
            network.Predict(x.AsSpan(row * inputs, inputs), serial.AsSpan(row * outputs, outputs));
        }

        var mismatches = new List<string>();
        using var start = new Barrier(Threads);
        Thread[] threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var output = new T[rows * outputs];
            var batch = new T[rows * outputs];
            start.SignalAndWait();
            for (int pass = 0; pass < passes; pass++)
            {
                // Every thread walks the rows from its own starting point, so different rows overlap in time.
                for (int k = 0; k < rows; k++)
                {
                    int row = (k + (t * rows / Threads)) % rows;
                    network.Predict(x.AsSpan(row * inputs, inputs), output.AsSpan(row * outputs, outputs));
                }

                network.PredictBatch(x, batch);
                if (!SameBits<T>(output, serial) || !SameBits<T>(batch, serial))
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{network.GetType().Name}: thread {t}, pass {pass}");
                    }
                }
            }
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(mismatches);
    }

    private static bool SameBits<T>(T[] a, T[] b)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    private static ulong[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToUInt64Bits(values[i]);
        }

        return bits;
    }
}
