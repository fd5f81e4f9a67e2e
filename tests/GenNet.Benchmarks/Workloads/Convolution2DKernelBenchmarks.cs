using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using GenNet.CompilerServices;

namespace GenNet.Benchmarks.Workloads;

/// <summary>
/// The Conv2D kernels on LeNet-5's two convolutions, float, one image per call: conv1 1×28×28 → 6×24×24 and conv2
/// 6×12×12 → 16×8×8, both 5×5, stride 1, no padding. Forward, weight gradient and input gradient each cost 2·MACs
/// floating-point operations; the summary table divides by the time for GFLOP/s and compares with
/// <see cref="ThroughputCeilingBenchmarks"/>' measured FMA peak (run both: <c>--filter '*Convolution2DKernel*' '*PeakFma*'</c>).
/// </summary>
[MemoryDiagnoser]
public class Convolution2DKernelBenchmarks
{
    /// <summary>The layers and their benchmark methods (forward, weight gradient, input gradient), for the summary table.</summary>
    public static IReadOnlyList<(string Layer, Convolution2DShape Shape, string Forward, string WeightGradient, string InputGradient)> Layers { get; } = new[]
    {
        ("conv1 1×28×28 → 6×24×24, 5×5", Conv1Shape, nameof(LeNetConv1Forward), nameof(LeNetConv1WeightGradient), nameof(LeNetConv1InputGradient)),
        ("conv2 6×12×12 → 16×8×8, 5×5", Conv2Shape, nameof(LeNetConv2Forward), nameof(LeNetConv2WeightGradient), nameof(LeNetConv2InputGradient)),
    };

    private static Convolution2DShape Conv1Shape => Convolution2DShape.Create(1, 28, 28, 6, 5, 5);

    private static Convolution2DShape Conv2Shape => Convolution2DShape.Create(6, 12, 12, 16, 5, 5);

    private readonly Layer _conv1 = new(Conv1Shape);
    private readonly Layer _conv2 = new(Conv2Shape);

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv1Forward() => _conv1.Forward();

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv1WeightGradient() => _conv1.WeightGradient();

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv1InputGradient() => _conv1.InputGradient();

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv2Forward() => _conv2.Forward();

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv2WeightGradient() => _conv2.WeightGradient();

    [Benchmark]
    [BenchmarkCategory("conv2d")]
    public void LeNetConv2InputGradient() => _conv2.InputGradient();

    /// <summary>One layer's buffers, filled with values in [−1, 1).</summary>
    private sealed class Layer
    {
        private readonly Convolution2DShape _shape;
        private readonly float[] _input, _weights, _bias, _output, _outputGradient, _weightGradient, _biasGradient, _inputGradient, _scratch;

        public Layer(Convolution2DShape shape)
        {
            _shape = shape;
            var random = new Random(1);
            float[] Values(int count)
            {
                var values = new float[count];
                for (int i = 0; i < count; i++)
                {
                    values[i] = (float)((2 * random.NextDouble()) - 1);
                }

                return values;
            }

            (_input, _weights, _bias, _outputGradient) = (Values(shape.InputLength), Values(shape.WeightLength), Values(shape.OutChannels), Values(shape.OutputLength));
            (_output, _inputGradient) = (new float[shape.OutputLength], new float[shape.InputLength]);
            (_weightGradient, _biasGradient) = (new float[shape.WeightLength], new float[shape.OutChannels]);
            _scratch = new float[Convolution2DKernels.ScratchLength(shape)];
        }

        public void Forward() => Convolution2DKernels.Forward<float>(_shape, _input, _weights, _bias, _output, _scratch);

        public void WeightGradient() =>
            Convolution2DKernels.AccumulateWeightGradient<float>(_shape, _input, _outputGradient, _weightGradient, _biasGradient, _scratch);

        public void InputGradient() => Convolution2DKernels.InputGradient<float>(_shape, _outputGradient, _weights, _inputGradient, _scratch);
    }
}
