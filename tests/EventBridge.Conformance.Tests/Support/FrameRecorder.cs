using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>A notification socket that keeps every frame the simulator sends, parsed as JSON.</summary>
internal sealed class FrameRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonElement> _frames = [];
    private readonly Lock _gate = new();
    private Task _receiving = Task.CompletedTask;

    public IReadOnlyList<JsonElement> Frames
    {
        get
        {
            lock (_gate)
                return [.. _frames];
        }
    }

    public static async Task<FrameRecorder> ConnectAsync(Uri connectUri)
    {
        var recorder = new FrameRecorder();
        using var deadline = new CancellationTokenSource(Patience);
        await recorder._socket.ConnectAsync(connectUri, deadline.Token);
        recorder._receiving = recorder.ReceiveAsync();
        // A pong proves the server attached the socket to its channel; nothing published before that reaches it.
        await recorder.SendAsync("{\"message\":\"ping\"}");
        await recorder.UntilAsync(frames => frames.Any(f => Topic(f) == "channel.metadata"));
        return recorder;
    }

    public static string Topic(JsonElement frame) =>
        frame.TryGetProperty("topicName", out var topic) ? topic.GetString() ?? "" : "";

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits until the frames so far satisfy <paramref name="condition"/>; fails the test after 10 s.</summary>
    public async Task UntilAsync(Func<IReadOnlyList<JsonElement>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition(Frames))
        {
            if (deadline.IsCancellationRequested)
                throw new AssertionException($"The frames never met the condition; got {Frames.Count}: {string.Join(", ", Frames.Select(Topic))}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
        }

        await _receiving;
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (received.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, received.Count);
                } while (!received.EndOfMessage);

                using var frame = JsonDocument.Parse(message.ToArray());
                lock (_gate)
                    _frames.Add(frame.RootElement.Clone());
            }
        }
        catch (WebSocketException)
        {
            // The server closed or dropped the socket; the frames so far are what the test judges.
        }
    }
}
