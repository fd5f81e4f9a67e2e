using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using GenNet.Activations;
using GenNet;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// Per-step latency of streaming Conv1D networks on the protocol of <see cref="RecurrentStepBenchmarks"/>
/// (<c>rtneural/gennet_conv1d_bench.cpp</c>, run by <see cref="Peers.RTNeuralStepPeer.Convolution"/>): float, one input sample
/// per <c>Step</c>, 1,024 random samples in [−1, 1), 1,000,000 direct <c>Step</c> calls through the concrete type per
/// invocation, the state carried from call to call; the table takes the minimum of 7 invocations.
/// </summary>
[MemoryDiagnoser]
[IterationCount(Repetitions)]
[InvocationCount(1)]
public class ConvolutionStepBenchmarks
{
    /// <summary>Step calls per invocation.</summary>
    public const int Calls = 1_000_000;

    /// <summary>Timed repetitions; the table reports the fastest.</summary>
    public const int Repetitions = 7;

    private const int Samples = 1024;

    /// <summary>The benchmark method of each model and the C++ program's id for it.</summary>
    public static IReadOnlyList<(string Method, string Id, string Model)> Models { get; } = new[]
    {
        (nameof(Conv1DStep1x8x1), "conv1d-1-8-k3-d1-1", "Conv1D 1→8 (K 3, d 1), tanh, dense 8→1"),
        (nameof(Conv1DStep1x16x16x1), "conv1d-1-16-16-k3-d12-1", "Conv1D 1→16 (K 3, d 1), 16→16 (K 3, d 2), tanh, dense 16→1"),
    };

    private readonly float[] _samples = new float[Samples];
    private readonly StreamingConv8 _conv8 = new();
    private readonly StreamingConv16 _conv16 = new();

    [GlobalSetup]
    public void Setup()
    {
        new NumpyRandom(1).FillSymmetricUniform(_samples);
        _conv8.InitializeWeights(2);
        _conv16.InitializeWeights(2);
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("convolution")]
    public float Conv1DStep1x8x1()
    {
        StreamingConv8 net = _conv8;
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
    [BenchmarkCategory("convolution")]
    public float Conv1DStep1x16x16x1()
    {
        StreamingConv16 net = _conv16;
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

[Network(Inputs = 1, Convolution = new[] { 8 }, KernelSize = 3, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class StreamingConv8 { }

[Network(Inputs = 1, Convolution = new[] { 16, 16 }, KernelSize = 3, Dilations = new[] { 1, 2 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError, Precision = NetworkPrecision.Single)]
public partial class StreamingConv16 { }
