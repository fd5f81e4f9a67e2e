using BenchmarkDotNet.Attributes;
using GenNet.Benchmarks.Peers;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// The blog's workload: the 3-4-1 XOR network on its 4 rows, 60,000 full-batch steps from <c>np.random.seed(1)</c>
/// weights, alpha 1. Reported per iteration (one forward, backward and update of the whole batch).
/// </summary>
[MemoryDiagnoser]
public class BlogWorkloadBenchmarks
{
    public const int Iterations = 60_000;

    private static readonly double[] InputsDouble = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
    private static readonly double[] TargetsDouble = { 0, 1, 1, 0 };
    private static readonly float[] InputsSingle = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
    private static readonly float[] TargetsSingle = { 0, 1, 1, 0 };

    private readonly BlogXorDouble _double = new();
    private readonly BlogXorSingle _single = new();
    private NaiveNetwork<double> _naiveDouble = null!;
    private NaiveNetwork<float> _naiveSingle = null!;
    private double[] _seedWeightsDouble = null!;
    private float[] _seedWeightsSingle = null!;

    [GlobalSetup]
    public void Setup()
    {
        _double.InitializeWeights(1);
        _single.InitializeWeights(1);
        _seedWeightsDouble = _double.Parameters.ToArray();
        _seedWeightsSingle = _single.Parameters.ToArray();
        _naiveDouble = new NaiveNetwork<double>(new[] { 3, 4, 1 }, bias: false, _seedWeightsDouble);
        _naiveSingle = new NaiveNetwork<float>(new[] { 3, 4, 1 }, bias: false, _seedWeightsSingle);
    }

    [Benchmark(OperationsPerInvoke = Iterations)]
    [BenchmarkCategory("blog")]
    public double GenNetDouble()
    {
        _double.InitializeWeights(1);
        double error = 0;
        for (int j = 0; j < Iterations; j++)
        {
            error = _double.TrainStep(InputsDouble, TargetsDouble, 1.0);
        }

        return error;
    }

    [Benchmark(OperationsPerInvoke = Iterations)]
    [BenchmarkCategory("blog")]
    public float GenNetSingle()
    {
        _single.InitializeWeights(1);
        float error = 0;
        for (int j = 0; j < Iterations; j++)
        {
            error = _single.TrainStep(InputsSingle, TargetsSingle, 1f);
        }

        return error;
    }

    [Benchmark(OperationsPerInvoke = Iterations)]
    [BenchmarkCategory("blog")]
    public double NaiveDouble()
    {
        _naiveDouble.SetParameters(_seedWeightsDouble);
        double error = 0;
        for (int j = 0; j < Iterations; j++)
        {
            error = _naiveDouble.TrainStep(InputsDouble, TargetsDouble, 1.0);
        }

        return error;
    }

    [Benchmark(OperationsPerInvoke = Iterations)]
    [BenchmarkCategory("blog")]
    public float NaiveSingle()
    {
        _naiveSingle.SetParameters(_seedWeightsSingle);
        float error = 0;
        for (int j = 0; j < Iterations; j++)
        {
            error = _naiveSingle.TrainStep(InputsSingle, TargetsSingle, 1f);
        }

        return error;
    }
}
