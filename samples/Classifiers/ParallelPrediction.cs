using System;
using System.Threading.Tasks;
using GenNet;

namespace GenNet.Samples.Classifiers;

/// <summary>
/// <c>PredictBatch</c> over many rows on several threads: contiguous ranges of rows, one per thread. A generated
/// network's prediction only reads the weights and keeps its workspace per call, so threads can share the instance, and
/// each row's outputs are the ones <c>Predict</c> gives, whatever the split.
/// </summary>
public static class ParallelPrediction
{
    public static void Run(INetwork<float> network, float[] inputs, float[] outputs, int threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        int rows = outputs.Length / network.OutputCount;
        int parts = Math.Clamp(threads, 1, Math.Max(1, rows / 256));
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int first = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts);
            network.PredictBatch(
                inputs.AsSpan(first * network.InputCount, (end - first) * network.InputCount),
                outputs.AsSpan(first * network.OutputCount, (end - first) * network.OutputCount));
        });
    }
}
