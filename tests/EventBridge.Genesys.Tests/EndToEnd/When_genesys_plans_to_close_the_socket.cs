using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>
/// Maintenance: socket_closing, then the simulator closes the warned socket after the lead time. The client must
/// already be on a new socket to the same channel, so nothing is lost.
/// </summary>
public sealed class When_genesys_plans_to_close_the_socket
{
    private static readonly TimeSpan LeadTime = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private ClientAndSimulator _e2e = null!;
    private NotificationChannelClient _socket = null!;

    [SetUp]
    public async Task Start()
    {
        // One clock for both sides, so the test decides when the lead time is over.
        _e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.Zero, SocketClosingLeadTime = LeadTime }, _time);
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_move_to_a_new_socket_on_the_same_channel_and_keep_receiving()
    {
        var disconnects = 0;
        using var counting = _socket.Disconnected.Subscribe(new Counter<ChannelDisconnect>(() => Interlocked.Increment(ref disconnects)));
        var reconnected = _socket.Reconnected.Next();

        Assert.That(_e2e.Control.CloseSocketPlanned(_e2e.ChannelId), Is.True);

        Assert.That((await reconnected).Reason, Is.EqualTo("socket_closing"));
        Assert.That(_socket.ReconnectCount, Is.EqualTo(1));
        // A pong on the new socket proves the simulator has attached it before the lead time runs out.
        await _socket.PingAsync().Within();
        _time.Advance(LeadTime);
        await _socket.PingAsync().Within();

        Assert.That(await _e2e.Client.ChannelExistsAsync(_e2e.ChannelId), Is.True);
        var acw = await _e2e.DriveIntoAcwAsync(_socket);
        Assert.That(acw.ParticipantId, Is.Not.Empty);
        Assert.That(_socket.ReconnectCount, Is.EqualTo(1), "the planned close spared the new socket");
        Assert.That(_socket.IsConnected, Is.True);
        Assert.That(disconnects, Is.Zero, "retiring the warned socket is not a disconnect");
        Assert.That(_e2e.Control.Channels().Single(c => c.Id == _e2e.ChannelId).Topics, Is.EqualTo(new[] { ClientAndSimulator.QueueTopic }));
    }

    [Test]
    public async Task Should_survive_a_second_planned_close()
    {
        for (var round = 1; round <= 2; round++)
        {
            var reconnected = _socket.Reconnected.Next();
            _e2e.Control.CloseSocketPlanned(_e2e.ChannelId);
            Assert.That((await reconnected).ReconnectCount, Is.EqualTo(round));
            await _socket.PingAsync().Within();
            _time.Advance(LeadTime);
        }

        await _e2e.DriveIntoAcwAsync(_socket);
        Assert.That(_socket.ReconnectCount, Is.EqualTo(2));
    }

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
