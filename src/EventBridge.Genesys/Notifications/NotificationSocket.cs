using System.Net.WebSockets;
using System.Reactive.Subjects;
using System.Text.Json;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Logging;
using Websocket.Client;

namespace EventBridge.Genesys.Notifications;

/// <summary>
/// One WebSocket to a notification channel's <c>connectUri</c> (no auth header), and nothing more: connect, parse each
/// frame once into <see cref="Notifications"/>, <see cref="Heartbeats"/>, <see cref="Pongs"/>,
/// <see cref="SocketClosing"/> or <see cref="SystemNotices"/>, ping, close. It never reconnects and watches no clock:
/// whoever owns the channel decides when a socket is dead and connects the next one (a new instance), because only the
/// owner can tell a dropped socket from a gone channel and knows whether events were missed.
/// </summary>
public sealed class NotificationSocket : IAsyncDisposable
{
    private const string PingFrame = """{"message":"ping"}""";

    // A half-open socket never answers the close handshake; disposing it aborts the connection. The bound is about
    // the network, not Genesys time, so it runs on the real clock.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebsocketClient _client;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Subject<NotificationEnvelope> _notifications = new();
    private readonly Subject<ChannelHeartbeat> _heartbeats = new();
    private readonly Subject<ChannelHeartbeat> _pongs = new();
    private readonly Subject<SystemNotice> _socketClosing = new();
    private readonly Subject<SystemNotice> _systemNotices = new();
    private readonly Subject<ChannelDisconnect> _disconnected = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _dispatch = new();
    private volatile bool _retired;
    private volatile bool _disposed;
    private long _lastMessageTicks;
    private long _lastHeartbeatTicks;
    private long _lastPongTicks;
    private long _malformedFrames;

    public NotificationSocket(Uri connectUri, TimeProvider time, ILogger<NotificationSocket> logger)
    {
        ConnectUri = connectUri;
        _time = time;
        _logger = logger;
        _client = new WebsocketClient(connectUri)
        {
            Name = "genesys-notifications",
            // Recovery belongs to the channel's owner; the library's own watchdog and reconnects stay off.
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
            IsReconnectionEnabled = false,
        };
        _subscriptions.Add(_client.MessageReceived.Subscribe(OnFrame));
        _subscriptions.Add(_client.DisconnectionHappened.Subscribe(OnDisconnected));
    }

    public Uri ConnectUri { get; }

    /// <summary>Topic events (everything that is neither <c>channel.metadata</c> nor <c>v2.system.*</c>).</summary>
    public IObservable<NotificationEnvelope> Notifications => _notifications;
    public IObservable<ChannelHeartbeat> Heartbeats => _heartbeats;
    public IObservable<ChannelHeartbeat> Pongs => _pongs;
    public IObservable<SystemNotice> SocketClosing => _socketClosing;

    /// <summary><c>no_longer_subscribed</c>, <c>token_revoked</c> and other system topics (socket_closing has its own stream).</summary>
    public IObservable<SystemNotice> SystemNotices => _systemNotices;

    /// <summary>The socket closed or failed without being closed by us (raised at most once, never after <see cref="RetireAsync"/>).</summary>
    public IObservable<ChannelDisconnect> Disconnected => _disconnected;

    public DateTimeOffset? LastMessageAt => FromTicks(Interlocked.Read(ref _lastMessageTicks));
    public DateTimeOffset? LastHeartbeatAt => FromTicks(Interlocked.Read(ref _lastHeartbeatTicks));
    public DateTimeOffset? LastPongAt => FromTicks(Interlocked.Read(ref _lastPongTicks));
    public long MalformedFrames => Interlocked.Read(ref _malformedFrames);
    public bool IsConnected => !_closed.Task.IsCompleted && _client.IsRunning;

    /// <summary>Connects once; throws if that fails (Genesys refuses unknown or expired channels).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _client.StartOrFail().WaitAsync(cancellationToken);
        Touch(ref _lastMessageTicks);
    }

    /// <summary>Sends <c>{"message":"ping"}</c>; Genesys answers on <see cref="Pongs"/>.</summary>
    public void SendPing()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsConnected || !_client.Send(PingFrame))
            throw new InvalidOperationException("The ping could not be queued: the socket is not open.");
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

    /// <summary>
    /// Stops reporting a close (a successor socket took over) but keeps delivering frames for up to
    /// <paramref name="grace"/> while the server closes this one: Genesys kicks the older of two sockets on a channel,
    /// and frames already on their way on it would otherwise be lost. Then closes it and disposes.
    /// </summary>
    public async Task RetireAsync(TimeSpan grace)
    {
        _retired = true;
        await Task.WhenAny(_closed.Task, Task.Delay(grace, CancellationToken.None));
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _retired = true;
        _disposed = true;
        if (_client.IsRunning)
            await Task.WhenAny(_client.Stop(WebSocketCloseStatus.NormalClosure, "EventBridge closing"), Task.Delay(CloseHandshakeTimeout, CancellationToken.None));
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
        _client.Dispose();
        _closed.TrySetResult();
        lock (_dispatch)
        {
            foreach (var subject in new IDisposable[] { _notifications, _heartbeats, _pongs, _socketClosing, _systemNotices, _disconnected })
                subject.Dispose();
        }
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
            if (_disposed)
                return;
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
        if (notice.Kind == SystemNoticeKind.SocketClosing)
            _socketClosing.OnNext(notice);
        else
            _systemNotices.OnNext(notice);
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        if (!_closed.TrySetResult() || _retired)
            return;
        var disconnect = new ChannelDisconnect(info.Type.ToString(), info.CloseStatus, info.CloseStatusDescription, info.Exception, _time.GetUtcNow());
        _logger.LogWarning("Notification socket disconnected: {Reason} {CloseStatus}", disconnect.Reason, disconnect.CloseStatus);
        lock (_dispatch)
        {
            if (!_disposed)
                _disconnected.OnNext(disconnect);
        }
    }

    private DateTimeOffset Touch(ref long field)
    {
        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref field, now.UtcTicks);
        return now;
    }

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
