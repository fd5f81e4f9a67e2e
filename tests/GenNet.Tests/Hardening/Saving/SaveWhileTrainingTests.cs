using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using GenNet;
using GenNet.Activations;
using GenNet.CompilerServices;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>The network: large enough that copying its weights overlaps an update when nothing prevents it.</summary>
[Network(Inputs = 64, HiddenLayers = new[] { 256, 128 }, Outputs = 10, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax), Loss = LossFunction.CategoricalCrossEntropy)]
public partial class SaveWhileTrainingNet { }

/// <summary>
/// Every saver copies the weights under the training lock (<see cref="TrainingLock.Snapshot{TResult}(object, Func{TResult})"/>):
/// a save taken while another thread trains holds the weights after one whole step, never a mix of two.
/// </summary>
public sealed class SaveWhileTrainingTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (double[] X, double[] Y) Batch(int rows, int seed)
    {
        (double[] x, double[] y) = TestData.Batch(SaveWhileTrainingNet.InputCount, SaveWhileTrainingNet.OutputCount, rows, seed);
        return (x, TestData.TargetsFor(new SaveWhileTrainingNet(), y));
    }

    private static string Hash(ReadOnlySpan<double> weights) => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(weights)));

    [Fact]
    public void Saves_taken_while_another_thread_trains_each_hold_one_whole_steps_weights()
    {
        (double[] x, double[] y) = Batch(rows: 8, seed: 5);
        const int Steps = 250;

        // The weights after every step, from a run alone (training is deterministic: the shared run takes the same steps).
        var alone = new SaveWhileTrainingNet();
        alone.InitializeWeights(4);
        var states = new HashSet<string> { Hash(alone.Parameters) };
        for (int step = 0; step < Steps; step++)
        {
            alone.TrainStep(x, y, 0.01);
            states.Add(Hash(alone.Parameters));
        }

        var shared = new SaveWhileTrainingNet();
        shared.InitializeWeights(4);
        var saves = new List<byte[]>();
        Exception? trainingError = null;
        var trainer = new Thread(() =>
        {
            try
            {
                for (int step = 0; step < Steps; step++)
                {
                    shared.TrainStep(x, y, 0.01); // never refused because a save holds the lock: it waits for the copy
                }
            }
            catch (Exception error)
            {
                trainingError = error;
            }
        });
        trainer.Start();
        while (trainer.IsAlive)
        {
            var stream = new MemoryStream();
            WeightFile.Save(shared, stream);
            saves.Add(stream.ToArray());
        }

        trainer.Join();
        Assert.Null(trainingError);
        Assert.Equal(Hash(alone.Parameters), Hash(shared.Parameters));

        var decoded = new SaveWhileTrainingNet();
        var matched = new HashSet<string>();
        int torn = 0;
        foreach (byte[] save in saves)
        {
            WeightFile.Load(decoded, new MemoryStream(save));
            string hash = Hash(decoded.Parameters);
            if (states.Contains(hash))
            {
                matched.Add(hash);
            }
            else
            {
                torn++;
            }
        }

        Assert.True(torn == 0, $"{torn} of {saves.Count} saves held weights from no whole step");
        Assert.True(matched.Count >= 5, $"only {matched.Count} distinct steps were saved during training ({saves.Count} saves)");
    }

    public static TheoryData<string> Savers => ["WeightFile.Save", "WeightFile.Save(Stream)", "NumpyWeights.Save"];

    // Deterministic: a thread holds the lock (as a step does) while it changes the weights in two halves. A save that
    // starts in between must wait and hold both halves; without the lock it would return at once with one.
    [Theory]
    [MemberData(nameof(Savers))]
    public void A_save_waits_for_the_step_that_holds_the_lock_and_holds_all_of_it(string saver)
    {
        var network = new SaveWhileTrainingNet();
        network.InitializeWeights(1);
        int half = network.Parameters.Length / 2;
        Func<double[]> save = saver switch
        {
            "WeightFile.Save" => () =>
            {
                WeightFile.Save(network, _folder.File("w.gnw"));
                var copy = new SaveWhileTrainingNet();
                WeightFile.Load(copy, _folder.File("w.gnw"));
                return copy.Parameters.ToArray();
            },
            "WeightFile.Save(Stream)" => () =>
            {
                var stream = new MemoryStream();
                WeightFile.Save(network, stream);
                var copy = new SaveWhileTrainingNet();
                WeightFile.Load(copy, new MemoryStream(stream.ToArray()));
                return copy.Parameters.ToArray();
            },
            _ => () =>
            {
                NumpyWeights.Save(network, _folder.Path);
                var copy = new SaveWhileTrainingNet();
                NumpyWeights.Load(copy, _folder.Path);
                return copy.Parameters.ToArray();
            },
        };

        double[]? saved = null;
        Exception? saveError = null;
        var saving = new Thread(() =>
        {
            try
            {
                saved = save();
            }
            catch (Exception error)
            {
                saveError = error;
            }
        });
        Monitor.Enter(network);
        try
        {
            network.Parameters[..half].Fill(0.25);
            saving.Start();
            Assert.False(saving.Join(300), "the save finished while a step held the lock");
            network.Parameters[half..].Fill(0.5);
        }
        finally
        {
            Monitor.Exit(network);
        }

        saving.Join();
        Assert.Null(saveError);
        Assert.NotNull(saved);
        Assert.All(saved[..half], value => Assert.Equal(0.25, value));
        Assert.All(saved[half..], value => Assert.Equal(0.5, value));
    }

    [Fact]
    public void A_step_that_starts_while_a_snapshot_holds_the_lock_waits_for_it_instead_of_being_refused()
    {
        var network = new SaveWhileTrainingNet();
        network.InitializeWeights(1);
        (double[] x, double[] y) = Batch(rows: 4, seed: 1);
        using var holding = new ManualResetEventSlim();
        string? snapshot = null;
        var reader = new Thread(() => snapshot = TrainingLock.Snapshot(network, () =>
        {
            holding.Set();
            Thread.Sleep(300);
            return Hash(network.Parameters);
        }));
        string before = Hash(network.Parameters);
        reader.Start();
        holding.Wait();
        network.TrainStep(x, y, 0.01); // waits for the snapshot instead of throwing
        Assert.False(reader.IsAlive);
        reader.Join();
        Assert.Equal(before, snapshot);
        Assert.NotEqual(before, Hash(network.Parameters));
    }

    [Fact]
    public void A_second_trainer_is_still_refused_while_a_step_holds_the_lock()
    {
        var network = new SaveWhileTrainingNet();
        (double[] x, double[] y) = Batch(rows: 4, seed: 1);
        Monitor.Enter(network);
        try
        {
            Exception? refused = null;
            var second = new Thread(() => refused = Record.Exception(() => network.TrainStep(x, y, 0.01)));
            second.Start();
            second.Join();
            Assert.IsType<InvalidOperationException>(refused);
        }
        finally
        {
            Monitor.Exit(network);
        }
    }
}
