using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventBridge.Genesys.Tests.Support;

/// <summary>Plays <c>wss://streaming.{domain}/channels/{id}</c> on Kestrel at 127.0.0.1 with a free port.</summary>
internal sealed class FakeStreamingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<StreamingConnection> _connections = Channel.CreateUnbounded<StreamingConnection>();
    private int _connectionCount;

    private FakeStreamingServer(WebApplication app) => _app = app;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Answer <c>{"message":"ping"}</c> with a <c>channel.metadata</c> pong, as Genesys does.</summary>
    public bool AnswerPings { get; set; } = true;

    public Uri ChannelUri(string channelId) =>
        new(_app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/channels/" + channelId);

    public static async Task<FakeStreamingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeStreamingServer(app);
        app.UseWebSockets();
        app.Map("/channels/{id}", server.AcceptAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Waits for the next client connection.</summary>
    public async Task<StreamingConnection> NextConnectionAsync() =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamingConnection(socket, context.Request.Path, this);
        Interlocked.Increment(ref _connectionCount);
        _connections.Writer.TryWrite(connection);
        await connection.ReceiveUntilClosedAsync(context.RequestAborted);
    }
}
