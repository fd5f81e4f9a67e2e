using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using GenNet.Networks;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests.Hardening;

/// <summary>
/// What GenNet promises about threads: any number of threads may predict with one network at once, and get exactly the
/// outputs one thread gets; training and predicting at the same time is unsupported but memory-safe and leaves the
/// training undisturbed; two training calls on one network at the same time are refused.
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
        (double[] x, double[] y) = Data.Batch(Net40x30x3.InputCount, Net40x30x3.OutputCount, rows: 64, seed: 21);
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

    private static void AssertParallelMatchesSerial<T>(INetwork<T> network, int rows, int passes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeWeights(7);
        int inputs = network.InputCount, outputs = network.OutputCount;
        T[] x = Data.Batch(inputs, outputs, rows, seed: 8).Inputs.Select(v => T.CreateTruncating(2 * v)).ToArray();
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
