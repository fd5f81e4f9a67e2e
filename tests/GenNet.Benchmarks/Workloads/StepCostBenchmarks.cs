using BenchmarkDotNet.Attributes;
using GenNet.CompilerServices;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// Where one step of the blog's workload (XOR 3-4-1, 4 rows, double) goes: the whole public TrainStep against its
/// parts (the argument checks with the NaN scan, the training lock, the gradient, the update), each measured alone in
/// the same run.
/// </summary>
[MemoryDiagnoser]
public class StepCostBenchmarks
{
    private static readonly double[] Inputs = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
    private static readonly double[] Targets = { 0, 1, 1, 0 };

    private readonly BlogXorDouble _network = new();
    private readonly double[] _gradient = new double[BlogXorDouble.ParameterCount];
    private readonly double[] _parameters = new double[BlogXorDouble.ParameterCount];

    [GlobalSetup]
    public void Setup() => _network.InitializeWeights(1);

    [Benchmark(Baseline = true)]
    public double TrainStep() => _network.TrainStep(Inputs, Targets, 1e-9);

    [Benchmark]
    public double ComputeGradient() => _network.ComputeGradient(Inputs, Targets, _gradient);

    [Benchmark]
    public int Checks()
    {
        int rows = Guard.TrainingRows<double>(Inputs, BlogXorDouble.InputCount, Targets, BlogXorDouble.OutputCount);
        Guard.LearningRate(1.0);
        return rows;
    }

    [Benchmark]
    public void Lock()
    {
        TrainingLock.Enter(_network);
        TrainingLock.Exit(_network);
    }

    [Benchmark]
    public void Update() => GradientDescent.Apply<double>(_parameters, _gradient, 1e-300);
}
