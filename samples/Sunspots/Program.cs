using System;
using System.IO;
using GenNet.Samples.Sunspots;
using ScottPlot;

// Sunspots: train a GRU forecaster on 1700–1950, forecast each year of 1951–2008 from the years before it, and
// compare with persistence (next year = this year) and a dense network on the last 10 years. Output folder: first argument.
string output = Path.GetFullPath(args.Length > 0 ? args[0] : "sunspots-output");
Directory.CreateDirectory(output);

SunspotSeries series = SunspotSeries.Load(SunspotSeries.DataPath);
SunspotForecasts forecasts = SunspotExperiment.Run(series);

Console.WriteLine($"Sunspots {series.FirstYear}–{series.LastYear}: trained on {series.FirstYear}–{SunspotExperiment.LastTrainingYear}, " +
                  $"one-step-ahead forecasts of {forecasts.Years[0]}–{forecasts.Years[^1]}");
Console.WriteLine($"  {$"GRU 16 ({SunspotExperiment.Context} years of context)",-34} RMSE {forecasts.GruRmse,6:F2}   (trained in {forecasts.GruTraining.TotalSeconds:F1} s)");
Console.WriteLine($"  {$"dense 10-16-1 (last {SunspotExperiment.Window} years)",-34} RMSE {forecasts.DenseRmse,6:F2}");
Console.WriteLine($"  {"persistence (next = this year)",-34} RMSE {forecasts.PersistenceRmse,6:F2}");

var plot = new Plot();
double[] years = Array.ConvertAll(forecasts.Years, year => (double)year);
plot.Add.Scatter(years, forecasts.Actual, Colors.Black).LegendText = "actual";
plot.Add.Scatter(years, forecasts.Gru, Colors.C0).LegendText = $"GRU (RMSE {forecasts.GruRmse:F1})";
plot.Add.Scatter(years, forecasts.Dense, Colors.C1).LegendText = $"dense window (RMSE {forecasts.DenseRmse:F1})";
plot.Add.Scatter(years, forecasts.Persistence, Colors.Gray).LegendText = $"persistence (RMSE {forecasts.PersistenceRmse:F1})";
plot.Title("Yearly sunspot number: one-step-ahead forecasts");
plot.XLabel("year");
plot.YLabel("sunspot number");
plot.ShowLegend(Alignment.UpperLeft);
string png = Path.Combine(output, "sunspots-forecast.png");
plot.SavePng(png, 1200, 500);
Console.WriteLine($"Plot: {png}");
return forecasts.GruRmse < forecasts.PersistenceRmse ? 0 : 1;
