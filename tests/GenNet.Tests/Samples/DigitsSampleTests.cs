using System.IO;
using System.IO.Compression;
using GenNet.Samples.Digits;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Samples;

public sealed class DigitsSampleTests
{
    [Fact]
    public void The_samples_network_classifies_at_least_97_percent_of_the_held_out_digits()
    {
        DigitsData data = DigitsData.Load(DigitsData.DefaultPath);
        Assert.Equal(1797, data.Rows);

        DigitsRun run = DigitsExperiment.Run(data, new DigitsSettings());

        Assert.Equal(449, run.TestRows);
        Assert.Equal(449, run.Test.Total);
        Assert.Equal(40, run.History.Count);
        Assert.True(run.Test.Accuracy >= 0.97, $"test accuracy {run.Test.Accuracy:P2} ({run.Test.Correct} of {run.Test.Total}) is below 97%");
        Assert.Equal(run.Test.Accuracy, run.History[^1].TestAccuracy);
    }

    [Fact]
    public void A_damaged_data_line_is_refused_with_its_number()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("digits.csv.gz");
        using (var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest)))
        {
            writer.WriteLine(string.Join(",", new int[65]));
            writer.WriteLine(string.Join(",", new int[64]) + ",10");
        }

        var error = Assert.Throws<InvalidDataException>(() => DigitsData.Load(path));
        Assert.Contains("line 2, value 65: '10' is not an integer from 0 to 9", error.Message);
    }
}
