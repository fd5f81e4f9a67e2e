using System;
using BenchmarkDotNet.Attributes;
using GenNet.Activations;
using GenNet.Benchmarks.Peers;

namespace GenNet.Benchmarks.Workloads;

/// <summary>The Sunspots sample's model: one value per step, GRU 16, linear output, double.</summary>
[Network(Inputs = 1, Recurrent = RecurrentCell.Gru, RecurrentLayers = new[] { 16 }, Outputs = 1,
         OutputActivation = typeof(Linear), Loss = LossFunction.MeanSquaredError)]
public partial class SunspotGruModel { }

/// <summary>
/// Training throughput of a recurrent network: backpropagation through time over one 40-step sequence (the Sunspots
/// sample's context) of the sample's GRU 1-16-1, GenNet's generated <c>ComputeSequenceGradient</c> against a naive C#
/// BPTT of the same math (<see cref="NaiveGruSequence"/>). Setup checks that both give the same gradient (to 1e-9
/// relative) before anything is timed. Time steps per second = 40 / the time per operation.
/// </summary>
[MemoryDiagnoser]
public class RecurrentTrainingBenchmarks
{
    public const int Steps = 40;

    private readonly SunspotGruModel _network = new();
    private readonly NaiveGruSequence _naive = new(1, 16, 1);
    private readonly double[] _x = new double[Steps], _y = new double[Steps];
    private double[] _parameters = [], _gradient = [], _naiveGradient = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandom(5);
        random.FillSymmetricUniform(_x);
        random.FillSymmetricUniform(_y);
        _network.InitializeWeights(3);
        _parameters = _network.Parameters.ToArray();
        _gradient = new double[SunspotGruModel.ParameterCount];
        _naiveGradient = new double[_naive.ParameterCount];
        if (_naive.ParameterCount != SunspotGruModel.ParameterCount)
        {
            throw new InvalidOperationException($"The naive GRU has {_naive.ParameterCount} parameters; GenNet's {SunspotGruModel.ParameterCount}.");
        }

        double loss = _network.ComputeSequenceGradient(_x, _y, _gradient);
        double naiveLoss = _naive.Gradient(_parameters, _x, _y, _naiveGradient);
        for (int i = 0; i < _gradient.Length; i++)
        {
            if (Math.Abs(_gradient[i] - _naiveGradient[i]) > 1e-9 * Math.Max(1, Math.Abs(_gradient[i])))
            {
                throw new InvalidOperationException($"Gradient {i}: GenNet {_gradient[i]}, naive {_naiveGradient[i]} (losses {loss}, {naiveLoss}).");
            }
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("recurrent-training")]
    public double NaiveGruBptt() => _naive.Gradient(_parameters, _x, _y, _naiveGradient);

    [Benchmark]
    [BenchmarkCategory("recurrent-training")]
    public double GenNetGruBptt() => _network.ComputeSequenceGradient(_x, _y, _gradient);
}
