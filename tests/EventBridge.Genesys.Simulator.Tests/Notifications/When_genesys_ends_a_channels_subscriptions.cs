using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

/// <summary>
/// <c>v2.system.no_longer_subscribed</c>: the socket and the channel stay, the topics do not, so the client hears
/// nothing more until it subscribes again (the worker opens a new channel with every topic).
/// </summary>
public sealed class When_genesys_ends_a_channels_subscriptions
{
    private static readonly string QueueTopic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
    private SimulatorSession _s = null!;

    [SetUp]
    public async Task Start() => _s = await SimulatorSession.StartAsync(new SimulatorOptions());

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_send_no_longer_subscribed_and_deliver_nothing_more_on_the_open_socket()
    {
        var channel = await _s.Api.CreateChannelAsync();
        var channelId = channel.GetProperty("id").GetString()!;
        await _s.Api.SubscribeAsync(channelId, QueueTopic);
        await using var socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);
        await socket.FlushAsync();

        using var ended = await _s.Api.SendAsync(HttpMethod.Post, $"sim/channels/{channelId}/end-subscriptions");

        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var notice = await socket.WaitForTopicAsync($"v2.system.no_longer_subscribed.{channelId}");
        Assert.That(notice.GetProperty("eventBody").GetProperty("channelId").GetString(), Is.EqualTo(channelId));
        Assert.That(notice.GetProperty("eventBody").GetProperty("systemTopicType").GetString(), Is.EqualTo("no_longer_subscribed"));
        var topics = await _s.Api.GetJsonAsync($"api/v2/notifications/channels/{channelId}/subscriptions");
        Assert.That(topics.GetProperty("entities").GetArrayLength(), Is.Zero);

        var created = _s.Sim.Control.CreateConversation();
        await socket.FlushAsync();
        Assert.Multiple(() =>
        {
            Assert.That(socket.FramesOn(QueueTopic).Where(f => f.GetProperty("eventBody").GetProperty("id").GetString() == created.ConversationId),
                Is.Empty, "an event published before the pong would have arrived before it");
            Assert.That(socket.Closed.IsCompleted, Is.False, "the socket stays open");
        });
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_channel()
    {
        using var unknown = await _s.Api.SendAsync(HttpMethod.Post, $"sim/channels/{Guid.NewGuid()}/end-subscriptions");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
