using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using GenNet.Activations;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// Per-step latency of recurrent networks on RTNeural's recurrent protocol (<c>rtneural/gennet_recurrent_bench.cpp</c>,
/// run by <see cref="Peers.RTNeuralStepPeer.Recurrent"/>): float, one input sample per <c>Step</c>, 1,024 random samples in
/// [−1, 1), 1,000,000 direct <c>Step</c> calls through the concrete type per invocation, the state carried from call to
/// call; the table takes the minimum of 7 invocations. Weights from <c>InitializeWeights(2)</c>.
/// </summary>
[MemoryDiagnoser]
[IterationCount(Repetitions)]
[InvocationCount(1)]
public class RecurrentStepBenchmarks
{
    /// <summary>Step calls per invocation.</summary>
    public const int Calls = 1_000_000;

    /// <summary>Timed repetitions; the table reports the fastest.</summary>
    public const int Repetitions = 7;

    private const int Samples = 1024;

    /// <summary>The benchmark method of each model and the C++ program's id for it.</summary>
    public static IReadOnlyList<(string Method, string Id, string Model)> Models { get; } = new[]
    {
        (nameof(GruStep1x16x1), "gru-1-16-1", "GRU 1→16, dense 16→1"),
        (nameof(LstmStep1x16x1), "lstm-1-16-1", "LSTM 1→16, dense 16→1"),
        (nameof(LstmStep1x32x1), "lstm-1-32-1", "LSTM 1→32, dense 32→1"),
    };

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

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("recurrent")]
    public float GruStep1x16x1()
    {
        RecurrentGru16 net = _gru;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("recurrent")]
    public float LstmStep1x16x1()
    {
        RecurrentLstm16 net = _lstm;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("recurrent")]
    public float LstmStep1x32x1()
    {
        RecurrentLstm32 net = _lstm32;
        float[] samples = _samples;
        Span<float> output = stackalloc float[1];
        float sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            net.Step(new ReadOnlySpan<float>(samples, i & (Samples - 1), 1), output);
            sum += output[0];
        }

        return sum;
    }
}

[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class RecurrentGru16 { }

[Network(Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class RecurrentLstm16 { }

[Network(Inputs = 1, Recurrent = RecurrentCell.Lstm, RecurrentLayers = new[] { 32 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class RecurrentLstm32 { }
