using BenchmarkDotNet.Attributes;
using GenNet.CompilerServices;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// What the public TrainStep's refusal of non-finite steps costs: the plain update (<see cref="GradientDescent.Apply{T}"/>,
/// what Trainer's steps run) against the checked one (<see cref="GradientDescent.TryApply{T}"/>, what TrainStep runs),
/// on the blog's 21 weights and on 784-128-10's 101,770, in double. Compare the difference with a whole step in
/// <see cref="BlogWorkloadBenchmarks"/> and <see cref="ThroughputCeilingBenchmarks"/> of the same run.
/// </summary>
[MemoryDiagnoser]
public class UpdateCheckCostBenchmarks
{
    [Params(21, 101_770)]
    public int Weights { get; set; }

    private double[] _parameters = null!;
    private double[] _gradient = null!;
    private double[] _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandom(1);
        _parameters = new double[Weights];
        _gradient = new double[Weights];
        _scratch = new double[Weights];
        random.FillSymmetricUniform(_parameters);
        random.FillSymmetricUniform(_gradient);
    }

    // Tiny steps with alternating signs keep the weights where they started over millions of calls.
    [Benchmark(Baseline = true)]
    public void Apply()
    {
        _gradient.CopyTo(_scratch, 0);
        GradientDescent.Apply<double>(_parameters, _scratch, 1e-300);
    }

    [Benchmark]
    public bool TryApply()
    {
        _gradient.CopyTo(_scratch, 0);
        return GradientDescent.TryApply<double>(_parameters, _scratch, 1e-300);
    }
}
