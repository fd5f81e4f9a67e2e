using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using GenNet.DeterminismProbe;
using GenNet;
using GenNet.Training;

// One line per network: its name and the SHA-256 of its weights after a seeded training run. The same build must print
// the same lines on every run; the NumpyCompatible ones also whatever instruction set the JIT may use.
Console.WriteLine($"# Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector<double> {Vector<double>.Count}");
Print("ExactSigmoid", Probe.Blog(new ExactSigmoid(), steps: 2_000));
Print("ExactPortable", Probe.Adam(new ExactPortable(), rows: 96));
Print("ExactPortableMomentum", Probe.Momentum(new ExactPortable(), rows: 96));
Print("ExactPortableTanh", Probe.Adam(new ExactPortableTanh(), rows: 64));
Print("ExactPortableLbfgs", Probe.Lbfgs(new ExactPortableTanh(), rows: 64));
Print("ExactPortableSoftmax", Probe.Classifier(new ExactPortableSoftmax(), rows: 120));
Print("ExactPortableAnnealing", Probe.Annealing(new ExactPortable(), rows: 48));
Print("ExactSoftmax", Probe.Steps(new ExactSoftmax(), rows: 32, steps: 300, oneHot: true));
Print("FastLanes", Probe.Blog(new FastLanes(), steps: 2_000));
Print("FastBlocked", Probe.Steps(new FastBlocked(), rows: 64, steps: 50, oneHot: false));

static void Print(string name, ReadOnlySpan<double> weights) =>
    Console.WriteLine($"{name} {Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(weights)))}");

/// <summary>The training runs, all from fixed seeds.</summary>
public static class Probe
{
    private static readonly double[] XorInputs = [0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1];
    private static readonly double[] XorTargets = [0, 1, 1, 0];

    public static double[] Blog(ITrainableNetwork<double> network, int steps)
    {
        network.InitializeWeights(1);
        for (int j = 0; j < steps; j++)
        {
            network.TrainStep(XorInputs, XorTargets, 10.0);
        }

        return network.Parameters.ToArray();
    }

    public static double[] Adam(ITrainableNetwork<double> network, int rows)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot: false);
        network.InitializeWeights(3);
        var options = new TrainingOptions<double> { Epochs = 20, BatchSize = 16, ShuffleSeed = 5, LearningRate = 0.01, ReportEvery = 0 };
        Trainer.Train(network, x, y, options, new Adam());
        return network.Parameters.ToArray();
    }

    public static double[] Momentum(ITrainableNetwork<double> network, int rows)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot: false);
        network.InitializeWeights(6);
        var options = new TrainingOptions<double>
        {
            Epochs = 20, BatchSize = 12, ShuffleSeed = 7, LearningRate = 0.05, L2 = 1e-3, ClipValue = 0.5, ClipNorm = 0.02,
            Schedule = new ExponentialSchedule(0.99), ReportEvery = 0,
        };
        Trainer.Train(network, x, y, options, new Nesterov());
        return network.Parameters.ToArray();
    }

    public static double[] Lbfgs(ITrainableNetwork<double> network, int rows)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot: false);
        network.InitializeWeights(8);
        GenNet.Training.LbfgsTrainer.Train(network, x, y, new LbfgsOptions<double> { MaxIterations = 40, L2 = 1e-4 });
        return network.Parameters.ToArray();
    }

    public static double[] Classifier(ITrainableNetwork<double> network, int rows)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot: true);
        network.InitializeWeights(9);
        var options = new TrainingOptions<double>
        {
            // The last rows, as when the hash in DeterminismTests was recorded (the default is now a seeded, stratified subset).
            Epochs = 40, BatchSize = 10, ShuffleSeed = 3, LearningRate = 0.02, ValidationSplit = 0.25, ValidationSplitMode = ValidationSplitMode.Last, Patience = 4,
            Schedule = new CosineSchedule(15, minFactor: 0.1, restarts: true), ReportEvery = 0,
        };
        Trainer.Train(network, x, y, options, new Adam());
        return network.Parameters.ToArray();
    }

    public static double[] Annealing(ITrainableNetwork<double> network, int rows)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot: false);
        network.InitializeWeights(10);
        AnnealingTrainer.Train(network, x, y, new AnnealingOptions<double> { Cycles = 8, MovesPerCycle = 30, Seed = 4 });
        return network.Parameters.ToArray();
    }

    public static double[] Steps(ITrainableNetwork<double> network, int rows, int steps, bool oneHot)
    {
        (double[] x, double[] y) = Data(network, rows, oneHot);
        network.InitializeWeights(4);
        for (int j = 0; j < steps; j++)
        {
            network.TrainStep(x, y, 0.01);
        }

        return network.Parameters.ToArray();
    }

    // Inputs uniform in [−1, 1), targets in [0, 1) or one-hot, from MT19937.
    private static (double[] X, double[] Y) Data(INetwork<double> network, int rows, bool oneHot)
    {
        var random = new NumpyRandom(2);
        var x = new double[rows * network.InputCount];
        random.FillSymmetricUniform(x);
        var y = new double[rows * network.OutputCount];
        for (int row = 0; row < rows; row++)
        {
            if (oneHot)
            {
                y[(row * network.OutputCount) + (int)random.NextInterval((uint)network.OutputCount - 1)] = 1;
            }
            else
            {
                for (int k = 0; k < network.OutputCount; k++)
                {
                    y[(row * network.OutputCount) + k] = random.NextDouble();
                }
            }
        }

        return (x, y);
    }
}
