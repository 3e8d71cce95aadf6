using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Heartbeat watchdog: silence earns a ping; only an unanswered ping costs a reconnect.</summary>
[TestFixture]
public sealed class When_the_socket_goes_silent
{
    private static readonly Dictionary<string, string?> Watchdog = new()
    {
        ["Subscriptions:SilenceTimeout"] = "00:00:00.600",
        ["Subscriptions:PongTimeout"] = "00:00:00.300",
    };

    [Test]
    public async Task Should_ping_and_keep_a_socket_that_answers()
    {
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(150) }, Watchdog);
        await host.UntilAsync(h => h.Channels[0].LastHeartbeatAt is not null, "a first heartbeat");
        host.Simulator.Faults.SetNotificationFaults(new NotificationFaults { HeartbeatsStopped = true });

        await host.UntilAsync(h => h.Channels[0].LastPongAt is not null, "the watchdog to ping the silent socket and get a pong");

        var channel = host.Health.Channels[0];
        Assert.Multiple(() =>
        {
            Assert.That(channel.ReconnectCount, Is.Zero, "a socket that answers a ping is alive: no reconnect");
            Assert.That(host.Reconcile.Count, Is.Zero, "no gap, so no reconciliation");
            Assert.That(channel.Connected, Is.True);
        });
    }

    [Test]
    public async Task Should_reconnect_when_the_ping_goes_unanswered_and_reconcile()
    {
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(150) }, Watchdog);
        var channelId = host.Health.Channels[0].ChannelId;
        Assert.That(host.Simulator.Control.FreezeAllSockets(), Is.EqualTo(1), "one socket to turn half-open (no heartbeat, no event, no pong)");

        await host.UntilAsync(h => h.Channels[0].ReconnectCount == 1 && h.Channels[0].Connected && host.Reconcile.Count > 0,
            "a reconnect after the unanswered ping, and reconciliation");
        Assert.That(host.Reconcile.Count, Is.EqualTo(1), "the silent stretch may have lost events: reconcile once");

        var before = host.Health.Channels[0].EventsReceived;
        host.MakeQueueEvents();
        await host.UntilAsync(h => h.Channels[0].EventsReceived > before, "events on the new socket");
        Assert.Multiple(() =>
        {
            Assert.That(host.Health.Channels[0].ChannelId, Is.EqualTo(channelId), "the channel was alive: same channel, new socket");
            Assert.That(host.Health.Channels[0].ReplacementCount, Is.Zero);
        });
    }
}
