using System;
using System.IO;
using GenNet;
using GenNet.Activations;

namespace GenNet.Samples.Iris;

/// <summary>4 standardised measurements → 8 tanh → 3 softmax outputs, one per species, trained with cross-entropy; float.</summary>
[Network(Inputs = 4, Hidden = 8, Outputs = 3, HiddenActivation = typeof(Tanh), OutputActivation = typeof(Softmax),
         Loss = LossFunction.CategoricalCrossEntropy, Precision = NetworkPrecision.Single)]
public partial class IrisNet { }

/// <summary>The sample's fixed choices (its test reads them too) and one helper.</summary>
public static class IrisSample
{
    /// <summary>The copy of iris.csv shipped beside the program.</summary>
    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    /// <summary>Fraction of the 150 flowers held out for testing: 30.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Seed of the shuffled train/test split.</summary>
    public const int SplitSeed = 42;

    /// <summary>Seed of the initial weights.</summary>
    public const int WeightSeed = 1;

    /// <summary>The network's outputs (class probabilities) for every row of <paramref name="inputs"/>.</summary>
    public static float[] Predict(INetwork<float> network, ReadOnlySpan<float> inputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        var outputs = new float[inputs.Length / network.InputCount * network.OutputCount];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }
}
