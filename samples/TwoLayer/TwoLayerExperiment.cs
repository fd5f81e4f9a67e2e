using System;
using System.IO;
using GenNet;
using GenNet.Samples.Shared;

namespace GenNet.Samples.TwoLayer;

/// <summary>
/// The two-layer networks of both posts: <c>np.random.seed(1)</c>, 10,000 full-batch steps with no alpha (a step of
/// 1), then <c>print layer_1</c>.
/// </summary>
public static class TwoLayerExperiment
{
    /// <summary>Trains both networks and writes what the blog prints for each.</summary>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<double> layer1 = stackalloc double[4];

        output.WriteLine("Part 1, 2 Layer Neural Network (3 inputs, 1 output):");
        Train(new Part1TwoLayerNet(), BlogData.Part1TwoLayerInputs, BlogData.Part1TwoLayerTargets, layer1);
        output.WriteLine("Output After Training:");
        output.WriteLine(NumpyFormat.Matrix(layer1, layer1.Length, Part1TwoLayerNet.OutputCount));

        output.WriteLine();
        output.WriteLine("Part 2, 2 Layer Neural Network (2 inputs, 1 output):");
        Train(new Part2TwoLayerNet(), BlogData.Part2TwoLayerInputs, BlogData.Part2TwoLayerTargets, layer1);
        output.WriteLine("Output After Training:");
        output.WriteLine(NumpyFormat.Matrix(layer1, layer1.Length, Part2TwoLayerNet.OutputCount));
    }

    /// <summary>
    /// The blog's loop, line for line. <paramref name="layer1"/> receives <c>layer_1</c> of the last iteration, which is
    /// what the blog prints: the forward pass taken before the last update.
    /// </summary>
    public static void Train(ITrainableNetwork<double> network, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> layer1)
    {
        ArgumentNullException.ThrowIfNull(network);

        // np.random.seed(1); syn0 = 2*np.random.random((n,1)) - 1
        network.InitializeWeights(BlogData.Seed);
        for (int iter = 0; iter < BlogData.TwoLayerIterations; iter++)
        {
            // layer_0 = X; layer_1 = sigmoid(np.dot(layer_0, syn0))
            network.PredictBatch(x, layer1);

            // layer_1_delta = (layer_1 - y) * layer_1*(1-layer_1); syn0 -= np.dot(layer_0.T, layer_1_delta)
            network.TrainStep(x, y, learningRate: 1.0);
        }
    }
}
