using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>
/// A TCP relay in front of the simulator that can turn its WebSocket connections half-open: bytes stop flowing both
/// ways while both ends stay open, as when a NAT or proxy forgets a connection. Nothing fails and nothing arrives —
/// the case only a ping can reveal. API calls and new connections keep flowing.
/// </summary>
public sealed class SocketRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Connection> _connections = [];
    private readonly Task _accepting;

    public SocketRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Every WebSocket connection open now goes silent; later connections are relayed normally.</summary>
    public int FreezeSockets()
    {
        lock (_connections)
        {
            var sockets = _connections.Where(c => c.IsWebSocket).ToList();
            foreach (var connection in sockets) connection.Frozen = true;
            return sockets.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
            foreach (var connection in _connections) connection.Close();
        try { await _accepting; } catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var connection = new Connection(client, server);
            lock (_connections) _connections.Add(connection);
            _ = PumpAsync(connection, client.GetStream(), server.GetStream(), inspect: true);
            _ = PumpAsync(connection, server.GetStream(), client.GetStream(), inspect: false);
        }
    }

    private async Task PumpAsync(Connection connection, NetworkStream from, NetworkStream to, bool inspect)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0) break;
                if (inspect && !connection.Inspected)
                {
                    connection.Inspected = true;
                    connection.IsWebSocket = Encoding.ASCII.GetString(buffer, 0, read).StartsWith("GET /channels/", StringComparison.Ordinal);
                }

                if (connection.Frozen) continue; // swallowed: the half-open connection
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away.
        }

        if (!connection.Frozen) connection.Close();
    }

    private sealed class Connection(TcpClient client, TcpClient server)
    {
        public volatile bool Inspected;
        public volatile bool IsWebSocket;
        public volatile bool Frozen;

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
