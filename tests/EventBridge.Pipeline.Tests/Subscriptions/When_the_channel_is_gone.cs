using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Expired, evicted or token-revoked channels: a new channel with every topic in ONE PUT, then reconciliation.</summary>
[TestFixture]
public sealed class When_the_channel_is_gone
{
    private static readonly string[] AgentTopics =
        ["v2.users.a1a1a1a1-0000-4000-8000-000000000001.conversations", "v2.users.a1a1a1a1-0000-4000-8000-000000000002.conversations"];

    [TestCase("expired")]
    [TestCase("evicted")]
    [TestCase("token revoked")]
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
            _ => control.RevokeChannelToken(old),
        };
        Assert.That(removed, Is.True);
        await host.UntilAsync(h => h.Channels[0].ChannelId != old && h.Channels[0].Connected && h.Channels[0].ReplacementCount == 1 && host.Reconcile.Count > 0,
            "a replacement channel, and reconciliation");

        var replacement = host.Simulator.Control.Channels().Single();
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
        });

        var before = host.Health.Channels[0].EventsReceived;
        host.MakeQueueEvents();
        await host.UntilAsync(h => h.Channels[0].EventsReceived > before, "events on the new channel");
    }
}
