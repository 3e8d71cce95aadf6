using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>
/// Closes without a usable warning: the socket must report the gap (nothing is queued meanwhile, so the worker
/// reconciles over REST), and HEAD tells a dropped socket, whose channel a new socket can join, from a channel that is gone.
/// </summary>
public sealed class When_the_socket_closes_unplanned
{
    private ClientAndSimulator _e2e = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _e2e = await ClientAndSimulator.StartAsync();
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_report_the_drop_and_let_a_new_socket_on_the_same_channel_hear_the_queue()
    {
        var disconnected = _socket.Disconnected.Next();

        Assert.That(_e2e.Control.CloseAllSockets(), Is.EqualTo(1));

        await disconnected;
        Assert.That(_socket.IsConnected, Is.False);
        Assert.That(await _e2e.Client.ChannelExistsAsync(_e2e.ChannelId), Is.True, "the channel and its topics outlive the socket");
        await using var successor = _e2e.CreateSocket(_e2e.ConnectUri);
        await successor.ConnectAsync().Within();
        await successor.PingAsync().Within();
        await _e2e.DriveIntoAcwAsync(successor);
    }

    [Test]
    public async Task Should_report_a_gap_when_the_channel_expires()
    {
        var closing = _socket.SocketClosing.Next();
        var disconnected = _socket.Disconnected.Next();

        Assert.That(_e2e.Control.ExpireChannel(_e2e.ChannelId), Is.True);

        Assert.That((await closing).Kind, Is.EqualTo(SystemNoticeKind.SocketClosing));
        await disconnected;
        Assert.That(await _e2e.Client.ChannelExistsAsync(_e2e.ChannelId), Is.False, "a new socket would hear nothing: the owner needs a new channel");
        await using var successor = _e2e.CreateSocket(_e2e.ConnectUri);
        Assert.That(async () => await successor.ConnectAsync().Within(), Throws.Exception, "Genesys refuses a socket to an expired channel");
    }
}
