using System.Diagnostics.Metrics;
using EventBridge.Pipeline.Observability;
using Prometheus;

namespace EventBridge.Worker.Hosting;

public static class MetricsEndpoints
{
    // prometheus-net drops a series that saw no new measurement for this long (its default: 5 minutes, which would
    // make the counters of a quiet hour vanish and restart from zero). A day is the longest it accepts.
    private static readonly TimeSpan KeepSeriesFor = TimeSpan.FromDays(1);

    /// <summary>
    /// <c>GET /metrics</c>: Prometheus text of the <c>EventBridge</c> meter (<see cref="WrapUpMetrics"/>) plus
    /// prometheus-net's process metrics. Unauthenticated, like the health endpoints: Prometheus scrapes it from inside
    /// the network without credentials, and it holds only counts, gauges and latencies — no secrets, no intent or
    /// conversation ids (tags are outcomes and the closed list of failure reasons).
    /// </summary>
    public static WebApplication MapEventBridgeMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The .NET event counters add a hundred runtime series nobody asked for, and other meters (ASP.NET Core,
        // HttpClient) per-route ones: only our meter is exported, plus prometheus-net's process metrics (CPU, memory).
        // The meter adapter is started here, not left to prometheus-net's first scrape: it only sees measurements made
        // after it starts, and intents handled before Prometheus first scraped would be missing from the counters.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true, SuppressMeters = true });
        var adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == WrapUpMetrics.MeterName,
            MetricsExpireAfter = KeepSeriesFor,
            ResolveHistogramBuckets = instrument =>
                (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries?.ToArray() ?? MeterAdapterOptions.DefaultHistogramBuckets,
        });
        app.Lifetime.ApplicationStopped.Register(adapter.Dispose);

        // Create the meter now, so the gauges are there from the first scrape, not from the first intent.
        _ = app.Services.GetRequiredService<WrapUpMetrics>();
        app.MapMetrics("/metrics").AllowAnonymous();
        return app;
    }
}
