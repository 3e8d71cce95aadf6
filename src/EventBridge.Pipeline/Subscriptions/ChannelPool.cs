using EventBridge.Genesys;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// The notification channels of this worker: topics are spread over up to <c>MaxChannels</c> channels of at most
/// <c>MaxTopicsPerChannel</c> (Genesys: 1,000 per channel, 20 channels per OAuth client), requests arriving together
/// become one bulk call per channel, and every event goes to the <see cref="ConversationEventRouter"/>. Topics that
/// Genesys refuses or that do not fit are reported in <see cref="GetHealth"/> and left to REST reconciliation.
/// </summary>
public sealed partial class ChannelPool(
    GenesysApiClient genesys,
    ConversationEventRouter router,
    ReconcileSignal reconcile,
    IOptions<SubscriptionOptions> subscriptionOptions,
    IOptions<WrapUpPipelineOptions> pipelineOptions,
    TimeProvider time,
    ILoggerFactory loggers,
    ChannelShare? share = null) : BackgroundService
{
    private static readonly StringComparer Topics = StringComparer.OrdinalIgnoreCase;
    private readonly SubscriptionOptions _options = subscriptionOptions.Value;

    private readonly int _channelLimit = (share ?? ChannelShare.Whole).ChannelsFor(subscriptionOptions.Value);
    private readonly ILogger _logger = loggers.CreateLogger<ChannelPool>();
    private readonly System.Threading.Channels.Channel<PendingSubscription> _requests =
        System.Threading.Channels.Channel.CreateUnbounded<PendingSubscription>(new() { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly List<ChannelSession> _sessions = [];
    private readonly Dictionary<string, RejectedTopic> _rejected = new(Topics);
    private readonly HashSet<string> _overCapacity = new(Topics);
    private volatile bool _started;
    private CancellationToken _stopping;

    /// <summary>
    /// Makes sure notifications cover <paramref name="topics"/>. True when every topic is subscribed; false when some
    /// are refused by Genesys or beyond the channel share (those are not asked for again). Calls within the debounce
    /// window share one subscription call per channel.
    /// </summary>
    public async Task<bool> EnsureAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        var wanted = topics.Distinct(Topics).ToList();
        if (wanted.Count == 0) return true;
        lock (_lock)
        {
            if (wanted.All(IsSubscribed)) return true;
            if (wanted.All(t => IsSubscribed(t) || _rejected.ContainsKey(t) || _overCapacity.Contains(t))) return false;
        }

        var pending = new PendingSubscription(wanted);
        if (!_requests.Writer.TryWrite(pending))
            throw new InvalidOperationException("Notification subscriptions are stopped: the host is shutting down.");
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>A consistent copy of every channel's state, the rejected topics and those beyond capacity.</summary>
    public SubscriptionHealth GetHealth()
    {
        lock (_lock)
        {
            return new SubscriptionHealth
            {
                Channels = [.. _sessions.Select(s => s.Health())],
                RejectedTopics = [.. _rejected.Values.OrderBy(r => r.Topic, Topics)],
                TopicsOverCapacity = [.. _overCapacity.Order(Topics)],
                Started = _started,
            };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var batches = RunBatchesAsync(stoppingToken);
        await SubscribeConfiguredQueuesAsync(stoppingToken);
        await batches;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        List<ChannelSession> sessions;
        lock (_lock) sessions = [.. _sessions];
        foreach (var session in sessions)
            await session.DisposeAsync();
    }

    /// <summary>The configured queues' topics, retried with backoff: Genesys being down at start must not stop the host.</summary>
    private async Task SubscribeConfiguredQueuesAsync(CancellationToken stoppingToken)
    {
        var queueTopics = pipelineOptions.Value.QueueIds.Select(NotificationTopics.QueueConversations).ToList();
        var backoff = new ReconnectBackoff(_options.ReconnectBaseDelay, _options.ReconnectMaxDelay);
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await EnsureAsync(queueTopics, stoppingToken);
                _started = true;
                _logger.LogInformation("Listening for {QueueCount} queues on {ChannelCount} notification channels", queueTopics.Count, GetHealth().Channels.Count);
                return;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                _logger.LogWarning("Subscribing the configured queues failed (attempt {Attempt}): {Error}", attempt + 1, failed.Message);
                await Task.Delay(backoff.DelayFor(attempt), time, stoppingToken);
            }
        }
    }

    private bool IsSubscribed(string topic) => _sessions.Exists(s => s.Covers(topic));

    private ChannelSession NewSession(int slot) => new(
        slot, genesys, _options, reconcile, time, loggers, Route, RecordRejections, _stopping);

    /// <summary>
    /// An event belongs to no trace: the socket's receive loop may have been started inside an intake's span (a channel
    /// opened on demand), and what the event causes (a settle) joins its own intent's trace (WrapUpTracing).
    /// </summary>
    private void Route(NotificationEnvelope envelope)
    {
        var inherited = System.Diagnostics.Activity.Current;
        System.Diagnostics.Activity.Current = null;
        try
        {
            _ = RouteAsync(envelope);
        }
        finally
        {
            System.Diagnostics.Activity.Current = inherited;
        }
    }

    private async Task RouteAsync(NotificationEnvelope envelope)
    {
        try
        {
            await router.RouteAsync(envelope, _stopping);
        }
        catch (Exception routingFailed) when (routingFailed is not OperationCanceledException)
        {
            // A lost event is recovered by the sweeper's reconciliation; the socket must keep going.
            _logger.LogError(routingFailed, "Could not route a {Topic} event", envelope.TopicName);
        }
    }

    /// <summary>Kept with reason and permissions, logged once; never asked for again (Genesys would refuse again).</summary>
    private void RecordRejections(IReadOnlyList<ChannelTopic> rejected)
    {
        var fresh = new List<RejectedTopic>();
        lock (_lock)
        {
            foreach (var topic in rejected)
            {
                if (topic.Id is null || _rejected.ContainsKey(topic.Id)) continue;
                var entry = new RejectedTopic(topic.Id, topic.RejectionReason ?? "rejected", topic.MissingPermissions ?? [], time.GetUtcNow());
                _rejected[topic.Id] = entry;
                fresh.Add(entry);
            }
        }

        foreach (var entry in fresh)
            _logger.LogWarning("Genesys refused topic {Topic}: {RejectionReason} (missing permissions: {MissingPermissions}); its conversations rely on REST reconciliation",
                entry.Topic, entry.Reason, string.Join(", ", entry.MissingPermissions));
        if (fresh.Count > 0) reconcile.Raise($"{fresh.Count} notification topics refused");
    }
}
