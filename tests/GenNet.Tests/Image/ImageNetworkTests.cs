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
/// The generated image networks against references that share no code with them: the forward pass against plain loops
/// of the definitions (<see cref="ImageReference"/>), the gradient against central finite differences of the loss, for
/// every layer kind, stride 1 and 2, padding 0 and 1, max and average pooling; then training, threads, allocations and
/// weight files.
/// </summary>
public sealed class ImageNetworkTests
{
    public static TheoryData<string> Networks => new() { nameof(SmallImageNet), nameof(StridedImageNet), nameof(AveragePoolImageNet), nameof(GroupedImageNet) };

    private static ITrainableNetwork<double> Create(string name) => name switch
    {
        nameof(SmallImageNet) => new SmallImageNet(),
        nameof(StridedImageNet) => new StridedImageNet(),
        nameof(AveragePoolImageNet) => new AveragePoolImageNet(),
        nameof(GroupedImageNet) => new GroupedImageNet(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A network with weights spread over ±0.8, images in ±1 and targets that suit its loss.</summary>
    private static (ITrainableNetwork<double> Network, double[] Inputs, double[] Targets) Setup(string name, int rows, int seed = 3)
    {
        ITrainableNetwork<double> network = Create(name);
        var random = new NumpyRandom(seed);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 0.8 * ((2 * random.NextDouble()) - 1);
        }

        var inputs = new double[rows * network.InputCount];
        random.FillSymmetricUniform(inputs);
        var targets = new double[rows * network.OutputCount];
        for (int r = 0; r < rows; r++)
        {
            if (network.Architecture.Loss == LossFunction.CategoricalCrossEntropy)
            {
                targets[(r * network.OutputCount) + (r % network.OutputCount)] = 1;
            }
            else
            {
                for (int j = 0; j < network.OutputCount; j++)
                {
                    targets[(r * network.OutputCount) + j] = random.NextDouble();
                }
            }
        }

        return (network, inputs, targets);
    }

    [Fact]
    public void LeNet5_has_the_shapes_and_parameters_of_LeNet5()
    {
        ImageLayout image = LeNet5.Architecture.Image!;
        Assert.Equal(
            new[] { "Convolution 1×28×28 → 6×24×24", "MaxPooling 6×24×24 → 6×12×12", "Convolution 6×12×12 → 16×8×8", "MaxPooling 16×8×8 → 16×4×4" },
            image.Layers.Select(l => $"{l.Kind} {l.InChannels}×{l.Height}×{l.Width} → {l.OutChannels}×{l.OutHeight}×{l.OutWidth}"));
        Assert.Equal(784, LeNet5.InputCount);
        Assert.Equal(256, LeNet5.FlattenedCount);
        // (6·25 + 6) + (16·6·25 + 16) + (256·120 + 120) + (120·84 + 84) + (84·10 + 10): the classic 44,426.
        Assert.Equal(44_426, LeNet5.ParameterCount);
        Assert.Equal(44_426, LeNet5.Architecture.ParameterCount);
        Assert.Contains("GenNet.Conv2D/1x28x28/k5x5/s1x1/p0x0/GenNet.Activations.ReLU", LeNet5.Architecture.Signature);
        Assert.Contains("GenNet.MaxPool2D/16x8x8/k2x2/s2x2", LeNet5.Architecture.Signature);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_matches_the_definition(string name)
    {
        (ITrainableNetwork<double> network, double[] inputs, _) = Setup(name, rows: 4);
        var outputs = new double[network.OutputCount];
        var batch = new double[4 * network.OutputCount];
        network.PredictBatch(inputs, batch);
        for (int r = 0; r < 4; r++)
        {
            ReadOnlySpan<double> image = inputs.AsSpan(r * network.InputCount, network.InputCount);
            network.Predict(image, outputs);
            double[] expected = ImageReference.Forward(network.Architecture, network.Parameters, image);
            for (int j = 0; j < outputs.Length; j++)
            {
                Assert.True(Math.Abs(expected[j] - outputs[j]) <= 1e-12 * (1 + Math.Abs(expected[j])), $"row {r} output {j}: {outputs[j]} vs {expected[j]}");
            }

            Assert.Equal(outputs, batch.AsSpan(r * network.OutputCount, network.OutputCount).ToArray());
        }
    }

    [Fact]
    public void LeNet5_in_float_predicts_what_the_definition_gives_in_double()
    {
        var network = new LeNet5();
        network.InitializeWeights(7);
        var image = new float[LeNet5.InputCount];
        new NumpyRandom(8).FillSymmetricUniform(image);
        var output = new float[LeNet5.OutputCount];
        network.Predict(image, output);
        double[] p = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] expected = ImageReference.Forward(LeNet5.Architecture, p, image.Select(v => (double)v).ToArray());
        for (int j = 0; j < output.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - output[j]) <= 1e-5, $"output {j}: {output[j]} vs {expected[j]}");
        }

        Assert.Equal(1, output.Sum(), 5);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_central_differences(string name)
    {
        // 19 rows: a full group of 16, whose dense layers run as one matrix product, and a partial one of 3.
        (ITrainableNetwork<double> network, double[] inputs, double[] targets) = Setup(name, rows: 19);
        var gradient = new double[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);
        double[] p = network.Parameters.ToArray();
        // Small enough that no max-pool choice or ReLU kink of the 19 rows flips within ±h (1e-5 crossed one in SmallImageNet).
        const double h = 1e-7;
        double largest = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double kept = p[k];
            p[k] = kept + h;
            double plus = ImageReference.Loss(network.Architecture, p, inputs, targets);
            p[k] = kept - h;
            double minus = ImageReference.Loss(network.Architecture, p, inputs, targets);
            p[k] = kept;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-7 + (1e-6 * Math.Abs(numeric)), $"parameter {k}: {gradient[k]} vs {numeric}");
            largest = Math.Max(largest, Math.Abs(numeric));
        }

        Assert.True(largest > 1e-3, "the check needs gradients that are not all zero");
    }

    [Fact]
    public void A_small_image_network_learns_to_tell_horizontal_from_vertical_bars()
    {
        (float[] inputs, float[] targets, int[] labels) = Bars(rows: 256, seed: 1);
        var network = new BarsNet();
        network.InitializeWeights(2);
        var options = new TrainingOptions<float> { Epochs = 15, BatchSize = 16, LearningRate = 0.01f, ShuffleSeed = 3 };
        Trainer.Train(network, inputs, targets, options, new Adam());

        (float[] testInputs, _, int[] testLabels) = Bars(rows: 200, seed: 9);
        var outputs = new float[testLabels.Length * BarsNet.OutputCount];
        network.PredictBatch(testInputs, outputs);
        int correct = Enumerable.Range(0, testLabels.Length).Count(r => (outputs[2 * r] > outputs[(2 * r) + 1] ? 0 : 1) == testLabels[r]);
        Assert.True(correct >= 190, $"{correct} of 200 test images right");
    }

    [Fact]
    public void Parallel_gradients_are_bit_identical_for_one_and_two_threads()
    {
        var network = new LeNet5();
        network.InitializeWeights(4);
        var inputs = new float[24 * LeNet5.InputCount];
        new NumpyRandom(5).FillSymmetricUniform(inputs);
        float[] targets = Classification.OneHot<float>(Enumerable.Range(0, 24).Select(r => r % 10).ToArray(), 10);
        var one = new float[LeNet5.ParameterCount];
        var two = new float[LeNet5.ParameterCount];
        ParallelGradient.Compute(network, inputs, targets, one, maxDegreeOfParallelism: 1, chunkRows: 4);
        ParallelGradient.Compute(network, inputs, targets, two, maxDegreeOfParallelism: 2, chunkRows: 4);
        Assert.Equal(one, two);
        Assert.Contains(one, g => g != 0);
    }

    [Fact]
    public void Training_on_two_or_four_threads_gives_the_same_bits()
    {
        (float[] inputs, float[] targets, _) = Bars(rows: 64, seed: 4);
        float[] Train(int threads)
        {
            var network = new BarsNet();
            network.InitializeWeights(5);
            var options = new TrainingOptions<float>
            {
                Epochs = 3, BatchSize = 32, LearningRate = 0.01f, ShuffleSeed = 6, MaxDegreeOfParallelism = threads, GradientChunkRows = 8,
            };
            Trainer.Train(network, inputs, targets, options, new Adam());
            return network.Parameters.ToArray();
        }

        // Above one thread the batch is cut into chunks of GradientChunkRows whatever the thread count (one thread takes
        // the whole batch at once, a different order of sums): 2 and 4 threads must agree to the bit.
        Assert.Equal(Train(2), Train(4));
    }

    [Fact]
    public void A_training_step_and_a_prediction_allocate_nothing()
    {
        var network = new LeNet5();
        var inputs = new float[16 * LeNet5.InputCount];
        new NumpyRandom(6).FillSymmetricUniform(inputs);
        float[] targets = Classification.OneHot<float>(Enumerable.Range(0, 16).Select(r => r % 10).ToArray(), 10);
        var gradient = new float[LeNet5.ParameterCount];
        var output = new float[LeNet5.OutputCount];
        void Run()
        {
            network.ComputeGradient(inputs, targets, gradient);
            network.TrainStep(inputs, targets, 0.001f);
            network.Predict(inputs.AsSpan(0, LeNet5.InputCount), output);
        }

        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    [Fact]
    public void Weight_files_carry_the_image_layers()
    {
        var saved = new SmallImageNet();
        saved.InitializeWeights(11);
        string path = Path.Combine(Path.GetTempPath(), $"gennet-image-{Guid.NewGuid():N}.gnw");
        try
        {
            WeightFile.Save(saved, path);
            var loaded = new SmallImageNet();
            WeightFile.Load(loaded, path);
            Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
            NetworkArchitecture architecture = WeightFile.LoadArchitecture(path);
            Assert.Equal(SmallImageNet.Architecture, architecture);
            Assert.Equal(4, architecture.Image!.Layers.Count);
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new AveragePoolImageNet(), path));
            Assert.Throws<ArchitectureMismatchException>(() => WeightFile.Load(new StridedImageNet(), path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wrong_sizes_are_refused_with_both_sizes()
    {
        var network = new LeNet5();
        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Predict(new float[783], new float[10]));
        Assert.Contains("784", error.Message);
        Assert.Contains("783", error.Message);
    }

    [Fact]
    public void The_architecture_is_read_back_from_its_names()
    {
        NetworkArchitecture architecture = SmallImageNet.Architecture;
        var copy = new NetworkArchitecture(architecture.Precision, architecture.LayerSizes, architecture.Activations, architecture.HasBias, architecture.Loss);
        Assert.Equal(architecture.ParameterCount, copy.ParameterCount);
        Assert.Equal(architecture.Image!.Layers, copy.Image!.Layers);
        string[] wrong = architecture.Activations.ToArray();
        wrong[0] = wrong[0].Replace("2x10x9", "2x10x8");
        Assert.Throws<ArgumentException>(() => new NetworkArchitecture(architecture.Precision, architecture.LayerSizes, wrong, architecture.HasBias, architecture.Loss));
    }

    // 8×8 images with faint noise and one bright bar: a row (label 0) or a column (label 1).
    internal static (float[] Inputs, float[] Targets, int[] Labels) Bars(int rows, int seed)
    {
        var random = new NumpyRandom(seed);
        var inputs = new float[rows * 64];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            Span<float> image = inputs.AsSpan(r * 64, 64);
            for (int i = 0; i < 64; i++)
            {
                image[i] = (float)(0.2 * random.NextDouble());
            }

            labels[r] = random.NextDouble() < 0.5 ? 0 : 1;
            int at = (int)(random.NextDouble() * 8);
            for (int k = 0; k < 8; k++)
            {
                image[labels[r] == 0 ? (at * 8) + k : (k * 8) + at] = 1;
            }
        }

        return (inputs, Classification.OneHot<float>(labels, 2), labels);
    }
}
