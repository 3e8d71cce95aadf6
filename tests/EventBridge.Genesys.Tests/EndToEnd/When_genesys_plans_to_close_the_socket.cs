using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>
/// Maintenance: socket_closing, then the simulator closes the warned socket after the lead time. A successor socket
/// connected in between (what the worker's ChannelSession does) joins the same channel and keeps every topic.
/// </summary>
// The org allows the per-communication wrap-up call here (the simulator's default refuses it): these tests are about the typed client, not the credentials.
public sealed class When_genesys_plans_to_close_the_socket
{
    private static readonly TimeSpan LeadTime = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private ClientAndSimulator _e2e = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        // One clock for both sides, so the test decides when the lead time is over.
        _e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero, SocketClosingLeadTime = LeadTime }, _time);
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_let_a_successor_socket_take_over_the_channel_and_keep_receiving()
    {
        var closing = _socket.SocketClosing.Next();
        Assert.That(_e2e.Control.CloseSocketPlanned(_e2e.ChannelId), Is.True);
        await closing;
        Assert.That(_socket.IsConnected, Is.True, "socket_closing is a warning: the socket still works");

        await using var successor = _e2e.CreateSocket(_e2e.ConnectUri);
        await successor.ConnectAsync().Within();
        // A pong on the new socket proves the simulator has attached it before the lead time runs out.
        await successor.PingAsync().Within();
        _time.Advance(LeadTime);
        await successor.PingAsync().Within();

        var acw = await _e2e.DriveIntoAcwAsync(successor);
        Assert.That(acw.ParticipantId, Is.Not.Empty);
        Assert.That(successor.IsConnected, Is.True, "the planned close spared the new socket");
        Assert.That(_e2e.Control.Channels().Single(c => c.Id == _e2e.ChannelId).Topics, Is.EqualTo(new[] { ClientAndSimulator.QueueTopic }));
    }
}
