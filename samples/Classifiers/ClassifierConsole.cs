using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenNet.Data;
using GenNet;
using Spectre.Console;

namespace GenNet.Samples.Classifiers;

/// <summary>The classifier samples' console: a live progress bar while training, then tables.</summary>
public static class ClassifierConsole
{
    /// <summary>A title rule, then the network's shape in one line and the given lines.</summary>
    public static void WriteHeader(string title, NetworkArchitecture architecture, params string[] lines)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
        AnsiConsole.MarkupLine($"Network: [blue]{Markup.Escape(Describe(architecture))}[/]");
        foreach (string line in lines)
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    /// <summary>E.g. <c>64-64-32-10 float · ReLU, ReLU, Softmax · bias · CategoricalCrossEntropy · 6,570 parameters</c>.</summary>
    public static string Describe(NetworkArchitecture architecture) => string.Create(
        CultureInfo.InvariantCulture,
        $"{string.Join("-", architecture.LayerSizes)} {(architecture.Precision == NetworkPrecision.Single ? "float" : "double")} · " +
        $"{string.Join(", ", architecture.Activations.Select(a => a[(a.LastIndexOf('.') + 1)..]))} · " +
        $"{(architecture.HasBias ? "bias" : "no bias")} · {architecture.Loss} · {architecture.ParameterCount:N0} parameters");

    /// <summary>
    /// Runs <paramref name="train"/> under a live progress bar that goes to <paramref name="total"/> (epochs or steps);
    /// <paramref name="train"/> moves it through the <see cref="TrainingDisplay"/> it receives.
    /// </summary>
    public static TResult Train<TResult>(string title, double total, Func<TrainingDisplay, TResult> train) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => train(new TrainingDisplay(context.AddTask(Markup.Escape(title), maxValue: total), title)));

    /// <summary>One line about an epoch: loss and test accuracy.</summary>
    public static string Summary(EpochRecord epoch, int epochs) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch}/{epochs} · loss {epoch.TrainLoss:F4} · test {100 * epoch.TestAccuracy:F2}%");

    /// <summary>Every <paramref name="every"/>-th epoch (and the last) as a table.</summary>
    public static void WriteHistory(IReadOnlyList<EpochRecord> history, int every)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Training")
            .AddColumns("epoch", "train loss", "test loss", "train acc.", "test acc.", "train time");
        foreach (EpochRecord e in history)
        {
            if (e.Epoch % every == 0 || e.Epoch == 1 || e.Epoch == history[^1].Epoch)
            {
                table.AddRow(
                    e.Epoch.ToString(CultureInfo.InvariantCulture),
                    e.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                    e.TestLoss.ToString("F4", CultureInfo.InvariantCulture),
                    Percent(e.TrainAccuracy),
                    Percent(e.TestAccuracy),
                    e.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
            }
        }

        foreach (TableColumn column in table.Columns)
        {
            column.RightAligned();
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The confusion matrix with the correct answers in green, each class's recall, and the accuracy.</summary>
    /// <remarks>Columns are headed by class number (rows name the classes), so that ten classes fit 80 columns.</remarks>
    public static void WriteConfusionMatrix(ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title("Test set: true class (rows) × predicted class (columns)")
            .Caption(string.Create(CultureInfo.InvariantCulture, $"accuracy {Percent(matrix.Accuracy)} ({matrix.Correct:N0} of {matrix.Total:N0})"));
        table.AddColumn(new TableColumn(string.Empty).PadRight(0));
        for (int p = 0; p < matrix.Classes; p++)
        {
            table.AddColumn(new TableColumn(p.ToString(CultureInfo.InvariantCulture)).RightAligned().PadLeft(1).PadRight(0));
        }

        table.AddColumn(new TableColumn("recall").RightAligned().PadLeft(2).PadRight(0));
        for (int a = 0; a < matrix.Classes; a++)
        {
            var cells = new List<string> { Markup.Escape($"{a} {classNames[a]}") };
            for (int p = 0; p < matrix.Classes; p++)
            {
                int count = matrix[a, p];
                string text = count.ToString(CultureInfo.InvariantCulture);
                cells.Add(a == p ? $"[green]{text}[/]" : count == 0 ? $"[grey]{text}[/]" : $"[red]{text}[/]");
            }

            cells.Add(Percent(matrix.Recall(a)));
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + "%";

}
