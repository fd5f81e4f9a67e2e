using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GenNet;
using GenNet.Data;
using GenNet.Persistence;
using Xunit;

namespace GenNet.Tests.Convolution;

/// <summary>
/// Batch normalisation of Conv1D layers (per channel over the steps of the sequence trained on) against
/// <see cref="ConvolutionReference"/> with a normaliser written here from the definition: the training pass, its running
/// statistics, the gradient against central differences (whole and truncated), inference with the running statistics
/// through Step, PredictSequence and the streams, and weight files.
/// </summary>
public sealed class ConvolutionBatchNormTests
{
    private const double Epsilon = 1e-5;

    public static TheoryData<string> Networks => new() { nameof(NormalizedConvNet), nameof(NormalizedGroupedConvNet) };

    private static ISequenceNetwork<double> Create(string name) => name switch
    {
        nameof(NormalizedConvNet) => new NormalizedConvNet(),
        nameof(NormalizedGroupedConvNet) => new NormalizedGroupedConvNet(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Parameters (γ and β too) moved ±0.6 from their start, a non-zero state, a sequence and targets in (0, 1).</summary>
    private static (ISequenceNetwork<double> Network, double[] Inputs, double[] Targets) Setup(string name, int steps, int seed = 7)
    {
        ISequenceNetwork<double> network = Create(name);
        network.InitializeWeights(seed);
        var random = new NumpyRandom(seed + 50);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += 0.6 * ((2 * random.NextDouble()) - 1);
        }

        for (int i = 0; i < network.StateLength; i++)
        {
            network.State[i] = 0.8 * ((2 * random.NextDouble()) - 1);
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

    // Training mode: each channel of a layer's sums normalised with the sequence's mean and biased variance, then γ, β.
    private static double[] TrainingForward(NetworkArchitecture architecture, double[] p, double[] state, double[] inputs, List<(double Mean, double Variance)>? statistics = null) =>
        ConvolutionReference.Forward(architecture, p, state, inputs, (l, y) =>
        {
            int steps = y.Length / l.Channels;
            for (int c = 0; c < l.Channels; c++)
            {
                double mean = 0, variance = 0;
                for (int t = 0; t < steps; t++)
                {
                    mean += y[(t * l.Channels) + c];
                }

                mean /= steps;
                for (int t = 0; t < steps; t++)
                {
                    variance += Math.Pow(y[(t * l.Channels) + c] - mean, 2);
                }

                variance /= steps;
                for (int t = 0; t < steps; t++)
                {
                    int at = (t * l.Channels) + c;
                    y[at] = (p[l.GammaOffset + c] * (y[at] - mean) / Math.Sqrt(variance + Epsilon)) + p[l.BetaOffset + c];
                }

                statistics?.Add((mean, variance * steps / (steps - 1)));
            }
        });

    // Inference mode: the running statistics.
    private static double[] InferenceForward(NetworkArchitecture architecture, double[] p, double[] state, double[] inputs, double[] mean, double[] variance)
    {
        int first = 0;
        return ConvolutionReference.Forward(architecture, p, state, inputs, (l, y) =>
        {
            for (int k = 0; k < y.Length; k++)
            {
                int c = first + (k % l.Channels);
                y[k] = (p[l.GammaOffset + (k % l.Channels)] * (y[k] - mean[c]) / Math.Sqrt(variance[c] + Epsilon)) + p[l.BetaOffset + (k % l.Channels)];
            }

            first += l.Channels;
        });
    }

    [Fact]
    public void Gamma_and_beta_follow_each_bias_and_start_as_the_identity()
    {
        ConvolutionLayout layout = NormalizedConvNet.Architecture.Convolution!;
        ConvolutionLayerLayout conv0 = layout.Layers[0], conv1 = layout.Layers[1];
        Assert.True(conv0.Normalized && conv1.Normalized);
        Assert.Equal(conv0.BiasOffset + 5, conv0.GammaOffset);
        Assert.Equal(conv0.BetaOffset + 5, conv1.WeightOffset);
        Assert.Equal(5 + 3, layout.NormalizedChannels);
        Assert.Equal((3 * 2 * 5) + (3 * 5) + (2 * 5 * 3) + (3 * 3) + (3 * 2) + 2, NormalizedConvNet.ParameterCount);

        var network = new NormalizedConvNet();
        network.InitializeWeights(2);
        Assert.All(network.Parameters.Slice(conv1.GammaOffset, 3).ToArray(), g => Assert.Equal(1, g));
        Assert.All(network.Parameters.Slice(conv1.BetaOffset, 3).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(8, network.RunningVariance.Length);

        NetworkArchitecture architecture = NormalizedConvNet.Architecture;
        var copy = new NetworkArchitecture(architecture.Precision, architecture.LayerSizes, architecture.Activations, architecture.HasBias, architecture.Loss, batchNormalization: true);
        Assert.Equal(architecture.Convolution!.Layers, copy.Convolution!.Layers);
        Assert.Equal(architecture.ParameterCount, copy.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_normalises_with_the_sequences_statistics(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 13);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        double[] state = network.State.ToArray();
        var gradient = new double[network.ParameterCount];
        double error = network.ComputeSequenceGradient(inputs, targets, gradient);
        Assert.Equal(state, network.State.ToArray());

        var statistics = new List<(double Mean, double Variance)>();
        double[] outputs = TrainingForward(network.Architecture, network.Parameters.ToArray(), state, inputs, statistics);
        Assert.Equal(ConvolutionNetworkTests.Loss(network.Architecture.Loss, outputs, targets), error, 1e-12);
        Assert.Equal(statistics.Count, normalized.RunningMean.Length);
        for (int k = 0; k < statistics.Count; k++)
        {
            Assert.Equal(0.1 * statistics[k].Mean, normalized.RunningMean[k], 1e-12);
            Assert.Equal(0.9 + (0.1 * statistics[k].Variance), normalized.RunningVariance[k], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_differences_whole_and_truncated(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(name, steps: 11);
        double[] state = network.State.ToArray();
        foreach (int truncateAfter in new[] { 0, 4 })
        {
            var gradient = new double[network.ParameterCount];
            network.ComputeSequenceGradient(inputs, targets, gradient, truncateAfter);
            double[] p = network.Parameters.ToArray();
            double E() => ConvolutionNetworkTests.Loss(network.Architecture.Loss, TrainingForward(network.Architecture, p, state, inputs), targets);
            const double h = 1e-6;
            double largest = 0;
            for (int i = 0; i < p.Length; i++)
            {
                double kept = p[i];
                p[i] = kept + h;
                double plus = E();
                p[i] = kept - h;
                double minus = E();
                p[i] = kept;
                double numeric = (plus - minus) / (2 * h);
                largest = Math.Max(largest, Math.Abs(numeric));

                // Truncated, the first layer's weights lose the gradient that crosses a window boundary: compare the
                // top layer and the dense layers only, which read no earlier window.
                bool comparable = truncateAfter == 0 || i >= network.Architecture.Convolution!.Layers[^1].WeightOffset;
                if (comparable)
                {
                    Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 + (1e-5 * Math.Abs(numeric)), $"truncateAfter {truncateAfter}, parameter {i}: analytic {gradient[i]}, numeric {numeric}");
                }
            }

            Assert.True(largest > 1e-3);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Step_PredictSequence_and_streams_normalise_with_the_running_statistics(string name)
    {
        (ISequenceNetwork<double> network, double[] inputs, _) = Setup(name, steps: 9);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        var random = new NumpyRandom(3);
        for (int k = 0; k < normalized.RunningMean.Length; k++)
        {
            normalized.RunningMean[k] = (2 * random.NextDouble()) - 1;
            normalized.RunningVariance[k] = 0.2 + random.NextDouble();
        }

        double[] state = network.State.ToArray();
        double[] expected = InferenceForward(network.Architecture, network.Parameters.ToArray(), state, inputs, normalized.RunningMean.ToArray(), normalized.RunningVariance.ToArray());
        var whole = new double[expected.Length];
        network.PredictSequence(inputs, whole);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], whole[i], 1e-12);
        }

        // Step per sample gives PredictSequence's bits.
        state.CopyTo(network.State);
        var row = new double[network.OutputCount];
        for (int t = 0; t < 9; t++)
        {
            network.Step(inputs.AsSpan(t * network.InputCount, network.InputCount), row);
            Assert.Equal(whole.AsSpan(t * network.OutputCount, network.OutputCount).ToArray(), row);
        }

        // 17 streams, each from the same start, all give the single stream's bits.
        ISequenceStreams<double> streams = name == nameof(NormalizedConvNet) ? ((NormalizedConvNet)network).CreateStreams(17) : ((NormalizedGroupedConvNet)network).CreateStreams(17);
        for (int s = 0; s < 17; s++)
        {
            streams.SetState(s, state);
        }

        var stepInputs = new double[17 * network.InputCount];
        var stepOutputs = new double[17 * network.OutputCount];
        for (int t = 0; t < 9; t++)
        {
            for (int s = 0; s < 17; s++)
            {
                inputs.AsSpan(t * network.InputCount, network.InputCount).CopyTo(stepInputs.AsSpan(s * network.InputCount));
            }

            streams.Step(stepInputs, stepOutputs);
            for (int s = 0; s < 17; s++)
            {
                Assert.Equal(whole.AsSpan(t * network.OutputCount, network.OutputCount).ToArray(), stepOutputs.AsSpan(s * network.OutputCount, network.OutputCount).ToArray());
            }
        }
    }

    [Fact]
    public void Weight_files_carry_the_running_statistics()
    {
        (ISequenceNetwork<double> network, double[] inputs, double[] targets) = Setup(nameof(NormalizedConvNet), steps: 20);
        var trained = (NormalizedConvNet)network;
        for (int i = 0; i < 3; i++)
        {
            trained.TrainSequence(inputs, targets, 0.05);
        }

        string path = Path.Combine(Path.GetTempPath(), $"gennet-bn-conv1d-{Guid.NewGuid():N}.gnw");
        try
        {
            WeightFile.Save(trained, path);
            var loaded = new NormalizedConvNet();
            WeightFile.Load(loaded, path);
            Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(trained.RunningMean.ToArray(), loaded.RunningMean.ToArray());
            Assert.Equal(trained.RunningVariance.ToArray(), loaded.RunningVariance.ToArray());
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new ConvNet(), path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
