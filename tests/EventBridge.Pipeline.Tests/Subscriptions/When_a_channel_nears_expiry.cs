using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Renewal: re-subscribing at half the life keeps the same channel alive past its first expiry.</summary>
[TestFixture]
public sealed class When_a_channel_nears_expiry
{
    [Test]
    public async Task Should_renew_it_and_keep_the_same_channel()
    {
        var lifetime = TimeSpan.FromSeconds(2);
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { ChannelLifetime = lifetime });
        var channelId = host.Health.Channels[0].ChannelId;
        var firstExpiry = host.Health.Channels[0].ExpiresAt;

        // Three renewals take about 1 + 1 + 1 s: past the unrenewed expiry (2 s) twice over.
        await Eventually.TrueAsync(() => host.SubscriptionCalls().Count(c => c.Method == "PUT") >= 4, ChannelPoolHost.Patience,
            "three renewals after the first subscription");

        var channel = host.Simulator.Control.Channels().Single();
        Assert.Multiple(() =>
        {
            Assert.That(channel.Id, Is.EqualTo(channelId), "same channel, still alive at the simulator");
            Assert.That(host.Health.Channels[0].ChannelId, Is.EqualTo(channelId));
            Assert.That(host.Health.Channels[0].ExpiresAt, Is.GreaterThan(firstExpiry!.Value.AddSeconds(1)), "the expiry moved");
            Assert.That(host.Health.Channels[0].NextRenewalAt, Is.LessThan(host.Health.Channels[0].ExpiresAt!.Value), "renewal before expiry");
            Assert.That(host.Health.Channels[0].ReplacementCount, Is.Zero);
            Assert.That(host.Health.Channels[0].ReconnectCount, Is.Zero);
            Assert.That(host.Reconcile.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Should_open_a_successor_when_the_expiry_cannot_be_confirmed()
    {
        // Genesys lists only the current token's channels: once the token was refreshed, the renewed expiry cannot be
        // read back, so the pool opens a successor before dropping the channel (no gap, no reconciliation).
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { ChannelLifetime = TimeSpan.FromSeconds(3), TokenLifetimeSeconds = 1 });
        var channelId = host.Health.Channels[0].ChannelId;

        await host.UntilAsync(h => h.Channels[0].ReplacementCount >= 1 && h.Channels[0].Connected, "a successor channel");
        var before = host.Health.Channels[0].EventsReceived;
        host.MakeQueueEvents();
        await host.UntilAsync(h => h.Channels[0].EventsReceived > before, "events on the successor");
        Assert.Multiple(() =>
        {
            Assert.That(host.Health.Channels[0].ChannelId, Is.Not.EqualTo(channelId));
            Assert.That(host.Reconcile.Count, Is.Zero, "made before the old one broke: no gap");
        });
    }
}
