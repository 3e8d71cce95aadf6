using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Pipeline.Reconciling;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// One notification channel and its socket, kept alive for as long as the host runs: topics are added in bulk, a
/// new socket connected before the old one goes on socket_closing, a silent socket pinged, a dropped one reconnected
/// with backoff, a gone channel replaced (new channel, one PUT of every topic), and the channel renewed long before
/// Genesys's 24 h expiry. Every recovery policy lives here; <see cref="NotificationSocket"/> is a plain socket. Gaps raise the <see cref="ReconcileSignal"/>.
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
    private volatile NotificationSocket? _socket;
    private List<IDisposable> _socketSubscriptions = [];
    private volatile ChannelState _state = ChannelState.Idle;
    private int _reconnects;
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
        var socket = _socket;
        DateTimeOffset? expiresAt, nextRenewalAt;
        lock (_lock) (expiresAt, nextRenewalAt) = (_expiresAt, _nextRenewalAt);
        return new ChannelHealth
        {
            Slot = slot,
            ChannelId = _channel?.Id,
            State = _state,
            TopicCount = TopicCount,
            Connected = socket?.IsConnected == true,
            LastHeartbeatAt = socket?.LastHeartbeatAt,
            LastMessageAt = socket?.LastMessageAt,
            LastPongAt = socket?.LastPongAt,
            ReconnectCount = Volatile.Read(ref _reconnects),
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
        if (_socket is { } socket)
            await DropSocketAsync(socket, _socketSubscriptions);
    }

    /// <summary>Creates a channel, connects its socket, PUTs <paramref name="topics"/>, then retires the previous socket.</summary>
    private async Task OpenAsync(List<string> topics, CancellationToken cancellationToken)
    {
        var api = genesys;
        var channel = await api.CreateChannelAsync(cancellationToken);
        var socket = NewSocket(channel.ConnectUri!);
        var subscriptions = Observe(socket);
        try
        {
            await socket.ConnectAsync(cancellationToken);
            var answer = topics.Count > 0
                ? await api.ReplaceSubscriptionsAsync(channel.Id!, topics, ignoreErrors: true, cancellationToken)
                : new ChannelTopicEntityListing { Entities = [] };
            var previous = (_socket, _socketSubscriptions);
            _socket = socket;
            _socketSubscriptions = subscriptions;
            _channel = channel;
            Apply(answer, replaceAll: true);
            TrackExpiry(channel.Expires);
            StartWatchdog();
            _state = ChannelState.Connected;
            _logger.LogInformation("Notification channel {ChannelTag} (slot {Slot}) open with {TopicCount} topics", ChannelTag.Of(channel.Id), slot, TopicCount);
            if (previous._socket is { } old)
                Retire(old, previous._socketSubscriptions);
        }
        catch
        {
            await DropSocketAsync(socket, subscriptions);
            throw;
        }
    }

    private NotificationSocket NewSocket(Uri connectUri) => new(connectUri, time, loggers.CreateLogger<NotificationSocket>());

    private List<IDisposable> Observe(NotificationSocket socket) =>
    [
        socket.Notifications.Subscribe(envelope =>
        {
            Interlocked.Increment(ref _events);
            onEvent(envelope);
        }),
        // Only the live socket's troubles count: one still connecting reports failure to whoever connects it.
        socket.Disconnected.Subscribe(drop =>
        {
            if (ReferenceEquals(socket, _socket) && !IsBeingSucceeded(socket))
                RequestRecovery($"socket dropped ({drop.Reason} {drop.CloseStatus})", replaceChannel: false);
        }),
        socket.SocketClosing.Subscribe(closing =>
        {
            Interlocked.Increment(ref _socketClosingNotices);
            if (ReferenceEquals(socket, _socket))
                _ = Task.Run(MoveAfterSocketClosingAsync, CancellationToken.None);
        }),
        socket.SystemNotices.Subscribe(notice =>
        {
            if (ReferenceEquals(socket, _socket)) OnSystemNotice(notice);
        }),
    ];

    /// <summary>
    /// token_revoked and no_longer_subscribed mean the channel's subscriptions are void: Genesys will send nothing
    /// more for them on this channel, so a fresh channel with the full list is the only way back.
    /// </summary>
    private void OnSystemNotice(SystemNotice notice)
    {
        // v2.system.token_revoked.{channelId}: the topic itself names the channel.
        var topic = ChannelTag.Redact(notice.TopicName, _channel?.Id);
        if (notice.Kind is SystemNoticeKind.TokenRevoked or SystemNoticeKind.NoLongerSubscribed)
        {
            _logger.LogWarning("Genesys sent {Topic} for channel {ChannelTag} ({Reason}); replacing the channel",
                topic, Tag, notice.Body?.Reason);
            RequestRecovery(topic, replaceChannel: true);
        }
        else
        {
            _logger.LogInformation("Genesys sent system topic {Topic} on channel {ChannelTag}", topic, Tag);
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

    /// <summary>The live channel as logs and reasons name it: never its id, which is a credential.</summary>
    private string? Tag => ChannelTag.Of(_channel?.Id);

    private List<string> Snapshot() { lock (_lock) return [.. _topics]; }

    private static async Task DropSocketAsync(NotificationSocket socket, List<IDisposable> subscriptions)
    {
        // Unsubscribe first: the retired socket's close must not look like a drop of the live channel.
        foreach (var subscription in subscriptions) subscription.Dispose();
        try
        {
            await socket.DisposeAsync();
        }
        catch (Exception)
        {
            // A socket that is already gone may fail to close; it is being thrown away either way.
        }
    }
}
