using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary>
/// One WebSocket attached to a channel. A single send loop owns the socket's output so events, heartbeats, pongs and
/// the close frame never interleave.
/// </summary>
internal sealed class ChannelSocket(WebSocket socket, TimeProvider time, SimulatorOptions options, FaultInjector faults)
{
    // The close handshake guard protects against a peer that never answers our close frame; it is about the network,
    // not simulated Genesys time, so it runs on the real clock.
    private static readonly TimeSpan CloseHandshakeGuard = TimeSpan.FromSeconds(5);
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private string? _held;
    private (WebSocketCloseStatus Status, string Reason) _close = (WebSocketCloseStatus.NormalClosure, "Closing");
    private volatile bool _frozen;

    /// <summary>
    /// Half-open from now on, as when a NAT or proxy forgets the connection: both ends stay open, nothing is sent
    /// (no event, heartbeat, pong or close frame) and nothing received is answered. Only a ping that goes unanswered
    /// can tell the client; the simulator drops the socket when the client gives up on it.
    /// </summary>
    public void Freeze() => _frozen = true;

    /// <summary>Delivers an event frame, applying reorder and duplicate faults.</summary>
    public void Deliver(string frame, DeliveryDecision decision)
    {
        lock (_gate)
        {
            if (decision.Reorder && _held is null)
            {
                _held = frame;
                return;
            }

            Write(frame);
            if (decision.Duplicate)
                Write(frame);
            FlushHeld();
        }
    }

    public void Send(string frame)
    {
        lock (_gate)
        {
            Write(frame);
            FlushHeld();
        }
    }

    public void RequestClose(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            _close = (status, reason);
            _outgoing.Writer.TryComplete();
        }
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sending = SendLoopAsync(stop);
        var beating = HeartbeatLoopAsync(stop.Token);
        try
        {
            await ReceiveLoopAsync(stop.Token);
            // The peer said goodbye: let the send loop answer with our close frame before stopping it.
            _outgoing.Writer.TryComplete();
            await Quietly(sending);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The peer vanished or the host is stopping: nothing to tell anyone.
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(sending), Quietly(beating));
        }
    }

    private void Write(string frame)
    {
        if (!_frozen) _outgoing.Writer.TryWrite(frame);
    }

    private void FlushHeld()
    {
        if (_held is null)
            return;
        Write(_held);
        _held = null;
    }

    private async Task SendLoopAsync(CancellationTokenSource stop)
    {
        var ct = stop.Token;
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(ct))
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, ct);

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(_close.Status, _close.Reason, ct);
            stop.CancelAfter(CloseHandshakeGuard);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (!faults.Notifications.HeartbeatsStopped)
                Send(SystemFrames.Heartbeat);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // A frozen connection never carries our answer back: the client's close handshake times out.
                if (_frozen) socket.Abort();
                else RequestClose(WebSocketCloseStatus.NormalClosure, "Bye");
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
                continue;
            if (IsPing(message.ToArray()))
                Send(SystemFrames.Pong);
            message.SetLength(0);
        }
    }

    private static bool IsPing(byte[] text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object &&
                   doc.RootElement.TryGetProperty("message", out var m) && m.ValueEquals("ping");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            // Ending the loops is the point.
        }
    }
}
