using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GenNet;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Convolution;

/// <summary>
/// The generated temporal convolution networks against references that share no code with them: the forward pass
/// against the definition of a causal dilated convolution written here, the gradient against central finite
/// differences of the loss; streaming against whole sequences; state, weight files and training.
/// </summary>
public sealed class ConvolutionNetworkTests
{
    public static TheoryData<string> Networks => new() { nameof(ConvNet), nameof(DilatedConvNet), nameof(ConvDenseNet), nameof(GroupedConvNet), nameof(DepthwiseConvNet), nameof(StridedConvNet), nameof(HalfRateConvNet), nameof(PooledConvNet) };

    private static ISequenceNetwork<double> Create(string name) => name switch
    {
        nameof(ConvNet) => new ConvNet(),
        nameof(DilatedConvNet) => new DilatedConvNet(),
        nameof(ConvDenseNet) => new ConvDenseNet(),
        nameof(GroupedConvNet) => new GroupedConvNet(),
        nameof(DepthwiseConvNet) => new DepthwiseConvNet(),
        nameof(StridedConvNet) => new StridedConvNet(),
        nameof(HalfRateConvNet) => new HalfRateConvNet(),
        nameof(PooledConvNet) => new PooledConvNet(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A network with seeded weights, a non-zero state, and a sequence with targets in (0, 1). A strided layer's
    /// phase is s − 1: its first sample holds the state's outputs, its second convolves.</summary>
    private static (ISequenceNetwork<double> Network, double[] Inputs, double[] Targets) Setup(string name, int steps, int seed = 5)
    {
        ISequenceNetwork<double> network = Create(name);
        network.InitializeWeights(seed);
        var random = new NumpyRandom(seed + 100);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 1.2 * ((2 * random.NextDouble()) - 1);
        }

        for (int i = 0; i < network.StateLength; i++)
        {
            network.State[i] = 0.8 * ((2 * random.NextDouble()) - 1);
        }

        foreach (ConvolutionLayerLayout l in network.Architecture.Convolution!.Layers)
        {
            if (l.Stride > 1)
            {
                network.State[l.HoldOffset] = l.Stride - 1;
            }

            if (l.Pooling != PoolingKind.None)
            {
                network.State[l.PoolOffset] = l.PoolSize - 2;   // the first window completes at the second sample, its first part from the state
            }
        }

        var inputs = new double[steps * network.InputCount];
        random.FillSymmetricUniform(inputs);
        var targets = new double[steps * network.OutputCount];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextDouble();
        }

        return (network, inputs, targets);
    }

    private static double[] Reference(NetworkArchitecture architecture, double[] p, double[] state, double[] inputs) =>
        ConvolutionReference.Forward(architecture, p, state, inputs, normalize: null);

    internal static double Loss(LossFunction loss, double[] outputs, double[] targets) => loss switch
    {
        LossFunction.MeanSquaredError => outputs.Zip(targets, (o, y) => (o - y) * (o - y)).Sum() / outputs.Length,
        LossFunction.BinaryCrossEntropy => outputs.Zip(targets, (o, y) => -((y * Math.Log(o)) + ((1 - y) * Math.Log(1 - o)))).Sum() / outputs.Length,
        _ => throw new ArgumentException(loss.ToString()),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_pass_matches_the_definition_of_a_causal_dilated_convolution_from_the_current_state(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, _) = Setup(name, steps: 11);
        double[] expected = Reference(network.Architecture, network.Parameters.ToArray(), network.State.ToArray(), inputs);
        var outputs = new double[expected.Length];
        network.PredictSequence(inputs, outputs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], outputs[i], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictSequence_is_bit_identical_to_Step_per_sample_and_leaves_the_same_state(string name)
    {
        (ISequenceNetwork<double> a, double[] inputs, _) = Setup(name, steps: 13);
        (ISequenceNetwork<double> b, _, _) = Setup(name, steps: 13);
        var whole = new double[13 * a.OutputCount];
        a.PredictSequence(inputs, whole);
        var row = new double[b.OutputCount];
        for (int t = 0; t < 13; t++)
        {
            b.Step(inputs.AsSpan(t * b.InputCount, b.InputCount), row);
            Assert.Equal(whole.AsSpan(t * b.OutputCount, b.OutputCount).ToArray(), row);
        }

        Assert.Equal(a.State.ToArray(), b.State.ToArray());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_finite_differences_and_leaves_the_state(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 10);
        double[] state = network.State.ToArray();
        var gradient = new double[network.ParameterCount];
        double error = network.ComputeSequenceGradient(inputs, targets, gradient);
        Assert.Equal(state, network.State.ToArray());

        double E()
        {
            var outputs = new double[targets.Length];
            state.CopyTo(network.State);
            network.PredictSequence(inputs, outputs);
            return Loss(network.Architecture.Loss, outputs, targets);
        }

        Assert.Equal(E(), error, 1e-12);
        const double h = 1e-6;
        for (int i = 0; i < network.ParameterCount; i++)
        {
            double saved = network.Parameters[i];
            network.Parameters[i] = saved + h;
            double plus = E();
            network.Parameters[i] = saved - h;
            double minus = E();
            network.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 + (1e-5 * Math.Abs(numeric)), $"parameter {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Truncation_cuts_the_gradient_and_a_window_as_long_as_the_sequence_does_not(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 12);
        var full = new double[network.ParameterCount];
        var whole = new double[network.ParameterCount];
        var cut = new double[network.ParameterCount];
        double e0 = network.ComputeSequenceGradient(inputs, targets, full);
        double e1 = network.ComputeSequenceGradient(inputs, targets, whole, truncateAfter: 12);
        double e2 = network.ComputeSequenceGradient(inputs, targets, cut, truncateAfter: 3);
        Assert.Equal(full, whole);
        Assert.Equal(e0, e1);
        Assert.Equal(e0, e2);

        // A single-layer network has nothing to cut: its gradient reads only the inputs, which are not differentiated.
        if (name == nameof(ConvNet))
        {
            Assert.Equal(full, cut);
        }
        else
        {
            Assert.NotEqual(full, cut);
        }
    }

    [Fact]
    public void State_saves_and_restores_a_stream_position_and_reset_is_silence()
    {
        var network = new StreamingConvNet();
        network.InitializeWeights(2);
        float[] signal = Enumerable.Range(0, 20).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        var output = new float[1];
        for (int t = 0; t < 10; t++)
        {
            network.Step(signal.AsSpan(t, 1), output);
        }

        float[] position = network.State.ToArray();
        var first = new float[10];
        network.PredictSequence(signal.AsSpan(10), first);
        position.CopyTo(network.State);
        var again = new float[10];
        network.PredictSequence(signal.AsSpan(10), again);
        Assert.Equal(first, again);

        network.ResetState();
        Assert.All(network.State.ToArray(), v => Assert.Equal(0f, v));
        var silence = new float[StreamingConvNet.StateLength];
        var zeros = new float[1];
        network.Step(silence.AsSpan(0, 1), zeros);
        Span<float> p = network.Parameters;
        // Silence in, the bias path out: b·W_dense + b_dense with the convolution's output f(b).
        float expected = p[StreamingConvNet.ParameterCount - 1];
        for (int o = 0; o < 8; o++)
        {
            expected += MathF.Tanh(p[24 + o]) * p[32 + o];
        }

        Assert.Equal(expected, zeros[0], 1e-5f);
    }

    [Fact]
    public void Step_and_training_allocate_nothing()
    {
        var network = new StreamingConvNet();
        var input = new float[1];
        var output = new float[1];
        var inputs = new float[64];
        var targets = new float[64];
        network.Step(input, output);
        network.TrainSequence(inputs, targets, 0.01f);
        void Run()
        {
            for (int i = 0; i < 1000; i++)
            {
                input[0] = i * 0.001f;
                network.Step(input, output);
            }

            for (int i = 0; i < 10; i++)
            {
                network.TrainSequence(inputs, targets, 0.01f, truncateAfter: i % 3);
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Run, warmUp: false));
    }

    [Fact]
    public void Weight_files_round_trip_and_refuse_another_architecture()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gennet-conv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var saved = new ConvDenseNet();
            saved.InitializeWeights(7);
            string path = Path.Combine(directory, "conv.gnw");
            WeightFile.Save(saved, path);
            var loaded = new ConvDenseNet();
            WeightFile.Load(loaded, path);
            Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(ConvDenseNet.Architecture, WeightFile.LoadArchitecture(path));
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new ConvNet(), path));
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new DilatedConvNet(), path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Architecture_describes_the_layers_and_initialisation_is_PyTorchs_and_deterministic()
    {
        ConvolutionLayout layout = DilatedConvNet.Architecture.Convolution!;
        Assert.Equal(2, layout.Layers.Count);
        Assert.Equal((3, 1, 3), (layout.Layers[0].KernelSize, layout.Layers[0].Dilation, layout.Layers[0].History));
        Assert.Equal((2, 2, 3), (layout.Layers[1].KernelSize, layout.Layers[1].Dilation, layout.Layers[1].History));
        Assert.Equal((3 * 2 * 6) + 6 + (2 * 6 * 3) + 3 + 3 + 1, DilatedConvNet.ParameterCount);
        Assert.Equal(DilatedConvNet.ParameterCount, DilatedConvNet.Architecture.ParameterCount);
        Assert.Equal((3 * 2) + (3 * 6), DilatedConvNet.StateLength);

        var a = new DilatedConvNet();
        var b = new DilatedConvNet();
        a.InitializeWeights(11);
        b.InitializeWeights(11);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        double limit0 = 1 / Math.Sqrt(2 * 3), limit1 = 1 / Math.Sqrt(6 * 2);
        Assert.All(a.Parameters.Slice(0, layout.Layers[0].Count).ToArray(), v => Assert.InRange(Math.Abs(v), 0, limit0));
        Assert.All(a.Parameters.Slice(layout.Layers[1].WeightOffset, layout.Layers[1].Count).ToArray(), v => Assert.InRange(Math.Abs(v), 0, limit1));
        Assert.Contains(a.Parameters.Slice(0, layout.Layers[0].Count).ToArray(), v => Math.Abs(v) > limit0 / 2);
    }

    [Fact]
    public void SequenceTrainer_trains_a_convolution_network()
    {
        // Output the input of two steps before: within the receptive field of a kernel of 3.
        var random = new NumpyRandom(1);
        var inputs = new List<double[]>();
        var targets = new List<double[]>();
        for (int s = 0; s < 16; s++)
        {
            var x = new double[10 * 2];
            random.FillSymmetricUniform(x);
            var y = new double[10 * 2];
            for (int t = 2; t < 10; t++)
            {
                y[2 * t] = (x[2 * (t - 2)] + 1) / 2;
            }

            inputs.Add(x);
            targets.Add(y);
        }

        var network = new ConvNet();
        network.InitializeWeights(3);
        var options = new TrainingOptions<double> { Epochs = 200, BatchSize = 4, ShuffleSeed = 2, LearningRate = 0.01 };
        double before = SequenceTrainer.Train(network, inputs, targets, options with { Epochs = 1, LearningRate = 1e-12 }).FinalError;
        TrainingResult<double> result = SequenceTrainer.Train(network, inputs, targets, options, new Adam());
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.True(result.FinalError < before / 10, $"{before} → {result.FinalError}");
    }

    [Fact]
    public void A_strided_layer_convolves_every_sth_sample_and_holds_its_output_in_between()
    {
        var network = new HalfRateConvNet();
        network.InitializeWeights(3);
        ConvolutionLayerLayout halfRate = HalfRateConvNet.Architecture.Convolution!.Layers[1];
        Assert.Equal(2, halfRate.Stride);
        Assert.Equal("GenNet.Conv1D/k2/d1/s2/g2/GenNet.Activations.Tanh", HalfRateConvNet.Architecture.Activations[1]);
        Assert.Equal((3 * 2) + (2 * 4) + 1 + 4, HalfRateConvNet.StateLength);   // histories, then phase and 4 held outputs

        // Read back from its names, the architecture has the same layers (strides included).
        NetworkArchitecture architecture = HalfRateConvNet.Architecture;
        var copy = new NetworkArchitecture(architecture.Precision, architecture.LayerSizes, architecture.Activations, architecture.HasBias, architecture.Loss);
        Assert.Equal(architecture.Convolution!.Layers, copy.Convolution!.Layers);
        Assert.Equal(architecture.Convolution.StateLength, copy.Convolution.StateLength);

        // From silence: samples 0, 2, 4, … convolve (phase 0), each odd sample repeats the output before it.
        var random = new NumpyRandom(4);
        var input = new double[2];
        var output = new double[1];
        double previous = double.NaN;
        for (int t = 0; t < 12; t++)
        {
            input[0] = (2 * random.NextDouble()) - 1;
            input[1] = (2 * random.NextDouble()) - 1;
            network.Step(input, output);
            if (t % 2 == 1)
            {
                Assert.Equal(previous, output[0]);
            }
            else if (t > 0)
            {
                Assert.NotEqual(previous, output[0]);
            }

            previous = output[0];
            Assert.Equal((t + 1) % 2, network.State[halfRate.HoldOffset]);   // the phase of the next sample
        }
    }
}
