using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Subscriptions;

namespace EventBridge.Pipeline.Observability;

/// <summary>
/// Meter <c>EventBridge</c>: what operators graph and alert on. Instrument names are written the Prometheus way because
/// the worker exports them with prometheus-net, which names a series <c>{meter}_{instrument}</c> in lower case:
/// <c>intents_total</c> becomes <c>eventbridge_intents_total</c>. No tag carries an intent or conversation id
/// (unbounded series); failure reasons are the closed list of <see cref="Contracts.WrapUpFailureReasons"/>.
/// </summary>
public sealed class WrapUpMetrics
{
    public const string MeterName = "EventBridge";
    public const string IntentsName = "intents_total";
    public const string PendingIntentsName = "pending_intents";
    public const string ApplyLatencyName = "apply_latency_seconds";
    public const string NotificationsReceivedName = "notifications_received_total";
    public const string SettlesName = "settles_total";
    public const string PathTag = "path";
    public const string TriggerTag = "trigger";
    public const string ChannelsConnectedName = "channels_connected";
    public const string ChannelReconnectsName = "channel_reconnects";
    public const string ChannelReplacementsName = "channel_replacements";
    public const string RateBudgetRemainingName = "genesys_rate_budget_remaining";
    public const string RateBudgetLimitName = "genesys_rate_budget_limit";

    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";

    /// <summary>ACW-to-applied latency buckets (seconds): a healthy apply takes well under a second, a throttled one minutes.</summary>
    public static readonly IReadOnlyList<double> ApplyLatencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _intents;
    private readonly Histogram<double> _applyLatency;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _settles;
    private readonly ConcurrentDictionary<(string Path, string Trigger), long> _settleRuns = new();

    /// <param name="services">
    /// Resolves the <see cref="ChannelPool"/> when a gauge is read, not here: the pool routes events through the
    /// <see cref="ConversationEventRouter"/>, which counts them here, so a constructor dependency would be a cycle.
    /// </param>
    public WrapUpMetrics(IMeterFactory meters, PendingIntentIndex index, RateBudgetState budget, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _intents = meter.CreateCounter<long>(IntentsName,
            description: "Wrap-up intents by outcome: accepted, applied, failed (with the failure reason).");
        _applyLatency = meter.CreateHistogram(ApplyLatencyName, unit: "s",
            description: "Time from the agent entering after-call work to the code being applied and confirmed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ApplyLatencyBuckets });
        _notifications = meter.CreateCounter<long>(NotificationsReceivedName,
            description: "Genesys notifications received on the notification channels.");
        _settles = meter.CreateCounter<long>(SettlesName,
            description: "Settle runs by path — in-process (from an event's snapshot, no read), handed-off (in process, then the settle queue), queue — and by trigger (event, intake, reconcile, deadline).");
        meter.CreateObservableGauge(PendingIntentsName, () => index.IntentCount,
            description: "Open intents waiting for their agent's after-call work.");

        var channels = new Lazy<ChannelPool?>(services.GetService<ChannelPool>);
        meter.CreateObservableGauge(ChannelsConnectedName, () => Channels(channels, h => h.ConnectedChannelCount),
            description: "Notification channels with an open socket.");
        meter.CreateObservableGauge(ChannelReconnectsName, () => Channels(channels, h => h.TotalReconnects),
            description: "New sockets to existing channels (drops, silence, socket_closing) since start.");
        meter.CreateObservableGauge(ChannelReplacementsName, () => Channels(channels, h => h.TotalReplacements),
            description: "Channels opened to replace a gone or unrenewable one since start.");

        meter.CreateObservableGauge(RateBudgetRemainingName, () => budget.GetSnapshot().AvailablePermits,
            description: "Genesys requests the local budget could send right now.");
        meter.CreateObservableGauge(RateBudgetLimitName, () => budget.GetSnapshot().RequestsPerMinute,
            description: "Genesys requests per minute the local budget allows (Genesys:RequestsPerMinute).");
    }

    public void Accepted() => _intents.Add(1, Outcome("accepted", ""));

    /// <param name="latency">From the agent entering ACW to applied; null when the ACW start is unknown.</param>
    public void Applied(TimeSpan? latency)
    {
        _intents.Add(1, Outcome("applied", ""));
        if (latency is { } elapsed && elapsed >= TimeSpan.Zero) _applyLatency.Record(elapsed.TotalSeconds);
    }

    public void Failed(string reason) => _intents.Add(1, Outcome("failed", reason));

    public void NotificationReceived() => _notifications.Add(1);

    /// <summary>An in-process settle from a snapshot ended: finished there, or handed to the settle queue.</summary>
    public void SettledInProcess(bool finished, string trigger) => Settled(finished ? SettleCounts.InProcessPath : SettleCounts.HandedOffPath, trigger);

    public void SettledFromQueue(string trigger) => Settled(SettleCounts.QueuePath, trigger);

    /// <summary>Settle runs since start, by path and trigger: what the reliability report says each mechanism did.</summary>
    public SettleCounts Settles => new(new Dictionary<(string Path, string Trigger), long>(_settleRuns));

    private void Settled(string path, string trigger)
    {
        _settleRuns.AddOrUpdate((path, trigger), 1, (_, n) => n + 1);
        _settles.Add(1, new KeyValuePair<string, object?>(PathTag, path), new KeyValuePair<string, object?>(TriggerTag, trigger));
    }

    // Every series of the counter has both tags (reason empty unless failed): Prometheus treats an empty label as
    // absent, and one label set per name keeps exporters that require that happy.
    private static TagList Outcome(string outcome, string reason) => new() { { OutcomeTag, outcome }, { ReasonTag, reason } };

    private static IEnumerable<Measurement<int>> Channels(Lazy<ChannelPool?> channels, Func<SubscriptionHealth, int> read) =>
        channels.Value is { } pool ? [new Measurement<int>(read(pool.GetHealth()))] : [];
}
