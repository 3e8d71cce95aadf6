using System.Net;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_an_agent_is_wrapped_up_over_http
{
    private static readonly string QueueTopic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
    private GenesysSimulator _sim = null!;
    private GenesysApi _api = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _sim = await GenesysSimulator.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        _api = await GenesysApi.LoginAsync(_sim.BaseUri);
        var channel = await _api.CreateChannelAsync();
        await _api.SubscribeAsync(channel.GetProperty("id").GetString()!, QueueTopic, QueueTopic + ".messages");
        _socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);
    }

    [TearDown]
    public async Task Stop()
    {
        await _socket.DisposeAsync();
        _api.Dispose();
        await _sim.DisposeAsync();
    }

    [Test]
    public async Task Should_publish_every_state_and_record_the_applied_code()
    {
        var created = _sim.Control.CreateConversation(new CreateConversationRequest { WrapupPrompt = "mandatory" });
        await _socket.WaitForTopicAsync(QueueTopic, b => AgentMessage(b, created)?.GetProperty("state").GetString() == "alerting");

        _sim.Control.AgentAnswers(created.ConversationId);
        await _socket.WaitForTopicAsync(QueueTopic, b => AgentMessage(b, created)?.GetProperty("state").GetString() == "connected");

        _sim.Control.CustomerEnds(created.ConversationId);
        var acw = await _socket.WaitForTopicAsync(QueueTopic, b => AgentMessage(b, created) is { } m &&
            m.GetProperty("state").GetString() == "disconnected" &&
            m.GetProperty("afterCallWork").GetProperty("state").GetString() == "pending");
        Assert.That(Agent(acw.GetProperty("eventBody"), created).GetProperty("startAcwTime").GetString(), Is.Not.Null);

        using var response = await _api.SendAsync(HttpMethod.Post,
            $"api/v2/conversations/messages/{created.ConversationId}/participants/{created.AgentParticipantId}/communications/{created.AgentCommunicationId}/wrapup",
            new { code = SeedData.QaReviewCodeId, notes = "checked" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());

        var done = await _socket.WaitForTopicAsync(QueueTopic, b => AgentMessage(b, created) is { } m &&
            m.GetProperty("afterCallWork").GetProperty("state").GetString() == "complete");
        var agent = Agent(done.GetProperty("eventBody"), created);
        Assert.That(agent.GetProperty("wrapup").GetProperty("code").GetString(), Is.EqualTo(SeedData.QaReviewCodeId));
        Assert.That(agent.GetProperty("endAcwTime").GetString(), Is.Not.Null);
        Assert.That(done.GetProperty("version").GetString(), Is.EqualTo("2"));
        Assert.That(done.GetProperty("metadata").GetProperty("CorrelationId").GetString(), Is.Not.Empty);

        var media = await _socket.WaitForTopicAsync(QueueTopic + ".messages", b =>
            b.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("id").GetString() == created.AgentParticipantId &&
                p.TryGetProperty("wrapup", out _)));
        var flat = media.GetProperty("eventBody").GetProperty("participants").EnumerateArray().First(p => p.GetProperty("purpose").GetString() == "agent");
        Assert.That(flat.GetProperty("user").GetProperty("id").GetString(), Is.EqualTo(SeedData.AgentOneId));
        Assert.That(flat.TryGetProperty("messages", out _), Is.False, "media topics carry no communication id");

        var wrapup = _sim.Control.ReadOracle().Wrapups.Single();
        Assert.That(wrapup.CodeId, Is.EqualTo(SeedData.QaReviewCodeId));
        Assert.That(wrapup.CodeName, Is.EqualTo("QA_Review"));
        Assert.That(wrapup.Via, Is.EqualTo("communicationWrapup"));
        Assert.That(wrapup.ParticipantId, Is.EqualTo(created.AgentParticipantId));
    }

    [Test]
    public async Task Should_serve_the_generic_and_the_messages_view_over_rest()
    {
        var created = _sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        var generic = await _api.GetJsonAsync($"api/v2/conversations/{created.ConversationId}");
        var agent = Agent(generic, created);
        Assert.That(agent.GetProperty("messages")[0].GetProperty("id").GetString(), Is.EqualTo(created.AgentCommunicationId));
        Assert.That(agent.GetProperty("queueId").GetString(), Is.EqualTo(SeedData.DemoQueueId));
        Assert.That(agent.GetProperty("wrapupPrompt").GetString(), Is.EqualTo("mandatory"));

        var messages = await _api.GetJsonAsync($"api/v2/conversations/messages/{created.ConversationId}");
        Assert.That(messages.GetProperty("participants").GetArrayLength(), Is.EqualTo(3));

        var codes = await _api.GetJsonAsync(
            $"api/v2/conversations/messages/{created.ConversationId}/participants/{created.AgentParticipantId}/wrapupcodes");
        Assert.That(codes.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(codes.EnumerateArray().Select(c => c.GetProperty("name").GetString()), Does.Contain("Resolved"));
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_conversation()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, $"api/v2/conversations/{Guid.NewGuid()}");
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("conversation.error.conversation.not.found"));
    }

    private static JsonElement Agent(JsonElement conversation, CreatedConversation created) =>
        conversation.GetProperty("participants").EnumerateArray().First(p => p.GetProperty("id").GetString() == created.AgentParticipantId);

    private static JsonElement? AgentMessage(JsonElement conversation, CreatedConversation created) =>
        conversation.GetProperty("participants").EnumerateArray()
            .Where(p => p.GetProperty("id").GetString() == created.AgentParticipantId)
            .Select(p => p.GetProperty("messages")[0])
            .Cast<JsonElement?>()
            .FirstOrDefault();
}
