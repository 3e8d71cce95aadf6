using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Notifications;

public class When_genesys_announces_socket_closing
{
    private const string SocketClosing = """{"topicName":"v2.system.socket_closing","eventBody":{"message":"socket closing"}}""";
    private const string Event = """{"topicName":"v2.users.user-1.conversations","eventBody":{"id":"conv-2"}}""";

    [Test]
    public async Task Should_connect_again_to_the_same_uri_and_keep_delivering()
    {
        await using var server = await FakeStreamingServer.StartAsync();
        await using var client = new NotificationChannelClient(
            server.ChannelUri("ch-1"), new FakeTimeProvider(), NullLogger<NotificationChannelClient>.Instance, TimeSpan.FromMilliseconds(50));
        var disconnects = 0;
        using var _ = client.Disconnected.Subscribe(new CountingObserver<ChannelDisconnect>(() => Interlocked.Increment(ref disconnects)));
        await client.StartAsync().Within();
        var first = await server.NextConnectionAsync();
        var closing = client.SocketClosing.Next();
        var reconnected = client.Reconnected.Next();

        await first.SendAsync(SocketClosing);

        Assert.That((await closing).Kind, Is.EqualTo(SystemNoticeKind.SocketClosing));
        var second = await server.NextConnectionAsync();
        Assert.That((await reconnected).Reason, Is.EqualTo("socket_closing"));
        await first.Closed.Within();
        Assert.That(second.Path, Is.EqualTo(first.Path));
        Assert.That(client.ReconnectCount, Is.EqualTo(1));

        var delivered = client.Notifications.Next();
        await second.SendAsync(Event);
        Assert.That((await delivered).ParseConversation()!.Id, Is.EqualTo("conv-2"));
        Assert.That(disconnects, Is.Zero, "retiring the old socket is not a disconnect");
        Assert.That(server.ConnectionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_report_an_unplanned_close_and_reconnect()
    {
        await using var server = await FakeStreamingServer.StartAsync();
        await using var client = new NotificationChannelClient(
            server.ChannelUri("ch-1"), new FakeTimeProvider(), NullLogger<NotificationChannelClient>.Instance, TimeSpan.FromMilliseconds(50));
        await client.StartAsync().Within();
        var first = await server.NextConnectionAsync();
        var disconnected = client.Disconnected.Next();
        var reconnected = client.Reconnected.Next();

        await first.CloseAsync();

        await disconnected;
        var second = await server.NextConnectionAsync();
        await reconnected;
        Assert.That(client.ReconnectCount, Is.EqualTo(1));
        var delivered = client.Notifications.Next();
        await second.SendAsync(Event);
        await delivered;
    }

    [Test]
    public async Task Should_reconnect_after_silence_measured_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeStreamingServer.StartAsync();
        await using var client = new NotificationChannelClient(
            server.ChannelUri("ch-1"), time, NullLogger<NotificationChannelClient>.Instance, TimeSpan.FromMilliseconds(50))
        {
            SilenceTimeout = TimeSpan.FromSeconds(90),
        };
        await client.StartAsync().Within();
        await server.NextConnectionAsync();
        var reconnected = client.Reconnected.Next();

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.That(server.ConnectionCount, Is.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.That((await reconnected).Reason, Is.EqualTo("silence"));
        await server.NextConnectionAsync();
    }

    private sealed class CountingObserver<T>(Action onNext) : IObserver<T>
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
