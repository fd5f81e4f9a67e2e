using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using GenNet;
using GenNet.Persistence;
using Spectre.Console;

namespace GenNet.Samples.Classifiers;

/// <summary>
/// The console program of the Fashion-MNIST samples (the dense FashionMnist and the convolutional LeNet): finds and loads
/// the data, trains with a live display, then prints the time per epoch, the accuracy history and the confusion matrix
/// and saves the curves and weights. The samples differ only in their network and settings.
/// </summary>
public static class FashionMnistProgram
{
    /// <summary>Runs the sample. Arguments: [data folder] [epochs] [output folder]; the data folder holds the four IDX
    /// files (gzip or raw), by default Debian's /usr/share/datasets/fashion-mnist.</summary>
    /// <returns>The process exit code: 0, 2 when the data is missing, 3 when it is damaged.</returns>
    public static int Run<TNetwork>(string[] args, string sample, NetworkArchitecture architecture, Func<TNetwork> create, FashionMnistSettings settings)
        where TNetwork : ITrainableNetwork<float>
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(settings);
        string folder = args.Length > 0 ? args[0] : FashionMnistData.DefaultFolder;
        if (args.Length > 1)
        {
            settings = settings with { Epochs = int.Parse(args[1], CultureInfo.InvariantCulture) };
        }

        string output = Path.GetFullPath(args.Length > 2 ? args[2] : sample.ToLowerInvariant() + "-output");

        IReadOnlyList<string> missing = FashionMnistData.MissingFiles(folder);
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"Fashion-MNIST is not in '{folder}': missing {string.Join(", ", missing)} (.gz or uncompressed).");
            Console.Error.WriteLine("Get it with one of:");
            Console.Error.WriteLine("  sudo apt-get install dataset-fashion-mnist          # Debian/Ubuntu: installs to /usr/share/datasets/fashion-mnist");
            Console.Error.WriteLine("  download the four *-ubyte.gz files from https://github.com/zalandoresearch/fashion-mnist (data/fashion)");
            Console.Error.WriteLine($"and pass their folder: dotnet run --project samples/{sample} -c Release -- <folder> [epochs] [output folder]");
            return 2;
        }

        FashionMnistData data;
        try
        {
            data = FashionMnistData.Load(folder);
        }
        catch (InvalidDataException error)
        {
            Console.Error.WriteLine($"The data in '{folder}' cannot be used: {error.Message}");
            return 3;
        }

        ClassifierConsole.WriteHeader(
            $"GenNet · {sample} · Fashion-MNIST",
            architecture,
            $"Data: {data.TrainLabels.Length:N0} training and {data.TestLabels.Length:N0} test images from {folder}",
            $"Training: Adam, learning rate {settings.LearningRate}{(settings.CosineDecay ? " (cosine decay)" : "")}, mini-batches of {settings.BatchSize}, {settings.Epochs} epochs, {settings.Threads} thread(s)");

        int lastEpoch = 0;
        FashionMnistRun<TNetwork> run = ClassifierConsole.Train("Training", 1.0, display => FashionMnistExperiment.Run(
            create,
            data,
            settings,
            onEpoch: epoch =>
            {
                lastEpoch = epoch.Epoch;
                display.Update((double)epoch.Epoch / settings.Epochs, ClassifierConsole.Summary(epoch, settings.Epochs));
            },
            onStep: (step, total, loss) => display.Update((double)step / total, string.Create(
                CultureInfo.InvariantCulture, $"epoch {lastEpoch + 1}/{settings.Epochs} · step {step:N0}/{total:N0} · batch loss {loss:F4}"))));

        // Time per epoch: training only (forward, backward, Adam), without the accuracy measurements.
        var times = new Table().Border(TableBorder.Rounded).Title("Time per epoch")
            .AddColumns("epoch", "training time", "images/s", "test accuracy");
        TimeSpan previous = TimeSpan.Zero;
        foreach (EpochRecord epoch in run.History)
        {
            TimeSpan time = epoch.Elapsed - previous;
            previous = epoch.Elapsed;
            times.AddRow(
                epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                $"{time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s",
                (data.TrainLabels.Length / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
                $"{(100 * epoch.TestAccuracy).ToString("F2", CultureInfo.InvariantCulture)}%");
        }

        AnsiConsole.Write(times);
        AnsiConsole.MarkupLineInterpolated(
            $"Training time, {run.History.Count} epochs: [bold]{previous.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s[/]; test accuracy [bold]{(100 * run.Test.Accuracy).ToString("F2", CultureInfo.InvariantCulture)}%[/]");
        ClassifierConsole.WriteHistory(run.History, every: 1);
        ClassifierConsole.WriteConfusionMatrix(run.Test, FashionMnistData.ClassNames);

        Directory.CreateDirectory(output);
        string stem = sample.ToLowerInvariant();
        string curves = Path.Combine(output, stem + "-curves.png");
        TrainingCurves.SavePng(run.History, $"{sample} · Fashion-MNIST", curves);
        string weights = Path.Combine(output, stem + WeightFile.Extension);
        WeightFile.Save(run.Network, weights);
        AnsiConsole.MarkupLineInterpolated($"Curves:  [link]{curves}[/]");
        AnsiConsole.MarkupLineInterpolated($"Weights: [link]{weights}[/]");
        return 0;
    }
}
