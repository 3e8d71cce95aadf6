using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Models;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Notifications;

public class When_listening_to_a_channel
{
    private FakeStreamingServer _server = null!;
    private FakeTimeProvider _time = null!;
    private NotificationSocket _client = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await FakeStreamingServer.StartAsync();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        _client = new NotificationSocket(
            _server.ChannelUri("ch-1"), _time, NullLogger<NotificationSocket>.Instance);
        await _client.ConnectAsync().Within();
    }

    [TearDown]
    public async Task Stop()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Should_parse_a_topic_envelope_once_into_a_typed_event()
    {
        var connection = await _server.NextConnectionAsync();
        var received = _client.Notifications.Next();

        await connection.SendAsync("""{"topicName":"v2.routing.queues.queue-1.conversations","version":"2","eventBody":"""
            + Payloads.ConversationInAcw + ""","metadata":{"CorrelationId":"corr-7"}}""");
        var envelope = await received;

        Assert.That(envelope.TopicName, Is.EqualTo("v2.routing.queues.queue-1.conversations"));
        Assert.That(envelope.Metadata!.CorrelationId, Is.EqualTo("corr-7"));
        var agent = envelope.ParseConversation()!.Participants!.Single(p => p.Purpose == "agent");
        Assert.That(agent.Messages!.Single().AfterCallWork!.State, Is.EqualTo("pending"));
        Assert.That(_client.LastMessageAt, Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public async Task Should_observe_heartbeats_on_the_injected_clock()
    {
        var connection = await _server.NextConnectionAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var heartbeat = _client.Heartbeats.Next();

        await connection.SendHeartbeatAsync();

        Assert.That((await heartbeat).Message, Is.EqualTo("WebSocket Heartbeat"));
        Assert.That(_client.LastHeartbeatAt, Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public async Task Should_send_a_ping_and_receive_the_pong()
    {
        var connection = await _server.NextConnectionAsync();

        var pong = await _client.PingAsync().Within();

        Assert.That(pong.Message, Is.EqualTo("pong"));
        Assert.That(await connection.Received.Reader.ReadAsync().AsTask().Within(), Is.EqualTo("""{"message":"ping"}"""));
        Assert.That(_client.LastPongAt, Is.Not.Null);
        Assert.That(_client.LastHeartbeatAt, Is.Null, "a pong is not a heartbeat");
    }

    [Test]
    public async Task Should_raise_system_notices()
    {
        var connection = await _server.NextConnectionAsync();
        var notice = _client.SystemNotices.Next();

        await connection.SendAsync("""
            {"topicName":"v2.system.no_longer_subscribed.ch-1","eventBody":{"channelId":"ch-1","systemTopicType":"no_longer_subscribed","reason":"permissions changed"}}
            """);

        var received = await notice;
        Assert.That(received.Kind, Is.EqualTo(SystemNoticeKind.NoLongerSubscribed));
        Assert.That(received.Body!.Reason, Is.EqualTo("permissions changed"));
        Assert.That(received.Body.ChannelId, Is.EqualTo("ch-1"));
    }

    [Test]
    public async Task Should_count_unreadable_frames_and_keep_going()
    {
        var connection = await _server.NextConnectionAsync();
        var heartbeat = _client.Heartbeats.Next();

        await connection.SendAsync("not json {");
        await connection.SendHeartbeatAsync();

        await heartbeat;
        Assert.That(_client.MalformedFrames, Is.EqualTo(1));
    }
}
