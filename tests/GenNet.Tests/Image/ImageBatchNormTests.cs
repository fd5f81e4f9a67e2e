using System;
using System.IO;
using System.Linq;
using GenNet;
using GenNet.Data;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Training;
using Xunit;

namespace GenNet.Tests.Image;

/// <summary>
/// Batch normalisation in image networks (each Conv2D layer per channel, each dense hidden layer per neuron) against
/// <see cref="BatchNormReference"/>, plain loops of the definition: the training pass with the batch's statistics, the
/// running statistics it leaves, the gradient against central differences of the reference loss, Predict with the
/// running statistics; then learning, weight files, copies, threads and allocations.
/// </summary>
public sealed class ImageBatchNormTests
{
    public static TheoryData<string> Networks => new() { nameof(BatchNormImageNet), nameof(BatchNormStridedImageNet) };

    private static ITrainableNetwork<double> Create(string name) => name switch
    {
        nameof(BatchNormImageNet) => new BatchNormImageNet(),
        nameof(BatchNormStridedImageNet) => new BatchNormStridedImageNet(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Every parameter (γ and β too) spread over ±0.8 around its start, images in ±1, targets that suit the loss.</summary>
    private static (ITrainableNetwork<double> Network, double[] Inputs, double[] Targets) Setup(string name, int rows, int seed = 3)
    {
        ITrainableNetwork<double> network = Create(name);
        var random = new NumpyRandom(seed);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += 0.8 * ((2 * random.NextDouble()) - 1);
        }

        var inputs = new double[rows * network.InputCount];
        random.FillSymmetricUniform(inputs);
        var targets = new double[rows * network.OutputCount];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < network.OutputCount; j++)
            {
                targets[(r * network.OutputCount) + j] = network.Architecture.Loss == LossFunction.CategoricalCrossEntropy
                    ? (r % network.OutputCount == j ? 1 : 0)
                    : random.NextDouble();
            }
        }

        return (network, inputs, targets);
    }

    [Fact]
    public void The_layout_puts_gamma_and_beta_after_each_bias()
    {
        ImageLayout image = BatchNormImageNet.Architecture.Image!;
        ImageLayerLayout conv0 = image.Layers[0], conv1 = image.Layers[2];
        Assert.True(conv0.Normalized && conv1.Normalized);
        Assert.Equal(conv0.BiasOffset + 3, conv0.GammaOffset);
        Assert.Equal(conv0.GammaOffset + 3, conv0.BetaOffset);
        Assert.Equal(conv0.BetaOffset + 3, conv1.WeightOffset);
        Assert.Equal(3 + 4, image.NormalizedChannels);
        // conv 3·2·3·3 + 3·3, conv 4·3·2·2 + 3·4, dense 16·5 + 3·5, output 5·3 + 3.
        Assert.Equal(54 + 9 + 48 + 12 + 80 + 15 + 15 + 3, BatchNormImageNet.ParameterCount);
        Assert.Equal(3 + 4 + 5, ((IBatchNormalizedNetwork<double>)new BatchNormImageNet()).RunningMean.Length);

        var network = new BatchNormImageNet();
        network.InitializeWeights(4);
        Assert.All(network.Parameters.Slice(conv0.GammaOffset, 3).ToArray(), g => Assert.Equal(1, g));
        Assert.All(network.Parameters.Slice(conv0.BetaOffset, 3).ToArray(), b => Assert.Equal(0, b));
        Assert.All(network.RunningVariance.ToArray(), v => Assert.Equal(1, v));

        // The architecture read back from its names and flag has the same layout.
        NetworkArchitecture architecture = BatchNormImageNet.Architecture;
        var copy = new NetworkArchitecture(architecture.Precision, architecture.LayerSizes, architecture.Activations, architecture.HasBias, architecture.Loss, batchNormalization: true);
        Assert.Equal(architecture.Image!.Layers, copy.Image!.Layers);
        Assert.Equal(architecture.ParameterCount, copy.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_normalises_with_the_batchs_statistics(string name)
    {
        (ITrainableNetwork<double> network, double[] inputs, double[] targets) = Setup(name, rows: 19);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        var gradient = new double[network.ParameterCount];
        double error = network.ComputeGradient(inputs, targets, gradient);

        (double[][] _, double[] means, double[] variances) = BatchNormReference.TrainingForward(network.Architecture, network.Parameters, inputs);
        double expected = BatchNormReference.Loss(network.Architecture, network.Parameters, inputs, targets);
        Assert.Equal(expected, error, 1e-10);

        // One step moved the running statistics a tenth of the way from (0, 1) to the batch's (unbiased variance).
        Assert.Equal(means.Length, normalized.RunningMean.Length);
        for (int k = 0; k < means.Length; k++)
        {
            Assert.Equal(0.1 * means[k], normalized.RunningMean[k], 1e-12);
            Assert.Equal(0.9 + (0.1 * variances[k]), normalized.RunningVariance[k], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_differences(string name)
    {
        (ITrainableNetwork<double> network, double[] inputs, double[] targets) = Setup(name, rows: 19);
        var gradient = new double[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);
        double[] p = network.Parameters.ToArray();
        const double h = 1e-7;
        double largest = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double kept = p[k];
            p[k] = kept + h;
            double plus = BatchNormReference.Loss(network.Architecture, p, inputs, targets);
            p[k] = kept - h;
            double minus = BatchNormReference.Loss(network.Architecture, p, inputs, targets);
            p[k] = kept;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 2e-7 + (1e-6 * Math.Abs(numeric)), $"parameter {k}: {gradient[k]} vs {numeric}");
            largest = Math.Max(largest, Math.Abs(numeric));
        }

        Assert.True(largest > 1e-3, "the check needs gradients that are not all zero");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_normalises_with_the_running_statistics(string name)
    {
        (ITrainableNetwork<double> network, double[] inputs, _) = Setup(name, rows: 5);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        var random = new NumpyRandom(8);
        for (int k = 0; k < normalized.RunningMean.Length; k++)
        {
            normalized.RunningMean[k] = (2 * random.NextDouble()) - 1;
            normalized.RunningVariance[k] = 0.2 + random.NextDouble();
        }

        double[] mean = normalized.RunningMean.ToArray(), variance = normalized.RunningVariance.ToArray();
        var output = new double[network.OutputCount];
        for (int r = 0; r < 5; r++)
        {
            double[] image = inputs.AsSpan(r * network.InputCount, network.InputCount).ToArray();
            network.Predict(image, output);
            double[] expected = BatchNormReference.Predict(network.Architecture, network.Parameters, mean, variance, image);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[j], output[j], 1e-12);
            }
        }
    }

    [Fact]
    public void A_batch_normalised_image_network_learns_bars()
    {
        (float[] inputs, float[] targets, _) = ImageNetworkTests.Bars(rows: 256, seed: 1);
        var network = new BatchNormBarsNet();
        network.InitializeWeights(2);
        var options = new TrainingOptions<float> { Epochs = 10, BatchSize = 16, LearningRate = 0.01f, ShuffleSeed = 3 };
        Trainer.Train(network, inputs, targets, options, new Adam());

        (float[] testInputs, _, int[] testLabels) = ImageNetworkTests.Bars(rows: 200, seed: 9);
        var outputs = new float[testLabels.Length * BatchNormBarsNet.OutputCount];
        network.PredictBatch(testInputs, outputs);
        int correct = Enumerable.Range(0, testLabels.Length).Count(r => (outputs[2 * r] > outputs[(2 * r) + 1] ? 0 : 1) == testLabels[r]);
        Assert.True(correct >= 190, $"{correct} of 200 test images right");
        Assert.Contains(network.RunningMean.ToArray(), m => m != 0);
    }

    [Fact]
    public void Weight_files_and_copies_carry_the_running_statistics()
    {
        (ITrainableNetwork<double> trained, double[] inputs, double[] targets) = Setup(nameof(BatchNormImageNet), rows: 12);
        for (int step = 0; step < 3; step++)
        {
            trained.TrainStep(inputs, targets, 0.05);
        }

        var saved = (BatchNormImageNet)trained;
        string path = Path.Combine(Path.GetTempPath(), $"gennet-bn-image-{Guid.NewGuid():N}.gnw");
        try
        {
            WeightFile.Save(saved, path);
            var loaded = new BatchNormImageNet();
            WeightFile.Load(loaded, path);
            Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(saved.RunningMean.ToArray(), loaded.RunningMean.ToArray());
            Assert.Equal(saved.RunningVariance.ToArray(), loaded.RunningVariance.ToArray());
            Assert.True(WeightFile.LoadArchitecture(path).BatchNormalization);
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new GroupedImageNet(), path));

            BatchNormImageNet copy = saved.Snapshot();
            Assert.Equal(saved.RunningVariance.ToArray(), copy.RunningVariance.ToArray());
            var a = new double[3];
            var b = new double[3];
            saved.Predict(inputs.AsSpan(0, BatchNormImageNet.InputCount), a);
            copy.Predict(inputs.AsSpan(0, BatchNormImageNet.InputCount), b);
            Assert.Equal(a, b);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_gradient_has_the_same_bits_on_one_two_or_four_threads_and_a_step_allocates_nothing()
    {
        // 37 rows: chunks of 8 rows, the last one partial.
        (ITrainableNetwork<double> network, double[] inputs, double[] targets) = Setup(nameof(BatchNormImageNet), rows: 37);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        double[] mean = normalized.RunningMean.ToArray(), variance = normalized.RunningVariance.ToArray();
        double[] Gradient(Func<double[], double> compute)
        {
            mean.CopyTo(normalized.RunningMean);
            variance.CopyTo(normalized.RunningVariance);
            var gradient = new double[network.ParameterCount];
            compute(gradient);
            return gradient;
        }

        var threaded = (IThreadedGradientNetwork<double>)network;
        double[] serial = Gradient(g => network.ComputeGradient(inputs, targets, g));
        double[] running = normalized.RunningMean.ToArray();
        Assert.Equal(serial, Gradient(g => threaded.ComputeGradient(inputs, targets, g, 2)));
        Assert.Equal(serial, Gradient(g => threaded.ComputeGradient(inputs, targets, g, 4)));
        Assert.Equal(serial, Gradient(g => ParallelGradient.Compute(network, inputs, targets, g, maxDegreeOfParallelism: 2, chunkRows: 4)));
        Assert.Equal(running, normalized.RunningMean.ToArray());

        var gradient = new double[network.ParameterCount];
        var output = new double[network.OutputCount];
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            network.ComputeGradient(inputs, targets, gradient);
            threaded.ComputeGradient(inputs, targets, gradient, 2);
            network.TrainStep(inputs, targets, 0.01);
            network.Predict(inputs.AsSpan(0, network.InputCount), output);
        }));
    }

    [Fact]
    public void Training_on_two_threads_gives_the_bits_of_one()
    {
        (float[] inputs, float[] targets, _) = ImageNetworkTests.Bars(rows: 96, seed: 4);
        float[] Train(int threads)
        {
            var network = new BatchNormBarsNet();
            network.InitializeWeights(5);
            var options = new TrainingOptions<float> { Epochs = 2, BatchSize = 32, LearningRate = 0.01f, ShuffleSeed = 6, MaxDegreeOfParallelism = threads };
            Trainer.Train(network, inputs, targets, options, new Adam());
            return [.. network.Parameters, .. network.RunningMean, .. network.RunningVariance];
        }

        Assert.Equal(Train(1), Train(2));
    }

    [Fact]
    public void A_refused_step_leaves_the_running_statistics_as_they_were()
    {
        (ITrainableNetwork<double> network, double[] inputs, double[] targets) = Setup(nameof(BatchNormImageNet), rows: 8);
        var normalized = (IBatchNormalizedNetwork<double>)network;
        network.TrainStep(inputs, targets, 0.01);
        network.Parameters[0] = double.NaN;   // a NaN weight in the first Conv2D layer: every statistic after it is NaN
        double[] mean = normalized.RunningMean.ToArray(), parameters = network.Parameters.ToArray();
        Assert.Throws<NotFiniteNumberException>(() => network.TrainStep(inputs, targets, 0.01));
        Assert.All(mean, m => Assert.True(double.IsFinite(m)));
        Assert.Equal(mean, normalized.RunningMean.ToArray());
        Assert.Equal(parameters, network.Parameters.ToArray());
    }
}
