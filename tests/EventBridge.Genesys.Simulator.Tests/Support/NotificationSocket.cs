using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace EventBridge.Genesys.Simulator.Tests.Support;

/// <summary>A client socket that records every frame and lets tests await a frame matching a condition.</summary>
internal sealed class NotificationSocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonElement> _frames = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiving;

    public static async Task<NotificationSocket> ConnectAsync(string connectUri)
    {
        var socket = new NotificationSocket();
        await socket._socket.ConnectAsync(new Uri(connectUri), CancellationToken.None);
        socket._receiving = socket.ReceiveLoopAsync();
        // The server attaches the socket to its channel just after the handshake; a pong proves it has.
        await socket.FlushAsync();
        return socket;
    }

    public IReadOnlyList<JsonElement> Frames
    {
        get
        {
            lock (_gate)
                return [.. _frames];
        }
    }

    /// <summary>Completes with the close status when the server closes the socket.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public IReadOnlyList<JsonElement> FramesOn(string topic) =>
        [.. Frames.Where(f => f.GetProperty("topicName").GetString() == topic)];

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                foreach (var frame in _frames)
                {
                    if (condition(frame))
                        return frame;
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(cts.Token);
        }
    }

    public Task<JsonElement> WaitForTopicAsync(string topic, Func<JsonElement, bool>? body = null) =>
        WaitForAsync(f => f.GetProperty("topicName").GetString() == topic && (body is null || body(f.GetProperty("eventBody"))));

    /// <summary>
    /// Frames on one socket arrive in order, so once a pong answers our ping, everything published before it has
    /// arrived (or was never sent).
    /// </summary>
    public async Task FlushAsync()
    {
        var pongsBefore = Frames.Count(IsPong);
        await SendTextAsync("{\"message\":\"ping\"}");
        await WaitForAsync(_ => Frames.Count(IsPong) > pongsBefore);
    }

    public static bool IsPong(JsonElement f) =>
        f.GetProperty("topicName").GetString() == "channel.metadata" &&
        f.GetProperty("eventBody").GetProperty("message").GetString() == "pong";

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(result.CloseStatus);
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                lock (_gate)
                {
                    _frames.Add(doc.RootElement.Clone());
                    var previous = _arrived;
                    _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    previous.TrySetResult();
                }
            }
        }
        catch (WebSocketException)
        {
            _closed.TrySetResult(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }

        if (_receiving is not null)
            await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(5)));
        _socket.Dispose();
    }
}
