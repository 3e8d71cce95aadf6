using System.Net;
using System.Net.WebSockets;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

/// <summary>Maintenance closes the socket, not the channel: subscriptions live on for the next socket.</summary>
public sealed class When_genesys_plans_to_close_a_socket
{
    private static readonly string QueueTopic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
    private readonly FakeTimeProvider _time = new();
    private SimulatorSession _s = null!;
    private string _channelId = null!;
    private string _connectUri = null!;

    [SetUp]
    public async Task Start()
    {
        _s = await SimulatorSession.StartAsync(new SimulatorOptions { SocketClosingLeadTime = TimeSpan.FromMinutes(1) }, _time);
        var channel = await _s.Api.CreateChannelAsync();
        _channelId = channel.GetProperty("id").GetString()!;
        _connectUri = channel.GetProperty("connectUri").GetString()!;
        await _s.Api.SubscribeAsync(_channelId, QueueTopic);
    }

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_warn_then_close_the_socket_after_the_lead_time_and_keep_the_channel()
    {
        await using var old = await NotificationSocket.ConnectAsync(_connectUri);

        using var planned = await _s.Api.SendAsync(HttpMethod.Post, $"sim/channels/{_channelId}/socket-closing");

        Assert.That(planned.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await old.WaitForTopicAsync("v2.system.socket_closing");
        _time.Advance(TimeSpan.FromSeconds(59));
        await old.FlushAsync();
        Assert.That(old.Closed.IsCompleted, Is.False, "the socket lives until the lead time is over");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await old.Closed.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(WebSocketCloseStatus.NormalClosure));

        using var head = await _s.Api.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{_channelId}");
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using var fresh = await NotificationSocket.ConnectAsync(_connectUri);
        var created = _s.Sim.Control.CreateConversation();
        await fresh.WaitForTopicAsync(QueueTopic, b => b.GetProperty("id").GetString() == created.ConversationId);
    }

    [Test]
    public async Task Should_leave_the_socket_that_took_over_in_time_open()
    {
        await using var old = await NotificationSocket.ConnectAsync(_connectUri);
        Assert.That(_s.Sim.Control.CloseSocketPlanned(_channelId), Is.True);
        await old.WaitForTopicAsync("v2.system.socket_closing");

        await using var fresh = await NotificationSocket.ConnectAsync(_connectUri);
        Assert.That(await old.Closed.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(WebSocketCloseStatus.PolicyViolation),
            "the new socket kicks the old one, as on Genesys");
        _time.Advance(TimeSpan.FromMinutes(1));

        // A pong after the lead time proves the planned close spared the new socket.
        await fresh.FlushAsync();
        var created = _s.Sim.Control.CreateConversation();
        await fresh.WaitForTopicAsync(QueueTopic, b => b.GetProperty("id").GetString() == created.ConversationId);
        Assert.That(fresh.Closed.IsCompleted, Is.False);
        Assert.That(_s.Sim.Control.Channels().Single(c => c.Id == _channelId).Topics, Is.EqualTo(new[] { QueueTopic }));
    }

    [Test]
    public async Task Should_answer_404_when_there_is_no_socket_to_close()
    {
        using var unconnected = await _s.Api.SendAsync(HttpMethod.Post, $"sim/channels/{_channelId}/socket-closing");
        using var unknown = await _s.Api.SendAsync(HttpMethod.Post, $"sim/channels/{Guid.NewGuid()}/socket-closing");

        Assert.That(unconnected.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
