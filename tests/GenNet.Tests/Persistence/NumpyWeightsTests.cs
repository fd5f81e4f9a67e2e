using System;
using System.IO;
using System.Linq;
using GenNet.Persistence;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;
using static GenNet.Tests.Persistence.NpyFileTests;

namespace GenNet.Tests.Persistence;

public sealed class NumpyWeightsTests : IDisposable
{
    private static readonly double[] BlogInputs = [0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1];

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_blogs_initial_synapses_are_numpys_seed_1_weights()
    {
        var network = new BlogNet();
        NumpyWeights.LoadArrays(network, Fixture("blog_initial_synapse_0.npy"), Fixture("blog_initial_synapse_1.npy"));

        var seeded = new BlogNet();
        seeded.InitializeWeights(1);
        Assert.Equal(seeded.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void A_network_trained_in_numpy_predicts_what_numpy_predicts()
    {
        var network = new BlogNet();
        NumpyWeights.LoadArrays(network, Fixture("blog_trained_synapse_0.npy"), Fixture("blog_trained_synapse_1.npy"));
        double[] expected = NpyFile.Read(Fixture("blog_trained_output.npy")).Values.ToArray();

        var outputs = new double[4];
        network.PredictBatch(BlogInputs, outputs);

        // numpy's dot may sum in another order (BLAS); everything else is the same arithmetic.
        Assert.All(expected.Zip(outputs), pair => Assert.Equal(pair.First, pair.Second, 1e-14));
        Assert.True(outputs[0] < 0.01 && outputs[1] > 0.99, "the imported network has learned XOR");
    }

    [Fact]
    public void Float64_arrays_load_into_a_float_network_rounded()
    {
        var network = new BlogNetSingle();
        NumpyWeights.LoadArrays(network, Fixture("blog_trained_synapse_0.npy"), Fixture("blog_trained_synapse_1.npy"));

        double[] synapse0 = NpyFile.Read(Fixture("blog_trained_synapse_0.npy")).Values.ToArray();
        Assert.Equal(synapse0.Select(v => (float)v), network.Parameters[..12].ToArray());
    }

    [Fact]
    public void A_wrong_shape_is_refused_naming_both_shapes_and_the_weights_stay()
    {
        var network = new BlogNet();
        double[] before = network.Parameters.ToArray();

        // The matrices swapped: (4, 1) where synapse_0 needs (3, 4).
        var error = Assert.Throws<ArchitectureMismatchException>(
            () => NumpyWeights.LoadArrays(network, Fixture("blog_initial_synapse_1.npy"), Fixture("blog_initial_synapse_0.npy")));
        Assert.Equal("synapse_0 (layer_0 → layer_1) needs an array of shape (3, 4); 'blog_initial_synapse_1.npy' has shape (4, 1).", error.Message[..error.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
        Assert.Equal("(3, 4)", error.Expected);
        Assert.Equal("(4, 1)", error.Actual);

        // A transposed synapse_1.
        var transposed = new NpyArray([1, 4], new double[4]);
        var second = Assert.Throws<ArchitectureMismatchException>(
            () => NumpyWeights.LoadArrays(network, [NpyFile.Read(Fixture("blog_initial_synapse_0.npy")), transposed]));
        Assert.Contains("synapse_1 (layer_1 → layer_2) needs an array of shape (4, 1); array 1 has shape (1, 4)", second.Message);

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Too_few_or_too_many_arrays_are_refused_and_the_weights_stay()
    {
        var network = new BlogNet();
        double[] before = network.Parameters.ToArray();
        string s0 = Fixture("blog_initial_synapse_0.npy"), s1 = Fixture("blog_initial_synapse_1.npy");

        Assert.Contains("only 1 arrays were given for the 2 synapses", Assert.Throws<ArchitectureMismatchException>(() => NumpyWeights.LoadArrays(network, s0)).Message);
        Assert.Contains("takes 2 arrays; 3 were given", Assert.Throws<ArchitectureMismatchException>(() => NumpyWeights.LoadArrays(network, s0, s1, s1)).Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Saved_synapses_load_back_and_are_what_np_save_writes()
    {
        var network = new BlogNet();
        NumpyWeights.LoadArrays(network, Fixture("blog_trained_synapse_0.npy"), Fixture("blog_trained_synapse_1.npy"));

        var paths = NumpyWeights.Save(network, _folder.Path);

        // Generation-named arrays, committed by the manifest written after them (see Hardening/Saving/NumpyManifestTests).
        Assert.Equal(new[] { "synapse_0.g1.npy", "synapse_1.g1.npy" }, paths.Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "synapse_manifest.txt")));
        Assert.Equal(File.ReadAllBytes(Fixture("blog_trained_synapse_0.npy")), File.ReadAllBytes(paths[0]));
        Assert.Equal(File.ReadAllBytes(Fixture("blog_trained_synapse_1.npy")), File.ReadAllBytes(paths[1]));
        var copy = new BlogNet();
        NumpyWeights.LoadArrays(copy, [.. paths]);
        Assert.Equal(network.Parameters.ToArray(), copy.Parameters.ToArray());
        var fromFolder = new BlogNet();
        NumpyWeights.Load(fromFolder, _folder.Path);
        Assert.Equal(network.Parameters.ToArray(), fromFolder.Parameters.ToArray());
    }
}

public sealed class NumpyWeightsBiasTests
{
    // 2 → 3 → 2 with bias units: synapse_0 is (2 + 1) × 3, synapse_1 is (3 + 1) × 2; 17 parameters.
    private static readonly GenNet.NetworkArchitecture WithBias = new(
        NetworkPrecision.Double, [2, 3, 2], ["GenNet.Activations.Sigmoid", "GenNet.Activations.Sigmoid"], hasBias: true, LossFunction.SumSquaredError);

    private static NpyArray Sequence(double start, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        return new NpyArray(shape, Enumerable.Range(0, count).Select(i => start + i).ToArray());
    }

    [Fact]
    public void Biases_may_be_each_matrixs_last_row()
    {
        var network = new ParametersOnlyNetwork<double>(WithBias);
        NumpyWeights.LoadArrays(network, [Sequence(0, 3, 3), Sequence(100, 4, 2)]);

        double[] expected = [.. Enumerable.Range(0, 9).Select(i => (double)i), .. Enumerable.Range(100, 8).Select(i => (double)i)];
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void Biases_may_follow_their_matrix_as_vectors_W_b_W_b()
    {
        var network = new ParametersOnlyNetwork<double>(WithBias);
        // W0 (2, 3), b0 (3,), W1 (3, 2), b1 (1, 2): the bias lands in the row after the matrix.
        NumpyWeights.LoadArrays(network, [Sequence(0, 2, 3), Sequence(10, 3), Sequence(100, 3, 2), Sequence(110, 1, 2)]);

        double[] expected = [0, 1, 2, 3, 4, 5, 10, 11, 12, 100, 101, 102, 103, 104, 105, 110, 111];
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void A_missing_or_misshapen_bias_is_refused_and_the_weights_stay()
    {
        var network = new ParametersOnlyNetwork<double>(WithBias);
        network.InitializeWeights(1);
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArchitectureMismatchException>(
            () => NumpyWeights.LoadArrays(network, [Sequence(0, 2, 3), Sequence(10, 2), Sequence(100, 4, 2)]));
        Assert.Contains("synapse_0 (layer_0 → layer_1): the bias after array 0 must have shape (3,) or (1, 3); array 1 has shape (2,)", error.Message);
        Assert.Equal("(3,)", error.Expected);
        Assert.Equal("(2,)", error.Actual);

        var wrong = Assert.Throws<ArchitectureMismatchException>(() => NumpyWeights.LoadArrays(network, [Sequence(0, 3, 2)]));
        Assert.Contains("needs an array of shape (3, 3) with the bias row last, or (2, 3) followed by a bias of shape (3,); array 0 has shape (3, 2)", wrong.Message);

        Assert.Equal(before, network.Parameters.ToArray());
    }
}

public sealed class NumpyWeightsBatchNormalizationTests
{
    [Fact]
    public void Batch_normalised_networks_are_refused_pointing_to_weight_files()
    {
        var architecture = new GenNet.NetworkArchitecture(
            NetworkPrecision.Double, [2, 3, 2], ["GenNet.Activations.Sigmoid", "GenNet.Activations.Sigmoid"], hasBias: true, LossFunction.MeanSquaredError, batchNormalization: true);
        var network = new ParametersOnlyNetwork<double>(architecture);

        var error = Assert.Throws<NotSupportedException>(() => NumpyWeights.LoadArrays(network, [new NpyArray([3, 3], new double[9]), new NpyArray([4, 2], new double[8])]));
        Assert.Contains("Use WeightFile", error.Message);
        Assert.Throws<NotSupportedException>(() => NumpyWeights.Save(network, Path.GetTempPath()));
    }
}
