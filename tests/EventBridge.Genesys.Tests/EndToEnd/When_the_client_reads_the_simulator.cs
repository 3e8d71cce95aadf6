using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>Every read the worker relies on parses the simulator's answers into the client's models.</summary>
public sealed class When_the_client_reads_the_simulator
{
    private ClientAndSimulator _e2e = null!;

    [SetUp]
    public async Task Start() => _e2e = await ClientAndSimulator.StartAsync();

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_resolve_code_names_to_ids_the_way_people_name_them()
    {
        var byName = await _e2e.Client.FindWrapupCodeByNameAsync("qa_review");
        var queueCodes = await _e2e.Client.GetQueueWrapupCodesAsync(SeedData.DemoQueueId);
        var none = await _e2e.Client.FindWrapupCodeByNameAsync("QA");

        Assert.That((byName?.Id, byName?.Name), Is.EqualTo(((string?)SeedData.QaReviewCodeId, (string?)"QA_Review")));
        Assert.That(queueCodes.Entities!.Select(c => c.Id),
            Is.EquivalentTo(new[] { SeedData.ResolvedCodeId, SeedData.QaReviewCodeId, SeedData.EscalatedCodeId }));
        Assert.That(none, Is.Null, "a partial name is not a match");
    }

    [Test]
    public async Task Should_read_the_codes_a_participant_may_use()
    {
        var c = _e2e.Control.CreateConversation();

        var codes = await _e2e.Client.GetParticipantWrapupCodesAsync(c.ConversationId, c.AgentParticipantId);

        Assert.That(codes.Select(x => x.Name), Is.EquivalentTo(new[] { "Resolved", "QA_Review", "Escalated" }));
    }

    [Test]
    public async Task Should_read_both_views_of_a_conversation_in_acw()
    {
        var c = await _e2e.ConversationInAcwAsync();

        var generic = await _e2e.Client.GetConversationAsync(c.ConversationId);
        var media = await _e2e.Client.GetMessageConversationAsync(c.ConversationId);

        var agent = generic.Participants!.Single(p => p.Purpose == "agent");
        Assert.That((agent.Id, agent.UserId, agent.QueueId, agent.WrapupRequired), Is.EqualTo(
            ((string?)c.AgentParticipantId, (string?)c.AgentUserId, (string?)c.QueueId, (bool?)true)));
        Assert.That(agent.StartAcwTime, Is.Not.Null);
        Assert.That(agent.Messages!.Single().Id, Is.EqualTo(c.AgentCommunicationId));
        var flat = media.Participants!.Single(p => p.Purpose == "agent");
        Assert.That((flat.Id, flat.User?.Id, flat.Queue?.Id, flat.State), Is.EqualTo(
            ((string?)c.AgentParticipantId, (string?)c.AgentUserId, (string?)c.QueueId, (string?)"disconnected")));
    }

    [Test]
    public async Task Should_list_channels_subscriptions_and_available_topics()
    {
        var channel = await _e2e.Client.CreateChannelAsync();
        await _e2e.Client.AddSubscriptionsAsync(channel.Id!, [ClientAndSimulator.QueueTopic, "not.a.topic"]);

        var channels = await _e2e.Client.GetChannelsAsync();
        var topics = await _e2e.Client.GetSubscriptionsAsync(channel.Id!);
        var available = await _e2e.Client.GetAvailableTopicsAsync();

        Assert.That(channels.Entities!.Select(x => x.Id), Does.Contain(channel.Id));
        Assert.That(topics.Entities!.Select(t => t.Id), Is.EqualTo(new[] { ClientAndSimulator.QueueTopic }));
        Assert.That(available.Entities, Is.Not.Empty);
        await _e2e.Client.DeleteSubscriptionsAsync(channel.Id!);
        Assert.That((await _e2e.Client.GetSubscriptionsAsync(channel.Id!)).Entities, Is.Empty);
    }

    [Test]
    public async Task Should_parse_detail_and_media_topics()
    {
        var created = _e2e.Control.CreateConversation(new CreateConversationRequest { Answer = true });
        var channel = await _e2e.Client.CreateChannelAsync();
        var acwTopic = NotificationTopics.ConversationDetailEvents(created.ConversationId, "acw");
        var mediaTopic = NotificationTopics.QueueMessageConversations(SeedData.DemoQueueId);
        await _e2e.Client.ReplaceSubscriptionsAsync(channel.Id!, [acwTopic, mediaTopic]);
        await using var socket = _e2e.CreateSocket(channel.ConnectUri!);
        await socket.ConnectAsync().Within();
        await socket.PingAsync().Within();
        var acw = socket.Notifications.Next(e => e.TopicName == acwTopic);
        var media = socket.Notifications.Next(e => e.TopicName == mediaTopic
            && e.ParseMessageConversation()?.Participants?.Any(p => p.Purpose == "agent" && p.StartAcwTime is not null) == true);

        _e2e.Control.CustomerEnds(created.ConversationId);
        await _e2e.Client.ApplyCommunicationWrapupAsync(
            created.ConversationId, created.AgentParticipantId, created.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId, Notes = "n" });

        var detail = (await acw).ParseDetailEvent()!;
        Assert.That((detail.ConversationId, detail.ParticipantId, detail.SessionId, detail.WrapupCode, detail.MediaType), Is.EqualTo((
            (string?)created.ConversationId, (string?)created.AgentParticipantId, (string?)created.AgentCommunicationId,
            (string?)SeedData.ResolvedCodeId, (string?)"MESSAGE")));
        Assert.That(detail.EventTimestamp, Is.Not.Null);
        var agent = (await media).ParseMessageConversation()!.Participants!.Single(p => p.Purpose == "agent");
        Assert.That(agent.User?.Id, Is.EqualTo(created.AgentUserId));
    }

    [Test]
    public async Task Should_end_conversations_without_the_recovery_call()
    {
        var first = _e2e.Control.CreateConversation(new CreateConversationRequest { Answer = true });
        var second = _e2e.Control.CreateConversation(new CreateConversationRequest { Answer = true });
        var third = _e2e.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        await _e2e.Client.DisconnectMessageParticipantAsync(first.ConversationId, first.AgentParticipantId);
        await _e2e.Client.DisconnectMessageConversationAsync(second.ConversationId);
        await _e2e.Client.DeleteConversationAsync(third.ConversationId);

        foreach (var c in new[] { first, second, third })
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _e2e.Control.WaitUntilAsync(c.ConversationId,
                s => s.Participants.Single(p => p.ParticipantId == c.AgentParticipantId).AcwState == "pending", bounded.Token);
        }

        Assert.That(_e2e.Control.ReadOracle().Wrapups, Is.Empty, "no system code was applied behind the agent's back");
    }
}
