using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using GenNet.CompilerServices;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// What machine-independent results cost: the numpy-order path with the platform's activations against the portable
/// ones (one training step each), and a fixed-order dot product against TensorPrimitives' width-dependent one.
/// </summary>
[MemoryDiagnoser]
public class PortabilityCostBenchmarks
{
    private const int ClassifierRows = 32;
    private const int DotLength = 100_000;

    private static readonly double[] XorInputs = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1 };
    private static readonly double[] XorTargets = { 0, 1, 1, 0 };

    private readonly BlogXorExact _xorExact = new();
    private readonly BlogXorPortable _xorPortable = new();
    private readonly ClassifierExact _classifierExact = new();
    private readonly ClassifierPortable _classifierPortable = new();
    private double[] _x = null!;
    private double[] _y = null!;
    private double[] _a = null!;
    private double[] _b = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandom(1);
        _x = new double[ClassifierRows * 64];
        random.FillSymmetricUniform(_x);
        _y = new double[ClassifierRows * 10];
        for (int row = 0; row < ClassifierRows; row++)
        {
            _y[(row * 10) + (row % 10)] = 1;
        }

        _a = new double[DotLength];
        _b = new double[DotLength];
        random.FillSymmetricUniform(_a);
        random.FillSymmetricUniform(_b);
        _xorExact.InitializeWeights(1);
        _xorPortable.InitializeWeights(1);
        _classifierExact.InitializeWeights(1);
        _classifierPortable.InitializeWeights(1);
    }

    [Benchmark]
    [BenchmarkCategory("portable-xor")]
    public double XorStepSigmoid() => _xorExact.TrainStep(XorInputs, XorTargets, 1.0);

    [Benchmark]
    [BenchmarkCategory("portable-xor")]
    public double XorStepPortableSigmoid() => _xorPortable.TrainStep(XorInputs, XorTargets, 1.0);

    [Benchmark]
    [BenchmarkCategory("portable-classifier")]
    public double ClassifierStepTanhSoftmax() => _classifierExact.TrainStep(_x, _y, 0.01);

    [Benchmark]
    [BenchmarkCategory("portable-classifier")]
    public double ClassifierStepPortableTanhSoftmax() => _classifierPortable.TrainStep(_x, _y, 0.01);

    [Benchmark]
    [BenchmarkCategory("portable-dot")]
    public double DotTensorPrimitives() => TensorPrimitives.Dot<double>(_a, _b);

    [Benchmark]
    [BenchmarkCategory("portable-dot")]
    public double DotOrderedSums() => OrderedSums.Dot<double>(_a, _b);
}
