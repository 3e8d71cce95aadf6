namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Unplanned drops: reconnect to the same channel after a backoff, reconcile, hear events again.</summary>
[TestFixture]
public sealed class When_the_sockets_are_closed
{
    [Test]
    public async Task Should_reconnect_to_the_same_channel_and_reconcile()
    {
        await using var host = await ChannelPoolHost.StartAsync();
        var channelId = host.Health.Channels[0].ChannelId;

        Assert.That(host.Simulator.Control.CloseAllSockets(), Is.EqualTo(1));
        await host.UntilAsync(h => h.Channels[0].ReconnectCount == 1 && h.Channels[0].Connected && host.Reconcile.Count > 0, "the socket to be reconnected");

        var before = host.Health.Channels[0].EventsReceived;
        host.MakeQueueEvents();
        await host.UntilAsync(h => h.Channels[0].EventsReceived > before, "events after the reconnect");
        Assert.Multiple(() =>
        {
            Assert.That(host.Reconcile.Count, Is.EqualTo(1), "events sent while no socket was open are lost: reconcile");
            Assert.That(host.Health.Channels[0].ChannelId, Is.EqualTo(channelId));
            Assert.That(host.Simulator.Control.Channels().Single().Connected, Is.True);
        });
    }

    [Test]
    public async Task Should_keep_trying_while_the_sockets_keep_dropping()
    {
        await using var host = await ChannelPoolHost.StartAsync();
        for (var drop = 1; drop <= 3; drop++)
        {
            await host.UntilAsync(h => h.Channels[0].Connected && host.Simulator.Control.Channels().Single().Connected, "an open socket");
            host.Simulator.Control.CloseAllSockets();
            var expected = drop;
            await host.UntilAsync(h => h.Channels[0].ReconnectCount == expected && h.Channels[0].Connected && host.Reconcile.Count == expected,
                $"reconnect #{expected}");
        }

        Assert.That(host.Reconcile.Count, Is.EqualTo(3));
    }
}
