using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNet.CompilerServices;
using GenNet.Data;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// LeNet-5 in float (<see cref="LeNet5"/>): <c>Predict</c> of one image, and <c>ComputeGradient</c> of a batch of 64 on one
/// thread and on two (images per second = 1 / the time per operation, which is per image). Beside them, the two Conv2D layers' kernels alone for the same
/// 64 images (forward, weight gradient, and the second layer's input gradient: what backpropagation must at least cost),
/// so the network's overhead over its convolutions shows. Then the batch-normalised LeNet-5's gradient of the same batch on
/// one thread and on two (its per-row work in chunks of rows spread by the network itself, the same bits).
/// </summary>
[MemoryDiagnoser]
public class ImageNetworkBenchmarks
{
    public const int Batch = 64;

    private static readonly Convolution2DShape Conv0 = Convolution2DShape.Create(1, 28, 28, 6, 5, 5);
    private static readonly Convolution2DShape Conv1 = Convolution2DShape.Create(6, 12, 12, 16, 5, 5);

    private readonly LeNet5 _network = new();
    private readonly BatchNormLeNet5 _normalized = new();
    private readonly float[] _normalizedGradient = new float[BatchNormLeNet5.ParameterCount];
    private readonly float[] _inputs = new float[Batch * LeNet5.InputCount];
    private readonly float[] _output = new float[LeNet5.OutputCount];
    private readonly float[] _gradient = new float[LeNet5.ParameterCount];
    private float[] _targets = [];
    private float[] _map0 = [], _pooled0 = [], _map1 = [], _w0 = [], _b0 = [], _w1 = [], _b1 = [], _scratch = [], _inputGradient = [];

    [GlobalSetup]
    public void Setup()
    {
        _network.InitializeWeights(1);
        _normalized.InitializeWeights(1);
        new NumpyRandom(2).FillSymmetricUniform(_inputs);
        _targets = Classification.OneHot<float>(Enumerable.Range(0, Batch).Select(r => r % 10).ToArray(), 10);
        _map0 = new float[Conv0.OutputLength];
        _pooled0 = new float[Conv1.InputLength];
        _map1 = new float[Conv1.OutputLength];
        _w0 = new float[Conv0.WeightLength];
        _b0 = new float[Conv0.OutChannels];
        _w1 = new float[Conv1.WeightLength];
        _b1 = new float[Conv1.OutChannels];
        _inputGradient = new float[Conv1.InputLength];
        _scratch = new float[Math.Max(Convolution2DKernels.ScratchLength(Conv0), Convolution2DKernels.ScratchLength(Conv1))];
        new NumpyRandom(3).FillSymmetricUniform(_pooled0);
        new NumpyRandom(4).FillSymmetricUniform(_w1);
    }

    [Benchmark]
    [BenchmarkCategory("image")]
    public float LeNet5PredictOne()
    {
        _network.Predict(_inputs.AsSpan(0, LeNet5.InputCount), _output);
        return _output[0];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("image")]
    public float LeNet5GradientPerImage() => _network.ComputeGradient(_inputs, _targets, _gradient);

    /// <summary>The same batch's gradient on two threads, as the sample trains: two chunks of 32 images on the trainer's
    /// dedicated gradient threads, summed in chunk order (images per second of the machine = 64 / the time).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("image")]
    public float LeNet5GradientPerImageTwoThreads() =>
        GenNet.Training.ParallelGradient.Compute(_network, _inputs, _targets, _gradient, maxDegreeOfParallelism: 2, chunkRows: Batch / 2);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("image")]
    public float BatchNormLeNet5GradientPerImage() => _normalized.ComputeGradient(_inputs, _targets, _normalizedGradient, maxDegreeOfParallelism: 1);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("image")]
    public float BatchNormLeNet5GradientPerImageTwoThreads() => _normalized.ComputeGradient(_inputs, _targets, _normalizedGradient, maxDegreeOfParallelism: 2);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("image")]
    public float LeNet5ConvolutionKernelsPerImage()
    {
        for (int r = 0; r < Batch; r++)
        {
            ReadOnlySpan<float> image = _inputs.AsSpan(r * LeNet5.InputCount, LeNet5.InputCount);
            Convolution2DKernels.Forward<float>(Conv0, image, _w0, _b0, _map0, _scratch);
            Convolution2DKernels.Forward<float>(Conv1, _pooled0, _w1, _b1, _map1, _scratch);
            Convolution2DKernels.AccumulateWeightGradient<float>(Conv1, _pooled0, _map1, _gradient.AsSpan(156, Conv1.WeightLength), _gradient.AsSpan(2556, 16), _scratch);
            Convolution2DKernels.InputGradient<float>(Conv1, _map1, _w1, _inputGradient, _scratch);
            Convolution2DKernels.AccumulateWeightGradient<float>(Conv0, image, _map0, _gradient.AsSpan(0, Conv0.WeightLength), _gradient.AsSpan(150, 6), _scratch);
        }

        return _gradient[0];
    }
}
