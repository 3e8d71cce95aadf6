using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Pipeline.Reconciling;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// One notification channel and its socket, kept alive for as long as the host runs: topics are added in bulk, a
/// silent socket is pinged, a dropped one reconnected with backoff, a gone channel replaced (new channel, one PUT of
/// every topic), and the channel renewed long before Genesys's 24 h expiry. Gaps raise the <see cref="ReconcileSignal"/>.
/// Channel mutations (subscribe, renew, replace) are serialized by one gate.
/// </summary>
internal sealed partial class ChannelSession(
    int slot,
    GenesysApiClient genesys,
    SubscriptionOptions options,
    ReconcileSignal reconcile,
    TimeProvider time,
    ILoggerFactory loggers,
    Action<NotificationEnvelope> onEvent,
    Action<IReadOnlyList<ChannelTopic>> onRejected,
    CancellationToken stopping) : IAsyncDisposable
{
    private static readonly StringComparer Topics = StringComparer.OrdinalIgnoreCase;
    private readonly ILogger _logger = loggers.CreateLogger<ChannelSession>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly HashSet<string> _topics = new(Topics);
    private readonly ReconnectBackoff _backoff = new(options.ReconnectBaseDelay, options.ReconnectMaxDelay);
    private volatile Channel? _channel;
    private volatile NotificationChannelClient? _client;
    private List<IDisposable> _clientSubscriptions = [];
    private volatile ChannelState _state = ChannelState.Idle;
    private int _earlierReconnects;
    private int _pingsSent;
    private int _pingsUnanswered;
    private int _socketClosingNotices;
    private int _replacements;
    private long _events;
    private string? _lastProblem;

    public int Slot => slot;

    public int TopicCount { get { lock (_lock) return _topics.Count; } }

    public bool Covers(string topic) { lock (_lock) return _topics.Contains(topic); }

    /// <summary>
    /// Subscribes <paramref name="additions"/> in one call: POST on a live channel, or — for the first topics — create
    /// the channel, connect its socket, then PUT (connect first: Genesys queues nothing for a socket not yet open).
    /// </summary>
    public async Task AddAsync(IReadOnlyCollection<string> additions, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel?.Id is not { } channelId)
            {
                _state = ChannelState.Opening;
                await OpenAsync([.. Snapshot(), .. additions], cancellationToken);
                return;
            }

            try
            {
                var answer = await genesys.AddSubscriptionsAsync(channelId, additions, ignoreErrors: true, cancellationToken);
                Apply(answer, replaceAll: false);
            }
            catch (GenesysApiException gone) when (gone.Kind == GenesysErrorKind.NotFound)
            {
                RequestRecovery("channel not found when subscribing", replaceChannel: true);
                throw;
            }
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            _lastProblem = failed.Message;
            if (_channel is null) _state = ChannelState.Idle;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ChannelHealth Health()
    {
        var client = _client;
        DateTimeOffset? expiresAt, nextRenewalAt;
        lock (_lock) (expiresAt, nextRenewalAt) = (_expiresAt, _nextRenewalAt);
        return new ChannelHealth
        {
            Slot = slot,
            ChannelId = _channel?.Id,
            State = _state,
            TopicCount = TopicCount,
            Connected = client?.IsConnected == true,
            LastHeartbeatAt = client?.LastHeartbeatAt,
            LastMessageAt = client?.LastMessageAt,
            LastPongAt = client?.LastPongAt,
            ReconnectCount = Volatile.Read(ref _earlierReconnects) + (client?.ReconnectCount ?? 0),
            ReplacementCount = Volatile.Read(ref _replacements),
            EventsReceived = Interlocked.Read(ref _events),
            PingsSent = Volatile.Read(ref _pingsSent),
            PingsUnanswered = Volatile.Read(ref _pingsUnanswered),
            SocketClosingNotices = Volatile.Read(ref _socketClosingNotices),
            ExpiresAt = expiresAt,
            NextRenewalAt = nextRenewalAt,
            LastProblem = _lastProblem,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _state = ChannelState.Stopped;
        _watchdog?.Dispose();
        _renewal?.Dispose();
        if (_client is { } client)
            await DropClientAsync(client, _clientSubscriptions);
    }

    /// <summary>Creates a channel, connects its socket, PUTs <paramref name="topics"/>, then retires the previous client.</summary>
    private async Task OpenAsync(List<string> topics, CancellationToken cancellationToken)
    {
        var api = genesys;
        var channel = await api.CreateChannelAsync(cancellationToken);
        var client = new NotificationChannelClient(channel.ConnectUri!, time, loggers.CreateLogger<NotificationChannelClient>())
        {
            // This session runs the watchdog (ping before reconnect) and the backoff (HEAD before reconnect) itself.
            SilenceTimeout = null,
            AutomaticReconnect = false,
        };
        var subscriptions = Observe(client);
        try
        {
            await client.StartAsync(cancellationToken);
            var answer = topics.Count > 0
                ? await api.ReplaceSubscriptionsAsync(channel.Id!, topics, ignoreErrors: true, cancellationToken)
                : new ChannelTopicEntityListing { Entities = [] };
            var previous = (_client, _clientSubscriptions);
            _client = client;
            _clientSubscriptions = subscriptions;
            _channel = channel;
            Apply(answer, replaceAll: true);
            TrackExpiry(channel.Expires);
            StartWatchdog();
            _state = ChannelState.Connected;
            _logger.LogInformation("Notification channel {ChannelId} (slot {Slot}) open with {TopicCount} topics", channel.Id, slot, TopicCount);
            if (previous._client is { } old)
            {
                Interlocked.Add(ref _earlierReconnects, old.ReconnectCount);
                await DropClientAsync(old, previous._clientSubscriptions);
            }
        }
        catch
        {
            await DropClientAsync(client, subscriptions);
            throw;
        }
    }

    private List<IDisposable> Observe(NotificationChannelClient client) =>
    [
        client.Notifications.Subscribe(envelope =>
        {
            Interlocked.Increment(ref _events);
            onEvent(envelope);
        }),
        // Only the live client's troubles count: one still opening reports failure through OpenAsync itself.
        client.Disconnected.Subscribe(drop =>
        {
            if (ReferenceEquals(client, _client))
                RequestRecovery($"socket dropped ({drop.Reason} {drop.CloseStatus})", replaceChannel: false);
        }),
        client.SocketClosing.Subscribe(_ =>
        {
            Interlocked.Increment(ref _socketClosingNotices);
            _logger.LogInformation("Genesys announced socket_closing on channel {ChannelId}; the client moves to a new socket first", _channel?.Id);
        }),
        client.SystemNotices.Subscribe(notice =>
        {
            if (ReferenceEquals(client, _client)) OnSystemNotice(notice);
        }),
    ];

    /// <summary>
    /// token_revoked and no_longer_subscribed mean the channel's subscriptions are void: Genesys will send nothing
    /// more for them on this channel, so a fresh channel with the full list is the only way back.
    /// </summary>
    private void OnSystemNotice(SystemNotice notice)
    {
        if (notice.Kind is SystemNoticeKind.TokenRevoked or SystemNoticeKind.NoLongerSubscribed)
        {
            _logger.LogWarning("Genesys sent {Topic} for channel {ChannelId} ({Reason}); replacing the channel",
                notice.TopicName, _channel?.Id, notice.Body?.Reason);
            RequestRecovery(notice.TopicName, replaceChannel: true);
        }
        else
        {
            _logger.LogInformation("Genesys sent system topic {Topic} on channel {ChannelId}", notice.TopicName, _channel?.Id);
        }
    }

    private void Apply(ChannelTopicEntityListing answer, bool replaceAll)
    {
        var rejected = new List<ChannelTopic>();
        lock (_lock)
        {
            if (replaceAll) _topics.Clear();
            foreach (var topic in answer.Entities ?? [])
            {
                if (topic.Id is null) continue;
                if (topic.IsRejected)
                {
                    _topics.Remove(topic.Id);
                    rejected.Add(topic);
                }
                else
                {
                    _topics.Add(topic.Id);
                }
            }
        }

        if (rejected.Count > 0) onRejected(rejected);
    }

    private List<string> Snapshot() { lock (_lock) return [.. _topics]; }

    private static async Task DropClientAsync(NotificationChannelClient client, List<IDisposable> subscriptions)
    {
        // Unsubscribe first: the retired socket's close must not look like a drop of the live channel.
        foreach (var subscription in subscriptions) subscription.Dispose();
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception)
        {
            // A socket that is already gone may fail to close; it is being thrown away either way.
        }
    }
}
