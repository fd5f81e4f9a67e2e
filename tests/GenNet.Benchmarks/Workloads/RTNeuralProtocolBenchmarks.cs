using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// Single-row Predict latency on RTNeural's protocol (<c>/work/shared/peers/rtneural/README.md</c>), so GenNet's
/// figures stand beside the C++ peer's (<c>rtneural/gennet_dense_bench.cpp</c>, run by <see cref="Peers.RTNeuralPeer"/>):
/// 1,024 random rows in [−1, 1), each padded to a multiple of 8 floats and 32-byte aligned; one invocation is 2,000,000
/// direct <c>Predict</c> calls through the concrete type, cycling through the rows; the table takes the minimum of 7
/// invocations (one invocation per iteration, 7 iterations). <c>OperationsPerInvoke</c> makes the reported time ns per
/// Predict. The networks are float, bias on, the default (Fast) arithmetic, with the C++ models' shapes and activations.
/// </summary>
[MemoryDiagnoser]
[IterationCount(RTNeuralProtocolBenchmarks.Repetitions)]
[InvocationCount(1)]
public unsafe class RTNeuralProtocolBenchmarks
{
    /// <summary>Rows the calls cycle through (a power of two: the row is <c>i &amp; (Rows − 1)</c>).</summary>
    public const int Rows = 1024;

    /// <summary>Predict calls per invocation (per timed repetition).</summary>
    public const int Calls = 2_000_000;

    /// <summary>Timed repetitions; the table reports the fastest.</summary>
    public const int Repetitions = 7;

    /// <summary>The seed of every network's <c>InitializeWeights</c> (uniform in [−1, 1)); the C++ peer reads the same weights.</summary>
    public const int WeightSeed = 2;

    /// <summary>The protocol's networks: the benchmark method that times each, and a factory for an initialised instance.</summary>
    public static IReadOnlyList<(string Method, Func<INetwork<float>> Create)> Networks { get; } = new (string, Func<INetwork<float>>)[]
    {
        (nameof(GenNetProtocol3x4x1), () => Create<Protocol3x4x1>()),
        (nameof(GenNetProtocol16x64x4), () => Create<Protocol16x64x4>()),
        (nameof(GenNetProtocol8x8), () => Create<Protocol8x8>()),
        (nameof(GenNetProtocol16x16), () => Create<Protocol16x16>()),
        (nameof(GenNetProtocol5x13x3), () => Create<Protocol5x13x3>()),
        (nameof(GenNetProtocol7x33x5), () => Create<Protocol7x33x5>()),
        (nameof(GenNetProtocol16x32x32x32x4), () => Create<Protocol16x32x32x32x4>()),
    };

    private Protocol3x4x1 _net3x4x1 = null!;
    private Protocol16x64x4 _net16x64x4 = null!;
    private Protocol8x8 _net8x8 = null!;
    private Protocol16x16 _net16x16 = null!;
    private Protocol5x13x3 _net5x13x3 = null!;
    private Protocol7x33x5 _net7x33x5 = null!;
    private Protocol16x32x32x32x4 _net16x32x32x32x4 = null!;
    private readonly List<IntPtr> _allocations = new();
    private float* _rows3;
    private float* _rows5;
    private float* _rows7;
    private float* _rows8;
    private float* _rows16;

    /// <summary>The padded row length for <paramref name="inputs"/> inputs: a multiple of 8 floats (32 bytes).</summary>
    public static int Stride(int inputs) => (inputs + 7) / 8 * 8;

    [GlobalSetup]
    public void Setup()
    {
        _net3x4x1 = Create<Protocol3x4x1>();
        _net16x64x4 = Create<Protocol16x64x4>();
        _net8x8 = Create<Protocol8x8>();
        _net16x16 = Create<Protocol16x16>();
        _net5x13x3 = Create<Protocol5x13x3>();
        _net7x33x5 = Create<Protocol7x33x5>();
        _net16x32x32x32x4 = Create<Protocol16x32x32x32x4>();
        _rows3 = AllocateRows(3);
        _rows5 = AllocateRows(5);
        _rows7 = AllocateRows(7);
        _rows8 = AllocateRows(8);
        _rows16 = AllocateRows(16);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (IntPtr allocation in _allocations)
        {
            NativeMemory.AlignedFree((void*)allocation);
        }

        _allocations.Clear();
    }

    // One method per network, each calling Predict on its concrete type (no interface, no delegate), like the C++
    // loop's direct forward(). The sum of first outputs is returned so no call can be dropped; the C++ loop keeps the
    // same sum.

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol3x4x1()
    {
        const int In = Protocol3x4x1.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol3x4x1 net = _net3x4x1;
        float* rows = _rows3;
        Span<float> output = stackalloc float[Protocol3x4x1.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol16x64x4()
    {
        const int In = Protocol16x64x4.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol16x64x4 net = _net16x64x4;
        float* rows = _rows16;
        Span<float> output = stackalloc float[Protocol16x64x4.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol8x8()
    {
        const int In = Protocol8x8.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol8x8 net = _net8x8;
        float* rows = _rows8;
        Span<float> output = stackalloc float[Protocol8x8.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol16x16()
    {
        const int In = Protocol16x16.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol16x16 net = _net16x16;
        float* rows = _rows16;
        Span<float> output = stackalloc float[Protocol16x16.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol5x13x3()
    {
        const int In = Protocol5x13x3.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol5x13x3 net = _net5x13x3;
        float* rows = _rows5;
        Span<float> output = stackalloc float[Protocol5x13x3.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol7x33x5()
    {
        const int In = Protocol7x33x5.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol7x33x5 net = _net7x33x5;
        float* rows = _rows7;
        Span<float> output = stackalloc float[Protocol7x33x5.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("rtneural-protocol")]
    public float GenNetProtocol16x32x32x32x4()
    {
        const int In = Protocol16x32x32x32x4.InputCount, Stride = (In + 7) / 8 * 8;
        Protocol16x32x32x32x4 net = _net16x32x32x32x4;
        float* rows = _rows16;
        Span<float> output = stackalloc float[Protocol16x32x32x32x4.OutputCount];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Predict(new ReadOnlySpan<float>(rows + ((i & (Rows - 1)) * Stride), In), output);
            sum += output[0];
        }

        return sum;
    }

    private static TNet Create<TNet>()
        where TNet : INetwork<float>, new()
    {
        var net = new TNet();
        net.InitializeWeights(WeightSeed);
        return net;
    }

    // Rows × Stride floats, 64-byte aligned (so every padded row starts 32-byte aligned), the inputs uniform in
    // [−1, 1) and the padding zero.
    private float* AllocateRows(int inputs)
    {
        int stride = Stride(inputs);
        float* rows = (float*)NativeMemory.AlignedAlloc((nuint)(sizeof(float) * stride * Rows), 64);
        _allocations.Add((IntPtr)rows);
        var random = new NumpyRandom(1);
        Span<float> row = stackalloc float[inputs];
        for (int r = 0; r < Rows; r++)
        {
            random.FillSymmetricUniform(row);
            Span<float> destination = new(rows + (r * stride), stride);
            destination.Clear();
            row.CopyTo(destination);
        }

        return rows;
    }
}
