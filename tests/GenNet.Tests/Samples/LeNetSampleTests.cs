using GenNet.Samples.Classifiers;
using GenNet.Samples.LeNet;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Samples;

public sealed class LeNetSampleTests
{
    [FashionMnistFact]
    public void A_short_run_on_a_few_thousand_images_learns_well_above_chance()
    {
        FashionMnistData data = FashionMnistData.Load(FashionMnistData.DefaultFolder).Take(train: 3000, test: 1000);
        FashionMnistSettings settings = LeNetSettings.Default with { Epochs = 2, Threads = 2 };

        FashionMnistRun<LeNet5> run = FashionMnistExperiment.Run(() => new LeNet5(), data, settings);

        Assert.Equal(2, run.History.Count);
        Assert.True(run.History[1].TrainLoss < run.History[0].TrainLoss, $"the loss rose: {run.History[0].TrainLoss} then {run.History[1].TrainLoss}");
        // Chance is 10%.
        Assert.True(run.Test.Accuracy >= 0.70, $"test accuracy {run.Test.Accuracy:P1} on 1000 images is below 70%");
    }
}
