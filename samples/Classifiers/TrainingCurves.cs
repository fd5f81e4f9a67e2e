using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace GenNet.Samples.Classifiers;

/// <summary>Draws a run's loss and accuracy curves, training and test, side by side in one PNG.</summary>
public static class TrainingCurves
{
    /// <summary>Writes the two charts to <paramref name="path"/> (PNG, 1400 × 500).</summary>
    public static void SavePng(IReadOnlyList<EpochRecord> history, string title, string path)
    {
        double[] epochs = history.Select(e => (double)e.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        Plot loss = multiplot.GetPlot(0);
        AddLine(loss, epochs, history.Select(e => e.TrainLoss), "training", Colors.C0);
        AddLine(loss, epochs, history.Select(e => e.TestLoss), "test", Colors.C1);
        loss.Title($"{title}: cross-entropy loss");
        loss.XLabel("epoch");
        loss.YLabel("mean loss");
        loss.ShowLegend(Alignment.UpperRight);
        loss.Axes.SetLimitsY(0, 1.05 * history.Max(e => Math.Max(e.TrainLoss, e.TestLoss)));

        Plot accuracy = multiplot.GetPlot(1);
        AddLine(accuracy, epochs, history.Select(e => 100 * e.TrainAccuracy), "training", Colors.C0);
        AddLine(accuracy, epochs, history.Select(e => 100 * e.TestAccuracy), "test", Colors.C1);
        accuracy.Title($"{title}: accuracy");
        accuracy.XLabel("epoch");
        accuracy.YLabel("% correct");
        accuracy.ShowLegend(Alignment.LowerRight);

        multiplot.SavePng(path, 1400, 500);
    }

    private static void AddLine(Plot plot, double[] xs, IEnumerable<double> ys, string label, Color color)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray(), color);
        line.LegendText = label;
        line.MarkerSize = 3;
    }
}
