using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace EventBridge.Genesys.Tests.Support;

/// <summary>The server side of one client socket: send frames, read what the client sent, close.</summary>
internal sealed class StreamingConnection(WebSocket socket, string path, FakeStreamingServer server)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path { get; } = path;

    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    public Task Closed => _closed.Task;

    public async Task SendAsync(string json)
    {
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public Task SendHeartbeatAsync() =>
        SendAsync("""{"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}}""");

    public async Task CloseAsync()
    {
        await _sending.WaitAsync();
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "server closing", CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task ReceiveUntilClosedAsync(CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                Received.Writer.TryWrite(text);
                if (server.AnswerPings && text.Contains("\"ping\"", StringComparison.Ordinal))
                    await SendAsync("""{"topicName":"channel.metadata","eventBody":{"message":"pong"}}""");
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away; that is what Closed reports.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
