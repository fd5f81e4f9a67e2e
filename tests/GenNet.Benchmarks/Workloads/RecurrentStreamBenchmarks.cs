using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// Many-stream throughput of the recurrent Step models (<see cref="RecurrentStepBenchmarks"/>: GRU 1→16, LSTM 1→16,
/// LSTM 1→32, each + dense → 1, float): <c>CreateStreams(N).Step</c> advances N streams by one sample each. Every
/// invocation does <see cref="StreamSteps"/> stream-steps (StreamSteps / N calls), so the reported time is per
/// stream-step, directly comparable with one single-stream <c>Step</c> (<see cref="RecurrentStreamBaselineBenchmarks"/>,
/// same run). Samples uniform in [−1, 1), weights from <c>InitializeWeights(2)</c>, state carried from call to call.
/// Short iterations and many of them (the table takes the fastest): on a shared machine, some run undisturbed.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(5)]
[IterationCount(RecurrentStreamBaselineBenchmarks.Iterations)]
public class RecurrentStreamBenchmarks
{
    /// <summary>Stream-steps per invocation (a multiple of every N): 262,144, about 20 ms, so that the methods reach
    /// tier-1 code during the warm-up (at 16,384 a run could time tier-0 code: the single Step read 72 to 546 ns).</summary>
    public const int StreamSteps = 1 << 18;

    /// <summary>The streamed method and the single-stream method of each model.</summary>
    public static IReadOnlyList<(string Streams, string Single, string Model)> Models { get; } = new[]
    {
        (nameof(GruStreams1x16x1), nameof(RecurrentStreamBaselineBenchmarks.GruSingle1x16x1), "GRU 1→16, dense 16→1"),
        (nameof(LstmStreams1x16x1), nameof(RecurrentStreamBaselineBenchmarks.LstmSingle1x16x1), "LSTM 1→16, dense 16→1"),
        (nameof(LstmStreams1x32x1), nameof(RecurrentStreamBaselineBenchmarks.LstmSingle1x32x1), "LSTM 1→32, dense 32→1"),
    };

    /// <summary>The stream counts measured.</summary>
    public static IReadOnlyList<int> Counts { get; } = new[] { 1, 8, 16, 64, 256 };

    private readonly float[] _samples = new float[RecurrentStreamBaselineBenchmarks.Samples + 256];
    private float[] _outputs = Array.Empty<float>();
    private RecurrentGru16.Streams _gru = null!;
    private RecurrentLstm16.Streams _lstm = null!;
    private RecurrentLstm32.Streams _lstm32 = null!;

    /// <summary>Streams stepped together.</summary>
    [ParamsSource(nameof(Counts))]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        new NumpyRandom(1).FillSymmetricUniform(_samples);
        var gru = new RecurrentGru16();
        var lstm = new RecurrentLstm16();
        var lstm32 = new RecurrentLstm32();
        gru.InitializeWeights(2);
        lstm.InitializeWeights(2);
        lstm32.InitializeWeights(2);
        _gru = gru.CreateStreams(N);
        _lstm = lstm.CreateStreams(N);
        _lstm32 = lstm32.CreateStreams(N);
        _outputs = new float[N];
    }

    [Benchmark(OperationsPerInvoke = StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float GruStreams1x16x1() => Run(_gru);

    [Benchmark(OperationsPerInvoke = StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float LstmStreams1x16x1() => Run(_lstm);

    [Benchmark(OperationsPerInvoke = StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float LstmStreams1x32x1() => Run(_lstm32);

    // Through the interface: one call per N stream-steps, so the dispatch is not what is measured.
    private float Run(ISequenceStreams<float> streams)
    {
        int n = N, calls = StreamSteps / n;
        float[] samples = _samples, outputs = _outputs;
        float sum = 0;
        for (int i = 0; i < calls; i++)
        {
            streams.Step(new ReadOnlySpan<float>(samples, i & (RecurrentStreamBaselineBenchmarks.Samples - 1), n), outputs);
            sum += outputs[0];
        }

        return sum;
    }
}

/// <summary>The single-stream rate of <see cref="RecurrentStreamBenchmarks"/>' models: one <c>Step</c> per stream-step,
/// through the concrete type, <see cref="RecurrentStreamBenchmarks.StreamSteps"/> per invocation.</summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(5)]
[IterationCount(Iterations)]
public class RecurrentStreamBaselineBenchmarks
{
    /// <summary>Timed iterations of each benchmark.</summary>
    public const int Iterations = 15;

    /// <summary>Distinct input samples, cycled.</summary>
    public const int Samples = 1024;

    private readonly float[] _samples = new float[Samples];
    private readonly RecurrentGru16 _gru = new();
    private readonly RecurrentLstm16 _lstm = new();
    private readonly RecurrentLstm32 _lstm32 = new();

    [GlobalSetup]
    public void Setup()
    {
        new NumpyRandom(1).FillSymmetricUniform(_samples);
        _gru.InitializeWeights(2);
        _lstm.InitializeWeights(2);
        _lstm32.InitializeWeights(2);
    }

    [Benchmark(OperationsPerInvoke = RecurrentStreamBenchmarks.StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float GruSingle1x16x1()
    {
        RecurrentGru16 net = _gru;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < RecurrentStreamBenchmarks.StreamSteps; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = RecurrentStreamBenchmarks.StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float LstmSingle1x16x1()
    {
        RecurrentLstm16 net = _lstm;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < RecurrentStreamBenchmarks.StreamSteps; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = RecurrentStreamBenchmarks.StreamSteps)]
    [BenchmarkCategory("recurrent-streams")]
    public float LstmSingle1x32x1()
    {
        RecurrentLstm32 net = _lstm32;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < RecurrentStreamBenchmarks.StreamSteps; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }
}
