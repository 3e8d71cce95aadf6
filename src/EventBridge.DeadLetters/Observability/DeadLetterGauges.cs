using System.Diagnostics.Metrics;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Observability;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Observability;

/// <summary>
/// What support's alerts need from the dead letters (docs/ALERTS.md), on the worker's <c>EventBridge</c> meter:
/// <c>eventbridge_dead_letters_open{reason}</c> and <c>eventbridge_dead_letter_oldest_open_age_seconds</c>. A scrape must
/// not query the store, so the groups are read every <see cref="DeadLetterOptions.GaugeInterval"/> and the gauges show
/// the last read. Every replica of a cluster reads the same store: alert on <c>max()</c>, not <c>sum()</c>.
/// </summary>
public sealed class DeadLetterGauges : BackgroundService
{
    public const string OpenName = "dead_letters_open";
    public const string OldestAgeName = "dead_letter_oldest_open_age_seconds";

    private readonly IDeadLetterStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<DeadLetterGauges> _logger;
    private volatile IReadOnlyList<DeadLetterGroup> _groups = [];

    public DeadLetterGauges(IDeadLetterStore store, IMeterFactory meters, IOptions<DeadLetterOptions> options, TimeProvider time, ILogger<DeadLetterGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _interval = options.Value.GaugeInterval;
        _logger = logger;
        var meter = meters.Create(WrapUpMetrics.MeterName);
        meter.CreateObservableGauge(OpenName, () => _groups.Select(g => new Measurement<int>(g.Count, new KeyValuePair<string, object?>(WrapUpMetrics.ReasonTag, g.Reason))),
            description: "Open dead letters by reason: failures waiting for support (the store's count, read every GaugeInterval).");
        meter.CreateObservableGauge(OldestAgeName, OldestAgeSeconds, unit: "s",
            description: "Age of the oldest open dead letter; 0 when none is open.");
    }

    /// <summary>Reads the groups now (the loop does it every interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) => _groups = await _store.GetGroupsAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception unreadable) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauges keep their last value; the store's own health check says what is wrong.
                _logger.LogWarning("Reading the dead-letter groups for the metrics failed: {ExceptionType}: {ExceptionMessage}",
                    unreadable.GetType().Name, unreadable.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private double OldestAgeSeconds()
    {
        var groups = _groups;
        return groups.Count == 0 ? 0 : Math.Max(0, (_time.GetUtcNow() - groups.Min(g => g.Oldest)).TotalSeconds);
    }
}
