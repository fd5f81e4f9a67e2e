using System.IO;
using System.Linq;
using System.Reflection;
using GenNet.Data;
using GenNet.Persistence;
using GenNet.Samples.Classifiers;
using GenNet.Samples.Iris;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Samples;

public sealed class IrisSampleTests
{
    [Fact]
    public void The_sample_program_reaches_at_least_93_percent_and_its_saved_files_reproduce_that()
    {
        using var folder = new TemporaryDirectory();

        // The sample's own Program.cs, run in-process: it exits with 0 only if the reloaded network and scaler
        // predicted exactly as the trained ones.
        MethodInfo main = typeof(IrisNet).Assembly.EntryPoint!;
        Assert.Equal(0, main.Invoke(null, [new[] { folder.Path }]));
        Assert.True(new FileInfo(folder.File("iris.onnx")).Length > 0);

        // Measured again from what it saved, on the same held-out rows (the sample's split seed and fraction).
        LabelledData<float> iris = CsvDataset.Read<float>(IrisSample.DataPath, new CsvDatasetOptions { Header = CsvHeader.ScikitLearn });
        var (trainX, _, testX, testLabels) = Classification.Split<float>(iris.Inputs, iris.Width, iris.Labels, IrisSample.TestFraction, IrisSample.SplitSeed);
        var network = new IrisNet();
        WeightFile.Load(network, folder.File("iris" + WeightFile.Extension));
        Standardizer scaler = Standardizer.Load(folder.File("iris" + Standardizer.Extension));
        ConfusionMatrix test = ConfusionMatrix.Compute(network, scaler.Transformed<float>(testX), testLabels);

        Assert.Equal(30, test.Total);
        Assert.True(test.Accuracy >= 0.93, $"test accuracy {test.Accuracy:P2} ({test.Correct} of {test.Total}) is below 93%\n{test}");

        // The scaling was fitted on the 120 training rows only, not on all 150.
        Assert.Equal(Standardizer.Fit<float>(trainX, 4).Mean.ToArray(), scaler.Mean.ToArray());
        Assert.NotEqual(Standardizer.Fit<float>(iris.Inputs, 4).Mean.ToArray(), scaler.Mean.ToArray());
    }

    [Fact]
    public void The_shipped_iris_csv_reads_as_150_flowers_of_three_species()
    {
        LabelledData<float> iris = CsvDataset.Read<float>(IrisSample.DataPath, new CsvDatasetOptions { Header = CsvHeader.ScikitLearn });
        Assert.Equal(150, iris.Rows);
        Assert.Equal(4, iris.Width);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], Enumerable.Range(0, 3).Select(c => iris.Labels.Count(l => l == c)));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Inputs[..4]);
        Assert.Equal([5.9f, 3.0f, 5.1f, 1.8f], iris.Inputs[^4..]);
    }
}
