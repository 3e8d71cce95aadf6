using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>Liveness of the socket as the worker's watchdog sees it: heartbeats arrive, pings get pongs.</summary>
// The org allows the per-communication wrap-up call here (the simulator's default refuses it): these tests are about the typed client, not the credentials.
public sealed class When_the_socket_heartbeats
{
    private ClientAndSimulator _e2e = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_advance_the_last_heartbeat()
    {
        var first = await _socket.Heartbeats.Next();
        var second = await _socket.Heartbeats.Next();

        Assert.That(first.Message, Is.EqualTo(NotificationTopics.HeartbeatMessage));
        Assert.That(second.ReceivedAt, Is.GreaterThan(first.ReceivedAt));
        Assert.That(_socket.LastHeartbeatAt, Is.GreaterThanOrEqualTo(second.ReceivedAt));
    }

    [Test]
    public async Task Should_answer_a_ping_with_a_pong()
    {
        var pong = await _socket.PingAsync().Within();

        Assert.That(pong.Message, Is.EqualTo(NotificationTopics.PongMessage));
        Assert.That(_socket.LastPongAt, Is.GreaterThanOrEqualTo(pong.ReceivedAt));
    }
}
