using System;
using BenchmarkDotNet.Attributes;
using GenNet.Benchmarks.Data;
using GenNet.Benchmarks.Peers;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// One gradient-descent step on a mini-batch of real data (digits, Fashion-MNIST), consecutive batches through the
/// data set. Rows per second = Batch / time per step (the summary table computes it).
/// </summary>
[MemoryDiagnoser]
public class TrainingThroughputBenchmarks
{
    private const float LearningRate = 0.05f;

    private readonly Digits64x32x10 _digits = new();
    private readonly Fashion784x128x10 _fashion = new();
    private Dataset _digitsData = null!;
    private Dataset _fashionData = null!;
    private NaiveNetwork<float> _naiveDigits = null!;
    private NaiveNetwork<float> _naiveFashion = null!;
    private int _digitsBatch;
    private int _fashionBatch;

    [Params(32, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _digitsData = BenchmarkData.Digits();
        _fashionData = BenchmarkData.FashionMnist();
        _digits.InitializeWeights(1);
        _fashion.InitializeWeights(1);
        _naiveDigits = new NaiveNetwork<float>(new[] { 64, 32, 10 }, Digits64x32x10.Architecture.HasBias, _digits.Parameters);
        _naiveFashion = new NaiveNetwork<float>(new[] { 784, 128, 10 }, Fashion784x128x10.Architecture.HasBias, _fashion.Parameters);
    }

    [Benchmark]
    [BenchmarkCategory("train-digits")]
    public float GenNetDigits() => _digits.TrainStep(Features(_digitsData, ref _digitsBatch), Targets(_digitsData, _digitsBatch), LearningRate);

    [Benchmark]
    [BenchmarkCategory("train-digits")]
    public float NaiveDigits() => _naiveDigits.TrainStep(Features(_digitsData, ref _digitsBatch), Targets(_digitsData, _digitsBatch), LearningRate);

    [Benchmark]
    [BenchmarkCategory("train-fashion")]
    public float GenNetFashion() => _fashion.TrainStep(Features(_fashionData, ref _fashionBatch), Targets(_fashionData, _fashionBatch), LearningRate);

    [Benchmark]
    [BenchmarkCategory("train-fashion")]
    public float NaiveFashion() => _naiveFashion.TrainStep(Features(_fashionData, ref _fashionBatch), Targets(_fashionData, _fashionBatch), LearningRate);

    // The next batch's rows, in place in the data set (no copy): batch k starts at row k·Batch, wrapping.
    private ReadOnlySpan<float> Features(Dataset data, ref int batch)
    {
        batch = (batch + 1) % (data.Rows / Batch);
        return data.Features.AsSpan(batch * Batch * data.FeatureCount, Batch * data.FeatureCount);
    }

    private ReadOnlySpan<float> Targets(Dataset data, int batch) =>
        data.Targets.AsSpan(batch * Batch * data.ClassCount, Batch * data.ClassCount);
}
