using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>
/// Closes without a usable warning: the client must report the gap (nothing is queued meanwhile, so the worker
/// reconciles over REST) and tell a dropped socket, which it reconnects, from a channel that is gone.
/// </summary>
public sealed class When_the_socket_closes_unplanned
{
    private ClientAndSimulator _e2e = null!;
    private NotificationChannelClient _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _e2e = await ClientAndSimulator.StartAsync();
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_report_the_drop_and_reconnect_to_the_same_channel()
    {
        var disconnected = _socket.Disconnected.Next();
        var reconnected = _socket.Reconnected.Next();

        Assert.That(_e2e.Control.CloseAllSockets(), Is.EqualTo(1));

        await disconnected;
        Assert.That((await reconnected).Reason, Is.Not.EqualTo("socket_closing"));
        await _socket.PingAsync().Within();
        Assert.That(await _e2e.Client.ChannelExistsAsync(_e2e.ChannelId), Is.True);
        await _e2e.DriveIntoAcwAsync(_socket);
    }

    [Test]
    public async Task Should_report_a_gap_when_the_channel_expires()
    {
        var closing = _socket.SocketClosing.Next();
        var disconnected = _socket.Disconnected.Next();

        Assert.That(_e2e.Control.ExpireChannel(_e2e.ChannelId), Is.True);

        Assert.That((await closing).Kind, Is.EqualTo(SystemNoticeKind.SocketClosing));
        // socket_closing made the client try a new socket; on an expired channel that fails, and the gap is reported.
        await disconnected;
        Assert.That(await _e2e.Client.ChannelExistsAsync(_e2e.ChannelId), Is.False);
        Assert.That(_socket.ReconnectCount, Is.Zero);
    }
}
