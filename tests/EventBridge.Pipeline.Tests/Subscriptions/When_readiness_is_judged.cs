using EventBridge.Pipeline.Subscriptions;

namespace EventBridge.Pipeline.Tests.Subscriptions;

[TestFixture]
public sealed class When_readiness_is_judged
{
    private static ChannelHealth Channel(int topics, bool connected) => new()
    {
        Slot = 0, State = connected ? ChannelState.Connected : ChannelState.Reconnecting, TopicCount = topics, Connected = connected,
        ReconnectCount = 0, ReplacementCount = 0, EventsReceived = 0,
    };

    private static SubscriptionHealth Health(bool started, params ChannelHealth[] channels) => new()
    {
        Channels = channels, RejectedTopics = [], TopicsOverCapacity = [], Started = started,
    };

    [Test]
    public void Should_need_every_channel_with_topics_connected() => Assert.Multiple(() =>
    {
        Assert.That(Health(true, Channel(3, true), Channel(2, true)).IsReady, Is.True);
        Assert.That(Health(true, Channel(3, true), Channel(2, false)).IsReady, Is.False, "events of the second channel's topics go unheard");
        Assert.That(Health(true, Channel(3, true), Channel(0, false)).IsReady, Is.True, "a channel without topics hears nothing anyway");
        Assert.That(Health(false).IsReady, Is.False, "not before the configured queues are subscribed");
    });
}
