using Spectre.Console;

namespace GenNet.Samples.Classifiers;

/// <summary>The live progress bar of <see cref="ClassifierConsole.Train{TResult}"/>.</summary>
public sealed class TrainingDisplay
{
    private readonly ProgressTask _task;
    private readonly string _title;

    internal TrainingDisplay(ProgressTask task, string title)
    {
        _task = task;
        _title = title;
    }

    /// <summary>Moves the bar to <paramref name="done"/> and shows <paramref name="status"/> after the title.</summary>
    public void Update(double done, string status)
    {
        _task.Description = Markup.Escape($"{_title} · {status}");
        _task.Value = done;
    }
}
