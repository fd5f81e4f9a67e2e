using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GenNet;
using GenNet.Training;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening;

/// <summary>
/// The same seed and options give the same weights, bit for bit: from run to run, from one thread to eight at once,
/// on every arithmetic path and trainer. Across instruction sets (which is what changes from one machine to another)
/// the numpy-order path with <c>Sigmoid</c> or <c>PortableSigmoid</c> stays bit-identical and the fast path does not;
/// the child-process test measures that on this machine.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    public static TheoryData<string> Runs() => new(RunNames);

    private static readonly string[] RunNames =
    [
        "fast lanes, blog loop", "fast blocked, blog loop", "numpy order, blog loop", "dropout", "batch normalisation",
        "mini-batches, shuffled, Adam, validation, early stopping", "momentum, L2, clipping, schedule", "L-BFGS",
        "simulated annealing", "float, fast blocked",
    ];

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_same_seed_gives_the_same_weights_from_run_to_run(string run) =>
        Assert.Equal(Train(run), Train(run));

    [Fact]
    public void Eight_threads_training_at_once_give_the_weights_one_thread_gives()
    {
        // Nothing is shared between two networks' training (no static scratch, no shared random stream), and nothing in a
        // run depends on the thread count: the library itself runs every call on the caller's thread.
        Dictionary<string, byte[]> serial = RunNames.ToDictionary(run => run, Train);
        var parallel = new byte[RunNames.Length * 8][];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Train(RunNames[i % RunNames.Length]));

        for (int i = 0; i < parallel.Length; i++)
        {
            Assert.True(serial[RunNames[i % RunNames.Length]].AsSpan().SequenceEqual(parallel[i]), $"{RunNames[i % RunNames.Length]}, copy {i / RunNames.Length}");
        }
    }

    [Fact]
    public void The_numpy_order_path_gives_the_same_bits_under_every_instruction_set()
    {
        // The probe trains five networks from fixed seeds and prints a hash of each one's weights; it runs here as a
        // child process with the JIT limited to AVX2, to SSE (no FMA), and to no SIMD at all.
        Dictionary<string, string>[] configurations =
        [
            Probe(),
            Probe(),
            Probe(("DOTNET_EnableAVX512", "0")),
            Probe(("DOTNET_EnableAVX2", "0")),
            Probe(("DOTNET_EnableHWIntrinsic", "0")),
        ];
        Dictionary<string, string> reference = configurations[0];
        Assert.Equal(reference, configurations[1]); // run to run, in another process

        foreach (string network in new[] { "ExactSigmoid", "ExactPortable", "ExactPortableMomentum", "ExactPortableTanh", "ExactPortableLbfgs", "ExactPortableSoftmax", "ExactPortableAnnealing" })
        {
            Assert.All(configurations, configuration => Assert.Equal(reference[network], configuration[network]));
        }

        foreach (string network in new[] { "ExactSoftmax", "FastLanes", "FastBlocked" })
        {
            output.WriteLine($"{network}: {configurations.Skip(2).Count(c => c[network] != reference[network])} of 3 other instruction sets differ");
        }
    }

    [Fact]
    public void The_portable_configuration_gives_the_weights_recorded_when_this_test_was_written()
    {
        // The cross-machine promise, checked on whatever machine runs this: numpy order with PortableSigmoid and ReLU
        // trained with Adam, the same with Nesterov, L2, value and norm clipping and an exponential schedule and with
        // simulated annealing, PortableTanh with Adam and with L-BFGS, and a PortableSoftmax classifier with validation,
        // early stopping and a cosine schedule must give these SHA-256 hashes of the weights, recorded on an x64
        // machine with AVX-512 (glibc, .NET 10). Any other machine, instruction set or C library that gives different
        // bits breaks the promise the README makes. Only a deliberate change to the arithmetic may update them:
        // `dotnet run -c Release --project tests/GenNet.DeterminismProbe` prints them.
        Dictionary<string, string> probe = Probe();
        Assert.Equal("1390C6A8BDCD5961EF7A542D8F6BD2277F3234DC164F7F628112D1EA9622E566", probe["ExactPortable"]);
        Assert.Equal("BE1EFB9B4BA6765546C338DFDB0E197214B17BCC9A09B5A1D8BE1FF14E6A78FD", probe["ExactPortableMomentum"]);
        Assert.Equal("F3A2693383A5006C3DEF5D7DC7A6262922206D45B5867D276A137479B5D36A5B", probe["ExactPortableTanh"]);
        Assert.Equal("8D7061D3BF0AF4EB8FDAF7AEF989A13484F420B792DC7C925D0BAF98FD27A2A7", probe["ExactPortableLbfgs"]);
        Assert.Equal("D1E5FCC31F44E09ED5C2AAEDCDF96282AC8A15F72582BB282D01D738FCCC6F56", probe["ExactPortableSoftmax"]);
        Assert.Equal("106D7371808B5010AEF8769035183618A1E49B0864BDD08A760E6546C0878564", probe["ExactPortableAnnealing"]);
    }

    private Dictionary<string, string> Probe(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GenNet.DeterminismProbe.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the probe did not finish in two minutes");
        Assert.True(process.ExitCode == 0, errors);
        output.WriteLine($"{string.Join(" ", environment.Select(e => $"{e.Name}={e.Value}"))}\n{text}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    // One training run from fixed seeds; returns the weights' bytes.
    private static byte[] Train(string run)
    {
        return run switch
        {
            "fast lanes, blog loop" => Loop(new LanesDeep(), rows: 13),
            "fast blocked, blog loop" => Loop(new BlockedDeep(), rows: 21),
            "numpy order, blog loop" => Loop(new LanesDeepExact(), rows: 13),
            "dropout" => Loop(new DropoutNet(), rows: 9),
            "batch normalisation" => Loop(new BatchNormRegression(), rows: 12),
            "mini-batches, shuffled, Adam, validation, early stopping" => WithTrainer(
                new Net5x7x3(),
                new TrainingOptions<double> { Epochs = 30, BatchSize = 7, ShuffleSeed = 9, ValidationSplit = 0.2, Patience = 5, LearningRate = 0.01, ReportEvery = 0 },
                new Adam()),
            "momentum, L2, clipping, schedule" => WithTrainer(
                new BlockedDeep(),
                new TrainingOptions<double> { Iterations = 40, BatchSize = 10, L2 = 1e-3, ClipNorm = 1, Schedule = new CosineSchedule(20), LearningRate = 0.05, ReportEvery = 0 },
                new Momentum()),
            "L-BFGS" => Bytes(Fit(new Net5x7x3(), (n, x, y) => LbfgsTrainer.Train(n, x, y, new LbfgsOptions<double> { MaxIterations = 25 }))),
            "simulated annealing" => Bytes(Fit(new Net5x7x3(), (n, x, y) => AnnealingTrainer.Train(n, x, y, new AnnealingOptions<double> { Cycles = 5, MovesPerCycle = 20, Seed = 3 }))),
            _ => LoopSingle(new BlockedSoftmaxSingle(), rows: 17),
        };

        static byte[] Loop(ITrainableNetwork<double> network, int rows) => Bytes(Fit(network, (n, x, y) =>
        {
            for (int step = 0; step < 30; step++)
            {
                n.TrainStep(x, y, 0.05);
            }

            return default;
        }, rows));

        static byte[] WithTrainer<TOptimizer>(ITrainableNetwork<double> network, TrainingOptions<double> options, TOptimizer optimizer)
            where TOptimizer : struct, IOptimizer =>
            Bytes(Fit(network, (n, x, y) => Trainer.Train(n, x, y, options, optimizer)));

        static byte[] LoopSingle(ITrainableNetwork<float> network, int rows)
        {
            (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 12);
            float[] xs = x.Select(v => (float)v).ToArray();
            float[] ys = Enumerable.Range(0, rows * network.OutputCount).Select(i => i % network.OutputCount == (i / network.OutputCount) % network.OutputCount ? 1f : 0f).ToArray();
            network.InitializeWeights(13);
            for (int step = 0; step < 30; step++)
            {
                network.TrainStep(xs, ys, 0.05f);
            }

            return Bytes(network);
        }
    }

    private static ITrainableNetwork<double> Fit(ITrainableNetwork<double> network, Func<ITrainableNetwork<double>, double[], double[], TrainingResult<double>> train, int rows = 40)
    {
        (double[] x, double[] y) = TestData.Batch(network.InputCount, network.OutputCount, rows, seed: 11);
        network.InitializeWeights(10);
        train(network, x, TestData.TargetsFor(network, y));
        return network;
    }

    private static byte[] Bytes<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MemoryMarshal.AsBytes(network.Parameters).ToArray();
}
