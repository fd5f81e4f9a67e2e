using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenNet;
using GenNet.Tests.Infrastructure;

namespace GenNet.Tests.Blog;

/// <summary>One entry of <c>experiments</c> in Reference/blog-tables.json, read into typed values.</summary>
internal sealed class BlogExperiment
{
    private static readonly HashSet<string> ChaoticWeightsOnly = new(StringComparer.Ordinal)
    {
        // The file marks this run not sensitive, and its errors are not: they saturate at exactly 0.5. Its final
        // weights are, though: hidden neuron 1 and synapse_1[2] keep moving with last-bit exp differences before they
        // freeze. The blog's own printout shows it (synapse_1[2] = -116.60053379 where numpy has -133.8008...).
        "post2_alpha_sweep_hidden4_alpha1000",
    };

    private readonly JsonElement _json;

    private BlogExperiment(JsonElement json)
    {
        _json = json;
        Name = json.GetProperty("name").GetString()!;
        int[] shape = json.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        (Inputs, Hidden, Outputs) = (shape[0], shape[1], shape[2]);
        Seed = json.GetProperty("seed").GetInt32();
        Iterations = json.GetProperty("iterations").GetInt32();
        X = Decimals(json.GetProperty("X"));
        Y = Decimals(json.GetProperty("y"));
    }

    public string Name { get; }

    public int Inputs { get; }

    /// <summary>0 for the two-layer networks.</summary>
    public int Hidden { get; }

    public int Outputs { get; }

    public int Seed { get; }

    public int Iterations { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public bool IsSweep => _json.TryGetProperty("alpha", out _);

    /// <summary>The step size; the two-layer networks have none, which is a step of 1.</summary>
    public double Alpha => IsSweep ? _json.GetProperty("alpha").GetDouble() : 1.0;

    public int ErrorEvery => _json.GetProperty("error_every").GetInt32();

    /// <summary>The file's flag: the trajectory is chaotic at the last-bit level, so its errors can only be matched approximately.</summary>
    public bool Sensitive => _json.TryGetProperty("sensitive", out JsonElement s) && s.GetBoolean();

    /// <summary>Whether the final weights can only be matched approximately: the sensitive runs, and alpha 1000 with 4 hidden.</summary>
    public bool HasChaoticWeights => Sensitive || ChaoticWeightsOnly.Contains(Name);

    public bool HasDirectionChanges => _json.TryGetProperty("numpy_direction_changes_synapse_0", out _);

    public int Synapse0Size => Inputs * (Hidden == 0 ? Outputs : Hidden);

    public double[] NumpyErrors => BlogTables.HexMatrix(_json.GetProperty("numpy_errors_hex"));

    public string[] BlogErrors => Strings("blog_errors");

    public double[] NumpyInitialParameters =>
        Decimals(_json.GetProperty("numpy_initial_synapse_0")).Concat(Decimals(_json.GetProperty("numpy_initial_synapse_1"))).ToArray();

    /// <summary>synapse_0 then (for three layers) synapse_1, row-major: GenNet's <c>Parameters</c> order.</summary>
    public double[] NumpyFinalParameters =>
        _json.TryGetProperty("numpy_final_synapse_1_hex", out JsonElement synapse1)
            ? BlogTables.HexMatrix(_json.GetProperty("numpy_final_synapse_0_hex")).Concat(BlogTables.HexMatrix(synapse1)).ToArray()
            : BlogTables.HexMatrix(_json.GetProperty("numpy_final_synapse_0_hex"));

    public int[] NumpyDirectionChanges =>
        Decimals(_json.GetProperty("numpy_direction_changes_synapse_0"))
            .Concat(Decimals(_json.GetProperty("numpy_direction_changes_synapse_1")))
            .Select(v => checked((int)v))
            .ToArray();

    public double[] NumpyOutputAfterTraining => Decimals(_json.GetProperty("numpy_output_after_training"));

    public string[] BlogOutputAfterTraining => Strings("blog_output_after_training");

    public static BlogExperiment Get(string name) => new(BlogTables.Experiment(name));

    /// <summary>Names of the alpha-sweep runs (hidden 4 and 32), in the file's order.</summary>
    public static IEnumerable<string> SweepNames => All().Where(e => e.IsSweep).Select(e => e.Name);

    /// <summary>Names of the two-layer runs of both posts.</summary>
    public static IEnumerable<string> TwoLayerNames => All().Where(e => !e.IsSweep).Select(e => e.Name);

    /// <summary>A fresh network of this experiment's shape, declared in <see cref="BlogNetworks"/>.</summary>
    public ITrainableNetwork<double> CreateNetwork() => (Inputs, Hidden, Outputs) switch
    {
        (3, 4, 1) => new BlogNet3x4x1(),
        (3, 32, 1) => new BlogNet3x32x1(),
        (3, 0, 1) => new BlogNet3x1(),
        (2, 0, 1) => new BlogNet2x1(),
        _ => throw new NotSupportedException($"No test network of shape {Inputs}-{Hidden}-{Outputs} for {Name}."),
    };

    public override string ToString() => Name;

    private static IEnumerable<BlogExperiment> All() =>
        BlogTables.Root.GetProperty("experiments").EnumerateArray().Select(e => new BlogExperiment(e));

    // Python repr decimals round-trip exactly through double parsing.
    private static double[] Decimals(JsonElement element) =>
        element.EnumerateArray()
            .SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().ToArray() : new[] { row })
            .Select(v => v.GetDouble())
            .ToArray();

    private string[] Strings(string property) =>
        _json.GetProperty(property).EnumerateArray().Select(v => v.GetString()!).ToArray();
}
