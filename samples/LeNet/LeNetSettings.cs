using System;
using GenNet.Samples.Classifiers;

namespace GenNet.Samples.LeNet;

/// <summary>The sample's run: 10 epochs of Adam on batches of 64, its step size annealed along half a cosine, every core computing each batch's gradient.</summary>
public static class LeNetSettings
{
    /// <summary>Chunks of 32 images give two threads two chunks per batch; the weights come out the same for any
    /// thread count because the chunking, not the threads, fixes the order of the sums.</summary>
    public static FashionMnistSettings Default { get; } = new()
    {
        Epochs = 10,
        BatchSize = 64,
        LearningRate = 0.002f,
        CosineDecay = true,
        Threads = Environment.ProcessorCount,
        GradientChunkRows = 32,
        ReportEverySteps = 20,
    };

    /// <summary>The batch-normalised LeNet-5: every core (the network spreads each layer's rows over them itself, the
    /// same bits on any number), a larger step, as normalised layers allow.</summary>
    public static FashionMnistSettings BatchNormalized { get; } = new()
    {
        Epochs = 10,
        BatchSize = 64,
        LearningRate = 0.005f,
        CosineDecay = true,
        Threads = Environment.ProcessorCount,
        ReportEverySteps = 20,
    };
}
