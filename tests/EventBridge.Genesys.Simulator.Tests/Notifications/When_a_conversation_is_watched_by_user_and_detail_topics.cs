using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

public sealed class When_a_conversation_is_watched_by_user_and_detail_topics
{
    [Test]
    public async Task Should_send_user_snapshots_and_uppercase_detail_events_with_the_session_id()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.Zero });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });
        var channel = await s.Api.CreateChannelAsync();
        var detail = $"v2.detail.events.conversation.{created.ConversationId}";
        var user = $"v2.users.{SeedData.AgentOneId}.conversations";
        await s.Api.SubscribeAsync(channel.GetProperty("id").GetString()!,
            user, user + ".messages", detail + ".user.end", detail + ".acw", detail + ".wrapup", detail + ".customer.end");
        await using var socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);

        s.Sim.Control.CustomerEnds(created.ConversationId);
        s.Sim.Control.AgentWrapsUp(created.ConversationId, SeedData.ResolvedCodeId, notes: "done");
        await socket.FlushAsync();

        var userEnd = (await socket.WaitForTopicAsync(detail + ".user.end")).GetProperty("eventBody");
        Assert.That(userEnd.GetProperty("sessionId").GetString(), Is.EqualTo(created.AgentCommunicationId));
        Assert.That(userEnd.GetProperty("participantId").GetString(), Is.EqualTo(created.AgentParticipantId));
        Assert.That(userEnd.GetProperty("userId").GetString(), Is.EqualTo(SeedData.AgentOneId));
        Assert.That(userEnd.GetProperty("mediaType").GetString(), Is.EqualTo("MESSAGE"));
        Assert.That(userEnd.GetProperty("disconnectType").GetString(), Is.EqualTo("PEER"));
        Assert.That(userEnd.GetProperty("eventTime").GetInt64(), Is.GreaterThan(0));

        var customerEnd = (await socket.WaitForTopicAsync(detail + ".customer.end")).GetProperty("eventBody");
        Assert.That(customerEnd.GetProperty("disconnectType").GetString(), Is.EqualTo("CLIENT"));

        var wrapup = (await socket.WaitForTopicAsync(detail + ".wrapup")).GetProperty("eventBody");
        var acw = (await socket.WaitForTopicAsync(detail + ".acw")).GetProperty("eventBody");
        Assert.That(wrapup.GetProperty("wrapupCode").GetString(), Is.EqualTo(SeedData.ResolvedCodeId));
        Assert.That((acw.GetProperty("wrapupCode").GetString(), acw.GetProperty("wrapupNotes").GetString()),
            Is.EqualTo((SeedData.ResolvedCodeId, "done")));
        Assert.That(acw.GetProperty("queueId").GetString(), Is.EqualTo(SeedData.DemoQueueId));

        Assert.That(socket.FramesOn(user), Is.Not.Empty);
        Assert.That(socket.FramesOn(user + ".messages"), Is.Not.Empty);
    }

    [Test]
    public async Task Should_not_queue_events_while_no_socket_is_connected()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());
        var channel = await s.Api.CreateChannelAsync();
        var topic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
        await s.Api.SubscribeAsync(channel.GetProperty("id").GetString()!, topic);

        s.Sim.Control.CreateConversation(new CreateConversationRequest());
        await using var socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);

        Assert.That(socket.FramesOn(topic), Is.Empty);
    }
}
