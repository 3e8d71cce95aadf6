using EventBridge.Pipeline.Subscriptions;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Sharding: at most MaxTopicsPerChannel per channel, at most MaxChannels channels, the rest reported.</summary>
[TestFixture]
public sealed class When_topics_outgrow_one_channel
{
    private static readonly Dictionary<string, string?> SmallChannels = new()
    {
        ["Subscriptions:MaxTopicsPerChannel"] = "3",
        ["Subscriptions:MaxChannels"] = "3",
    };

    private static List<string> UserTopics(int count) => [.. Enumerable.Range(0, count).Select(_ => $"v2.users.{Guid.NewGuid()}.conversations")];

    [Test]
    public async Task Should_spread_them_over_several_channels_within_the_limit()
    {
        await using var host = await ChannelPoolHost.StartAsync(settings: SmallChannels);
        var topics = UserTopics(6);

        Assert.That(await host.Pool.EnsureAsync(topics, CancellationToken.None), Is.True);

        var channels = host.Simulator.Control.Channels();
        Assert.Multiple(() =>
        {
            Assert.That(channels, Has.Count.EqualTo(3), "7 topics in channels of 3");
            Assert.That(channels.Select(c => c.Topics.Count), Has.All.LessThanOrEqualTo(3));
            Assert.That(channels.SelectMany(c => c.Topics), Is.SupersetOf(topics));
            Assert.That(host.Health.Channels.Select(c => c.Connected), Has.All.True);
            Assert.That(host.Health.SubscribedTopicCount, Is.EqualTo(7));
            Assert.That(host.Health.IsReady, Is.True);
        });
    }

    [Test]
    public async Task Should_report_what_does_not_fit_and_leave_it_to_reconciliation()
    {
        await using var host = await ChannelPoolHost.StartAsync(settings: SmallChannels);
        var topics = UserTopics(10);

        Assert.That(await host.Pool.EnsureAsync(topics, CancellationToken.None), Is.False, "not every topic is covered");
        var callsBefore = host.SubscriptionCalls().Count;
        Assert.That(await host.Pool.EnsureAsync(topics, CancellationToken.None), Is.False);

        var health = host.Health;
        Assert.Multiple(() =>
        {
            Assert.That(host.Simulator.Control.Channels(), Has.Count.EqualTo(3), "never beyond MaxChannels");
            Assert.That(health.SubscribedTopicCount, Is.EqualTo(9));
            Assert.That(health.TopicsOverCapacity, Has.Count.EqualTo(2));
            Assert.That(host.Reconcile.Count, Is.EqualTo(1), "conversations behind those topics are reconciled over REST");
            Assert.That(host.SubscriptionCalls(), Has.Count.EqualTo(callsBefore), "no call for topics known not to fit");
        });
    }

    [Test]
    public async Task Should_take_half_the_share_as_a_cluster_listener()
    {
        // A dead lease holder's channels count against Genesys's 20 until they expire: its successor and it must fit.
        await using var host = await ChannelPoolHost.StartAsync(settings: SmallChannels, share: new ChannelShare(SharedWithSuccessor: true));
        var topics = UserTopics(6);

        Assert.That(await host.Pool.EnsureAsync(topics, CancellationToken.None), Is.False, "one channel of 3 cannot cover 7 topics");

        Assert.Multiple(() =>
        {
            Assert.That(host.Simulator.Control.Channels(), Has.Count.EqualTo(1), "half of MaxChannels 3, rounded down");
            Assert.That(host.Health.SubscribedTopicCount, Is.EqualTo(3));
            Assert.That(host.Health.TopicsOverCapacity, Has.Count.EqualTo(4));
        });
    }
}
