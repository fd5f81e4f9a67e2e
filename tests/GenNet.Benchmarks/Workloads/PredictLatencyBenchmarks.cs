using System;
using BenchmarkDotNet.Attributes;
using GenNet.Benchmarks.Peers;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>One row through a small float network: GenNet's Predict against the naive loop and ONNX Runtime.</summary>
[MemoryDiagnoser]
public class PredictLatencyBenchmarks
{
    private readonly BlogXorSingle _xor = new();
    private readonly Net16x64x4 _small = new();
    private readonly float[] _xorInput = new float[3];
    private readonly float[] _xorOutput = new float[1];
    private readonly float[] _smallInput = new float[16];
    private readonly float[] _smallOutput = new float[4];
    private NaiveNetwork<float> _naiveXor = null!;
    private NaiveNetwork<float> _naiveSmall = null!;
    private OnnxPeer _onnxXor = null!;
    private OnnxPeer _onnxSmall = null!;

    [GlobalSetup]
    public void Setup()
    {
        _xor.InitializeWeights(1);
        _small.InitializeWeights(2);
        var random = new NumpyRandom(3);
        random.FillSymmetricUniform(_xorInput);
        random.FillSymmetricUniform(_smallInput);
        _naiveXor = new NaiveNetwork<float>(new[] { 3, 4, 1 }, BlogXorSingle.Architecture.HasBias, _xor.Parameters);
        _naiveSmall = new NaiveNetwork<float>(new[] { 16, 64, 4 }, Net16x64x4.Architecture.HasBias, _small.Parameters);
        _onnxXor = new OnnxPeer(new[] { 3, 4, 1 }, BlogXorSingle.Architecture.HasBias, _xor.Parameters, _xorInput, _xorOutput);
        _onnxSmall = new OnnxPeer(new[] { 16, 64, 4 }, Net16x64x4.Architecture.HasBias, _small.Parameters, _smallInput, _smallOutput);
        CheckPeersAgree();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxXor.Dispose();
        _onnxSmall.Dispose();
    }

    [Benchmark]
    [BenchmarkCategory("predict-3-4-1")]
    public void GenNet3x4x1() => _xor.Predict(_xorInput, _xorOutput);

    [Benchmark]
    [BenchmarkCategory("predict-3-4-1")]
    public void Naive3x4x1() => _naiveXor.Predict(_xorInput, _xorOutput);

    [Benchmark]
    [BenchmarkCategory("predict-3-4-1")]
    public void OnnxRuntime3x4x1() => _onnxXor.Run();

    [Benchmark]
    [BenchmarkCategory("predict-16-64-4")]
    public void GenNet16x64x4() => _small.Predict(_smallInput, _smallOutput);

    [Benchmark]
    [BenchmarkCategory("predict-16-64-4")]
    public void Naive16x64x4() => _naiveSmall.Predict(_smallInput, _smallOutput);

    [Benchmark]
    [BenchmarkCategory("predict-16-64-4")]
    public void OnnxRuntime16x64x4() => _onnxSmall.Run();

    // The peers must compute the same function, or the comparison means nothing.
    private void CheckPeersAgree()
    {
        Span<float> expected = stackalloc float[4];
        _small.Predict(_smallInput, expected);
        _onnxSmall.Run();
        for (int k = 0; k < 4; k++)
        {
            if (MathF.Abs(expected[k] - _smallOutput[k]) > 1e-5f)
            {
                throw new InvalidOperationException($"ONNX Runtime disagrees with GenNet at output {k}: {_smallOutput[k]} vs {expected[k]}.");
            }
        }

        _naiveSmall.Predict(_smallInput, _smallOutput);
        for (int k = 0; k < 4; k++)
        {
            if (MathF.Abs(expected[k] - _smallOutput[k]) > 1e-5f)
            {
                throw new InvalidOperationException($"The naive network disagrees with GenNet at output {k}: {_smallOutput[k]} vs {expected[k]}.");
            }
        }
    }
}
