using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using GenNet.Benchmarks.Data;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// The machine's single-thread peak: independent chains of fused multiply-adds with nothing else in the loop, at 256
/// and 512 bits, against the 784-128-10 network's forward pass and training step at batch 256.
/// </summary>
[MemoryDiagnoser]
public class ThroughputCeilingBenchmarks
{
    /// <summary>FMA instructions per invocation of a peak kernel: 12 chains × <see cref="Steps"/>.</summary>
    public const int Steps = 100_000;
    public const int Chains = 12;
    public const int FashionBatch = 256;

    private readonly Fashion784x128x10 _fashion = new();
    private float[] _inputs = null!;
    private float[] _targets = null!;
    private readonly float[] _outputs = new float[FashionBatch * 10];

    /// <summary>Multiply-adds of one forward pass at batch 256 (×2 for FLOPs).</summary>
    public static long ForwardMultiplyAdds => (long)FashionBatch * ((784 * 128) + (128 * 10));

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = BenchmarkData.FashionMnist();
        _inputs = data.Features.AsSpan(0, FashionBatch * 784).ToArray();
        _targets = data.Targets.AsSpan(0, FashionBatch * 10).ToArray();
        _fashion.InitializeWeights(1);
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    [BenchmarkCategory("peak")]
    public Vector256<float> PeakFma256() => Peak256(Vector256.Create(0.999f), Vector256.Create(1e-3f));

    [Benchmark(OperationsPerInvoke = Steps)]
    [BenchmarkCategory("peak")]
    public Vector512<float> PeakFma512() => Peak512(Vector512.Create(0.999f), Vector512.Create(1e-3f));

    [Benchmark]
    [BenchmarkCategory("fashion-256")]
    public void Forward784x128x10() => _fashion.PredictBatch(_inputs, _outputs);

    [Benchmark]
    [BenchmarkCategory("fashion-256")]
    public float TrainStep784x128x10() => _fashion.TrainStep(_inputs, _targets, 0.01f);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> Peak256(Vector256<float> m, Vector256<float> a)
    {
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < Steps; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }

        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> Peak512(Vector512<float> m, Vector512<float> a)
    {
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < Steps; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }

        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }
}
