using System.Net.WebSockets;
using System.Reactive.Subjects;
using System.Text.Json;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Logging;
using Websocket.Client;

namespace EventBridge.Genesys.Notifications;

/// <summary>
/// One WebSocket to a notification channel's <c>connectUri</c> (no auth header). Each frame is parsed once and routed
/// to <see cref="Notifications"/>, <see cref="Heartbeats"/>, <see cref="Pongs"/>, <see cref="SocketClosing"/> or
/// <see cref="SystemNotices"/>. On <c>v2.system.socket_closing</c> (and after <see cref="SilenceTimeout"/> without any
/// frame) it connects a new socket to the same URI before dropping the old one: subscriptions live on the channel,
/// and Genesys kicks the older of two sockets on one channel. Unplanned drops are reconnected by Websocket.Client.
/// </summary>
public sealed class NotificationChannelClient : IAsyncDisposable, IDisposable
{
    private const string PingFrame = """{"message":"ping"}""";
    private static readonly TimeSpan OldSocketCloseTimeout = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _reconnectDelay;
    private readonly Subject<NotificationEnvelope> _notifications = new();
    private readonly Subject<ChannelHeartbeat> _heartbeats = new();
    private readonly Subject<ChannelHeartbeat> _pongs = new();
    private readonly Subject<SystemNotice> _socketClosing = new();
    private readonly Subject<SystemNotice> _systemNotices = new();
    private readonly Subject<ChannelDisconnect> _disconnected = new();
    private readonly Subject<ChannelReconnect> _reconnected = new();
    private readonly Lock _dispatch = new();
    private readonly SemaphoreSlim _swapping = new(1, 1);
    private ITimer? _silenceWatch;
    private volatile Socket? _current;
    private volatile bool _disposed;
    private long _lastMessageTicks;
    private long _lastHeartbeatTicks;
    private long _lastPongTicks;
    private int _reconnectCount;
    private long _malformedFrames;

    public NotificationChannelClient(Uri connectUri, TimeProvider time, ILogger<NotificationChannelClient> logger, TimeSpan? reconnectDelay = null)
    {
        ConnectUri = connectUri;
        _time = time;
        _logger = logger;
        _reconnectDelay = reconnectDelay ?? TimeSpan.FromSeconds(5);
    }

    public Uri ConnectUri { get; }

    /// <summary>
    /// Reconnect when no frame at all arrived for this long (Genesys heartbeats every ~30 s). Null disables it.
    /// Measured on the injected <see cref="TimeProvider"/>. Set before <see cref="StartAsync"/>.
    /// </summary>
    public TimeSpan? SilenceTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Let Websocket.Client reconnect an unplanned drop after the fixed reconnect delay (default). An owner that runs
    /// its own backoff (and must check first whether the channel still exists) turns this off and calls
    /// <see cref="ReconnectAsync"/> after <see cref="Disconnected"/>. Set before <see cref="StartAsync"/>.
    /// </summary>
    public bool AutomaticReconnect { get; init; } = true;

    /// <summary>Topic events (everything that is neither <c>channel.metadata</c> nor <c>v2.system.*</c>).</summary>
    public IObservable<NotificationEnvelope> Notifications => _notifications;
    public IObservable<ChannelHeartbeat> Heartbeats => _heartbeats;
    public IObservable<ChannelHeartbeat> Pongs => _pongs;
    public IObservable<SystemNotice> SocketClosing => _socketClosing;

    /// <summary><c>no_longer_subscribed</c>, <c>token_revoked</c> and other system topics (socket_closing has its own stream).</summary>
    public IObservable<SystemNotice> SystemNotices => _systemNotices;
    public IObservable<ChannelDisconnect> Disconnected => _disconnected;
    public IObservable<ChannelReconnect> Reconnected => _reconnected;

    public DateTimeOffset? LastMessageAt => FromTicks(Interlocked.Read(ref _lastMessageTicks));
    public DateTimeOffset? LastHeartbeatAt => FromTicks(Interlocked.Read(ref _lastHeartbeatTicks));
    public DateTimeOffset? LastPongAt => FromTicks(Interlocked.Read(ref _lastPongTicks));
    public int ReconnectCount => Volatile.Read(ref _reconnectCount);
    public long MalformedFrames => Interlocked.Read(ref _malformedFrames);
    public bool IsConnected => _current?.Client.IsRunning == true;

    /// <summary>Connects; throws if the first connection fails (Genesys refuses unknown or expired channels).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var socket = CreateSocket();
        _current = socket;
        await socket.Client.StartOrFail().WaitAsync(cancellationToken);
        Touch(ref _lastMessageTicks);
        if (SilenceTimeout is { } silence && silence > TimeSpan.Zero)
        {
            var period = silence / 3;
            _silenceWatch = _time.CreateTimer(_ => CheckSilence(silence), null, period, period);
        }
    }

    /// <summary>Sends <c>{"message":"ping"}</c>; Genesys answers on <see cref="Pongs"/>.</summary>
    public void SendPing()
    {
        var socket = _current ?? throw new InvalidOperationException("The channel is not started.");
        if (!socket.Client.Send(PingFrame))
            throw new InvalidOperationException("The ping could not be queued on the channel socket.");
    }

    /// <summary>Sends a ping and completes with the next pong (cancel to give up).</summary>
    public async Task<ChannelHeartbeat> PingAsync(CancellationToken cancellationToken = default)
    {
        var pong = new TaskCompletionSource<ChannelHeartbeat>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _pongs.Subscribe(p => pong.TrySetResult(p));
        await using var registration = cancellationToken.Register(() => pong.TrySetCanceled(cancellationToken));
        SendPing();
        return await pong.Task;
    }

    /// <summary>Connects a new socket to the same URI, then retires the old one.</summary>
    public Task ReconnectAsync(string reason = "requested", CancellationToken cancellationToken = default) =>
        ReplaceSocketAsync(reason, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        _silenceWatch?.Dispose();
        if (_current is { } socket)
        {
            socket.Retired = true;
            await Task.WhenAny(socket.Client.Stop(WebSocketCloseStatus.NormalClosure, "EventBridge stopping"), Task.Delay(OldSocketCloseTimeout, CancellationToken.None));
            socket.Dispose();
        }

        foreach (var subject in new IDisposable[] { _notifications, _heartbeats, _pongs, _socketClosing, _systemNotices, _disconnected, _reconnected })
            subject.Dispose();
        _swapping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Socket CreateSocket()
    {
        var client = new WebsocketClient(ConnectUri)
        {
            Name = "genesys-notifications",
            // The silence check above replaces the library's wall-clock watchdog.
            ReconnectTimeout = null,
            ErrorReconnectTimeout = _reconnectDelay,
            LostReconnectTimeout = _reconnectDelay,
            IsReconnectionEnabled = AutomaticReconnect,
        };
        var socket = new Socket(client);
        socket.Subscriptions.Add(client.MessageReceived.Subscribe(message => OnFrame(message)));
        socket.Subscriptions.Add(client.DisconnectionHappened.Subscribe(info => OnDisconnected(socket, info)));
        socket.Subscriptions.Add(client.ReconnectionHappened.Subscribe(info => OnReconnected(socket, info)));
        return socket;
    }

    private void OnFrame(ResponseMessage message)
    {
        if (message.MessageType != WebSocketMessageType.Text || string.IsNullOrEmpty(message.Text))
            return;

        NotificationEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(message.Text, GenesysJsonContext.Default.NotificationEnvelope);
        }
        catch (JsonException ex)
        {
            // Frames may carry customer data: log the failure, not the frame.
            Interlocked.Increment(ref _malformedFrames);
            _logger.LogWarning("Unreadable notification frame of {Length} chars: {Error}", message.Text.Length, ex.Message);
            return;
        }

        var now = Touch(ref _lastMessageTicks);
        if (envelope?.TopicName is not { Length: > 0 } topic)
            return;

        lock (_dispatch)
        {
            try
            {
                Dispatch(envelope, topic, now);
            }
            catch (Exception ex)
            {
                // A failing subscriber must not break the receive loop of the socket.
                _logger.LogError(ex, "Subscriber failed on notification topic {Topic}", topic);
            }
        }
    }

    private void Dispatch(NotificationEnvelope envelope, string topic, DateTimeOffset now)
    {
        if (topic == NotificationTopics.ChannelMetadata)
        {
            var text = envelope.ParseChannelMetadata()?.Message ?? "";
            var beat = new ChannelHeartbeat(text, now);
            if (string.Equals(text, NotificationTopics.PongMessage, StringComparison.OrdinalIgnoreCase))
            {
                Touch(ref _lastPongTicks);
                _pongs.OnNext(beat);
            }
            else
            {
                Touch(ref _lastHeartbeatTicks);
                _heartbeats.OnNext(beat);
            }

            return;
        }

        if (!topic.StartsWith(NotificationTopics.SystemPrefix, StringComparison.Ordinal))
        {
            _notifications.OnNext(envelope);
            return;
        }

        var notice = new SystemNotice(SystemNotice.KindOf(topic), topic, envelope.ParseSystemTopic(), now);
        if (notice.Kind != SystemNoticeKind.SocketClosing)
        {
            _systemNotices.OnNext(notice);
            return;
        }

        _socketClosing.OnNext(notice);
        // Not awaited here: this runs on the old socket's receive loop, which must keep delivering meanwhile.
        _ = ReplaceSocketAsync("socket_closing", CancellationToken.None);
    }

    private void CheckSilence(TimeSpan silence)
    {
        if (_disposed || _current is null || LastMessageAt is not { } last || _time.GetUtcNow() - last < silence)
            return;
        _logger.LogWarning("No frame on notification channel for {Silence}; reconnecting", silence);
        Touch(ref _lastMessageTicks);
        _ = ReplaceSocketAsync("silence", CancellationToken.None);
    }

    private async Task ReplaceSocketAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _swapping.WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            if (_disposed || _current is not { } old)
                return;

            // Genesys closes the older of two sockets on one channel; the old one must not reconnect and kick the new.
            old.Retired = true;
            old.Client.IsReconnectionEnabled = false;
            var fresh = CreateSocket();
            try
            {
                await fresh.Client.StartOrFail().WaitAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "New socket after {Reason} failed; keeping the old one", reason);
                fresh.Dispose();
                old.Retired = false;
                old.Client.IsReconnectionEnabled = AutomaticReconnect;
                if (!old.Client.IsRunning)
                    OnOldSocketAlreadyClosed(old, reason);
                return;
            }

            if (_disposed)
            {
                fresh.Dispose();
                return;
            }

            _current = fresh;
            Touch(ref _lastMessageTicks);
            RaiseReconnected(reason);
            // A half-open old socket never answers the close handshake; disposing it aborts the connection. The bound
            // is about the network, not Genesys time, so it runs on the real clock.
            await Task.WhenAny(old.Client.Stop(WebSocketCloseStatus.NormalClosure, "replaced by a new socket"), Task.Delay(OldSocketCloseTimeout, CancellationToken.None));
            old.Dispose();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Replacing the notification socket after {Reason} failed", reason);
        }
        finally
        {
            if (!_disposed)
                _swapping.Release();
        }
    }

    /// <summary>
    /// The old socket closed while it was retired (Genesys closes it about a minute after socket_closing), so its
    /// close went unreported and, being retired, it will not reconnect: without this no socket would remain until the
    /// silence check. Tell the owner, and retry the swap ourselves when reconnects are automatic.
    /// </summary>
    private void OnOldSocketAlreadyClosed(Socket old, string reason)
    {
        var disconnect = new ChannelDisconnect("ReplacementFailed", null, $"new socket after {reason} failed and the old one is closed", null, _time.GetUtcNow());
        lock (_dispatch)
            _disconnected.OnNext(disconnect);
        if (!AutomaticReconnect)
            return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(_reconnectDelay, _time);
            if (!_disposed && _current == old && !old.Client.IsRunning)
                await ReplaceSocketAsync(reason, CancellationToken.None);
        });
    }

    private void OnDisconnected(Socket socket, DisconnectionInfo info)
    {
        if (socket.Retired || _disposed)
            return;
        var disconnect = new ChannelDisconnect(info.Type.ToString(), info.CloseStatus, info.CloseStatusDescription, info.Exception, _time.GetUtcNow());
        _logger.LogWarning("Notification socket disconnected: {Reason} {CloseStatus}", disconnect.Reason, disconnect.CloseStatus);
        lock (_dispatch)
            _disconnected.OnNext(disconnect);
    }

    private void OnReconnected(Socket socket, ReconnectionInfo info)
    {
        // Initial is the first connect of a socket (ours or a replacement); only library-driven reconnects count here.
        if (socket.Retired || _disposed || info.Type == ReconnectionType.Initial)
            return;
        RaiseReconnected(info.Type.ToString());
    }

    private void RaiseReconnected(string reason)
    {
        var count = Interlocked.Increment(ref _reconnectCount);
        if (_logger.IsEnabled(LogLevel.Information))
            _logger.LogInformation("Notification socket reconnected ({Reason}), reconnect #{Count}", reason, count);
        lock (_dispatch)
            _reconnected.OnNext(new ChannelReconnect(reason, count, _time.GetUtcNow()));
    }

    private DateTimeOffset Touch(ref long field)
    {
        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref field, now.UtcTicks);
        return now;
    }

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private sealed class Socket(WebsocketClient client) : IDisposable
    {
        public WebsocketClient Client { get; } = client;
        public List<IDisposable> Subscriptions { get; } = [];
        public volatile bool Retired;

        public void Dispose()
        {
            foreach (var subscription in Subscriptions)
                subscription.Dispose();
            Client.Dispose();
        }
    }
}
