using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Notifications;

/// <summary>
/// The socket reports how it ends and does nothing about it: reconnecting, swapping after socket_closing and
/// watching for silence belong to the channel's owner (the worker's ChannelSession).
/// </summary>
public class When_a_notification_socket_ends
{
    private const string SocketClosing = """{"topicName":"v2.system.socket_closing","eventBody":{"message":"socket closing"}}""";
    private const string Event = """{"topicName":"v2.users.user-1.conversations","eventBody":{"id":"conv-2"}}""";

    [Test]
    public async Task Should_report_socket_closing_and_keep_delivering_on_the_same_socket()
    {
        await using var server = await FakeStreamingServer.StartAsync();
        await using var socket = NewSocket(server);
        await socket.ConnectAsync().Within();
        var connection = await server.NextConnectionAsync();
        var closing = socket.SocketClosing.Next();

        await connection.SendAsync(SocketClosing);
        Assert.That((await closing).Kind, Is.EqualTo(SystemNoticeKind.SocketClosing));

        var delivered = socket.Notifications.Next();
        await connection.SendAsync(Event);
        Assert.That((await delivered).ParseConversation()!.Id, Is.EqualTo("conv-2"));
        Assert.That(server.ConnectionCount, Is.EqualTo(1), "the socket itself never connects a successor");
        Assert.That(socket.IsConnected, Is.True);
    }

    [Test]
    public async Task Should_report_an_unplanned_close_and_stay_closed()
    {
        await using var server = await FakeStreamingServer.StartAsync();
        await using var socket = NewSocket(server);
        await socket.ConnectAsync().Within();
        var connection = await server.NextConnectionAsync();
        var disconnected = socket.Disconnected.Next();

        await connection.CloseAsync();

        Assert.That((await disconnected).Reason, Is.EqualTo("ByServer"));
        Assert.That(socket.IsConnected, Is.False);
        Assert.Throws<InvalidOperationException>(socket.SendPing, "a closed socket refuses pings instead of queueing them");
        Assert.That(server.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_keep_delivering_while_retired_until_the_server_closes_it_without_reporting_a_drop()
    {
        await using var server = await FakeStreamingServer.StartAsync();
        await using var socket = NewSocket(server);
        await socket.ConnectAsync().Within();
        var connection = await server.NextConnectionAsync();
        var disconnects = 0;
        using var counting = socket.Disconnected.Subscribe(new Counter<ChannelDisconnect>(() => Interlocked.Increment(ref disconnects)));
        var delivered = socket.Notifications.Next();

        // A grace far beyond the test's patience: only the server's close can end the retirement in time.
        var retiring = socket.RetireAsync(TimeSpan.FromMinutes(5));
        await connection.SendAsync(Event);
        Assert.That((await delivered).ParseConversation()!.Id, Is.EqualTo("conv-2"), "frames still on the wire reach the owner");
        await connection.CloseAsync();

        await retiring.Within();
        Assert.That(disconnects, Is.Zero, "a retired socket's close is expected, not a gap");
    }

    private static NotificationSocket NewSocket(FakeStreamingServer server) =>
        new(server.ChannelUri("ch-1"), new FakeTimeProvider(), NullLogger<NotificationSocket>.Instance);

    private sealed class Counter<T>(Action onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext();

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
