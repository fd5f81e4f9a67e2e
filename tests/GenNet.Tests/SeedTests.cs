using System.Linq;
using System.Text.Json;
using GenNet;
using GenNet.Tests.Infrastructure;
using GenNet.Tests.Networks;
using Xunit;

namespace GenNet.Tests;

/// <summary>Seeded initialisation: numpy's stream bit for bit, and the same seed always giving the same weights.</summary>
public sealed class SeedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void NumpyRandom_matches_numpy_bit_for_bit(int seed)
    {
        JsonElement check = BlogTables.Root.GetProperty("rng_check").GetProperty(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double[] expected = check.GetProperty("random10_hex").EnumerateArray().Select(v => BlogTables.ParseHex(v.GetString()!)).ToArray();

        var random = new NumpyRandom(seed);
        double[] actual = Enumerable.Range(0, expected.Length).Select(_ => random.NextDouble()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void InitializeWeights_draws_the_blogs_initial_synapses()
    {
        JsonElement experiment = BlogTables.Experiment("post2_alpha_sweep_hidden4_alpha1");
        Assert.Equal(1, experiment.GetProperty("seed").GetInt32());
        double[] synapse0 = experiment.GetProperty("numpy_initial_synapse_0").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        double[] synapse1 = experiment.GetProperty("numpy_initial_synapse_1").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();

        var network = new Net3x4x1();
        network.InitializeWeights(1);

        Assert.Equal(synapse0, network.Synapse0.ToArray());
        Assert.Equal(synapse1, network.Synapse1.ToArray());
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_another_seed_different_ones()
    {
        var a = new Net40x30x3();
        var b = new Net40x30x3();
        a.Parameters.Clear();
        a.InitializeWeights(42);
        b.InitializeWeights(42);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());

        b.InitializeWeights(43);
        Assert.NotEqual(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.All(a.Parameters.ToArray(), w => Assert.InRange(w, -1.0, 1.0));
    }

    [Fact]
    public void New_networks_start_from_seed_zero()
    {
        var fresh = new Net5x7x3();
        var seeded = new Net5x7x3();
        seeded.InitializeWeights(0);
        Assert.Equal(seeded.Parameters.ToArray(), fresh.Parameters.ToArray());
        Assert.Contains(fresh.Parameters.ToArray(), w => w != 0);
    }

    [Fact]
    public void Single_precision_weights_are_the_double_draws_rounded()
    {
        var single = new Net3x4x1Single();
        var reference = new Net3x4x1();
        single.InitializeWeights(7);
        reference.InitializeWeights(7);
        Assert.Equal(reference.Parameters.ToArray().Select(v => (float)v), single.Parameters.ToArray());
    }
}
