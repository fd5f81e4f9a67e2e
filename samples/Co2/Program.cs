using System;
using System.IO;
using GenNet.Samples.Co2;
using ScottPlot;

// Mauna Loa CO₂: an LSTM on weekly changes and the season, trained before 1997, forecasts each observed week of
// 1997–2001 one week ahead; compared with the seasonal-naive baseline (the same week a year earlier) and persistence
// (last week's value). Output folder: first argument.
string output = Path.GetFullPath(args.Length > 0 ? args[0] : "co2-output");
Directory.CreateDirectory(output);

Co2Series series = Co2Series.Load(Co2Series.DataPath);
Co2Forecasts forecasts = Co2Experiment.Run(series);

Console.WriteLine($"CO₂ {series.Weeks[0]:yyyy-MM-dd} to {series.Weeks[^1]:yyyy-MM-dd}: {series.Ppm.Length} weeks, {series.MissingWeeks} missing; " +
                  $"one-week-ahead forecasts of the {forecasts.Weeks.Length} observed weeks from {Co2Experiment.TestStart:yyyy-MM-dd}");
Console.WriteLine($"  {$"LSTM 16 ({Co2Experiment.Context} weeks of context)",-38} RMSE {forecasts.LstmRmse,5:F3} ppm   ({forecasts.Epochs} epochs, {forecasts.Training.TotalSeconds:F1} s)");
Console.WriteLine($"  {"seasonal naive (same week last year)",-38} RMSE {forecasts.SeasonalNaiveRmse,5:F3} ppm");
Console.WriteLine($"  {"persistence (last week)",-38} RMSE {forecasts.PersistenceRmse,5:F3} ppm");

var plot = new Plot();
double[] days = Array.ConvertAll(forecasts.Weeks, week => week.ToDateTime(TimeOnly.MinValue).ToOADate());
plot.Add.Scatter(days, forecasts.Actual, Colors.Black).LegendText = "actual";
plot.Add.Scatter(days, forecasts.Lstm, Colors.C0).LegendText = $"LSTM (RMSE {forecasts.LstmRmse:F2})";
plot.Add.Scatter(days, forecasts.SeasonalNaive, Colors.Gray).LegendText = $"seasonal naive (RMSE {forecasts.SeasonalNaiveRmse:F2})";
plot.Axes.DateTimeTicksBottom();
plot.Title("Mauna Loa CO₂: one-week-ahead forecasts");
plot.YLabel("ppm");
plot.ShowLegend(Alignment.UpperLeft);
string png = Path.Combine(output, "co2-forecast.png");
plot.SavePng(png, 1200, 500);
Console.WriteLine($"Plot: {png}");
return forecasts.LstmRmse < forecasts.SeasonalNaiveRmse ? 0 : 1;
