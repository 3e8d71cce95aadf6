using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>
/// Expired, evicted, token-revoked or no-longer-subscribed channels: a new channel with every topic in ONE PUT, then
/// reconciliation (Genesys's own streaming client answers no_longer_subscribed the same way).
/// </summary>
[TestFixture]
public sealed class When_the_channel_is_gone
{
    private static readonly string[] AgentTopics =
        ["v2.users.a1a1a1a1-0000-4000-8000-000000000001.conversations", "v2.users.a1a1a1a1-0000-4000-8000-000000000002.conversations"];

    [TestCase("expired")]
    [TestCase("evicted")]
    [TestCase("token revoked")]
    [TestCase("no longer subscribed")]
    public async Task Should_open_a_new_channel_with_every_topic_in_one_put(string how)
    {
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { SocketClosingLeadTime = TimeSpan.FromMilliseconds(100) });
        Assert.That(await host.Pool.EnsureAsync(AgentTopics, CancellationToken.None), Is.True);
        var old = host.Health.Channels[0].ChannelId!;
        host.Simulator.Control.Oracle.Clear();

        var control = host.Simulator.Control;
        var removed = how switch
        {
            "expired" => control.ExpireChannel(old),
            "evicted" => control.EvictChannel(old),
            "token revoked" => control.RevokeChannelToken(old),
            _ => control.EndSubscriptions(old),
        };
        Assert.That(removed, Is.True);
        await host.UntilAsync(h => h.Channels[0].ChannelId != old && h.Channels[0].Connected && h.Channels[0].ReplacementCount == 1 && host.Reconcile.Count > 0,
            "a replacement channel, and reconciliation");

        var channels = host.Simulator.Control.Channels();
        var replacement = channels.Single(c => c.Id == host.Health.Channels[0].ChannelId);
        var calls = host.SubscriptionCalls();
        Assert.Multiple(() =>
        {
            Assert.That(replacement.Id, Is.EqualTo(host.Health.Channels[0].ChannelId));
            Assert.That(replacement.Topics, Has.Count.EqualTo(3).And.SupersetOf(AgentTopics), "queue and agent topics moved over");
            Assert.That(calls, Has.Count.EqualTo(1), "one bulk call");
            Assert.That(calls[0].Method, Is.EqualTo("PUT"));
            Assert.That(calls[0].Path, Does.Contain(replacement.Id));
            Assert.That(host.Reconcile.Count, Is.EqualTo(1), "events of the gap are lost: reconcile");
            Assert.That(host.Health.Channels[0].ReplacementCount, Is.EqualTo(1));
            Assert.That(channels.Where(c => c.Id != replacement.Id).SelectMany(c => c.Topics), Is.Empty, "nothing left on the old channel");
        });

        var before = host.Health.Channels[0].EventsReceived;
        host.MakeQueueEvents();
        await host.UntilAsync(h => h.Channels[0].EventsReceived > before, "events on the new channel");
    }
}
