using System;
using System.Linq;
using GenNet.Samples.Co2;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Samples;

public sealed class Co2SampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_data_keeps_its_59_missing_weeks_missing()
    {
        Co2Series series = Co2Series.Load(Co2Series.DataPath);
        Assert.Equal(2284, series.Ppm.Length);
        Assert.Equal(59, series.MissingWeeks);
        Assert.Equal(new DateOnly(1958, 3, 29), series.Weeks[0]);
        Assert.True(double.IsNaN(series.Ppm[Array.IndexOf(series.Weeks, new DateOnly(1958, 5, 10))]));
    }

    [Fact]
    public void The_LSTM_beats_the_seasonal_naive_baseline_on_the_last_five_years()
    {
        Co2Series series = Co2Series.Load(Co2Series.DataPath);

        // At most 30 epochs (the sample allows 200, with early stopping) to keep the test short.
        Co2Forecasts forecasts = Co2Experiment.Run(series, seed: 1, epochs: 30);
        output.WriteLine($"RMSE ppm: LSTM {forecasts.LstmRmse:F3}, seasonal naive {forecasts.SeasonalNaiveRmse:F3}, persistence {forecasts.PersistenceRmse:F3}");

        // Every observed week from 1997 on is scored, and no missing one.
        int observed = Enumerable.Range(0, series.Ppm.Length).Count(t => series.Weeks[t] >= Co2Experiment.TestStart && !double.IsNaN(series.Ppm[t]));
        Assert.Equal(observed, forecasts.Weeks.Length);
        Assert.DoesNotContain(forecasts.Actual, double.IsNaN);

        Assert.True(forecasts.LstmRmse < 0.5 * forecasts.SeasonalNaiveRmse,
            $"LSTM RMSE {forecasts.LstmRmse:F3} ppm should be under half the seasonal-naive {forecasts.SeasonalNaiveRmse:F3} ppm");
    }
}
