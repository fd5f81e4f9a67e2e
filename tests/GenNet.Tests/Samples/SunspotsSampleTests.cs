using GenNet.Samples.Sunspots;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Samples;

public sealed class SunspotsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_GRU_forecaster_beats_persistence_on_the_years_it_never_saw()
    {
        SunspotSeries series = SunspotSeries.Load(SunspotSeries.DataPath);
        Assert.Equal((1700, 2008, 309), (series.FirstYear, series.LastYear, series.Values.Length));

        // The sample's own run (early stopping on sequences held out from 1700–1950); the forecasts are of 1951–2008,
        // which neither the training, the stopping nor the scaling saw.
        SunspotForecasts forecasts = SunspotExperiment.Run(series, seed: 1);
        output.WriteLine($"RMSE: GRU {forecasts.GruRmse:F2}, dense {forecasts.DenseRmse:F2}, persistence {forecasts.PersistenceRmse:F2}");

        Assert.Equal(58, forecasts.Years.Length);
        Assert.Equal(series[1951], forecasts.Actual[0]);
        Assert.Equal(series[1950], forecasts.Persistence[0]);
        Assert.True(forecasts.GruRmse < 0.85 * forecasts.PersistenceRmse,
            $"GRU RMSE {forecasts.GruRmse:F2} should beat persistence ({forecasts.PersistenceRmse:F2}) by 15% or more");
    }
}
