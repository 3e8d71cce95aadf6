using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>Bad intents fail fast, with a reason, before EventBridge touches the conversation.</summary>
[TestFixture]
public sealed class When_the_intent_cannot_be_taken : PipelineTest
{
    [Test]
    public async Task Should_report_an_unknown_code_as_invalid_before_any_disconnect()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "No_Such_Code", disconnect: true);

        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        var agent = sim.Control.GetConversation(conversation.ConversationId).Participants.Single(p => p.Purpose == "agent");
        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(failed.Detail, Does.Contain("No_Such_Code"));
            Assert.That(agent.State, Is.EqualTo("connected"), "the agent must not be disconnected for an intent that cannot succeed");
            Assert.That(sim.Control.ReadOracle().Requests.Where(r => r.Method == "PATCH" && r.Path.Contains(conversation.ConversationId, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task Should_report_an_unknown_conversation()
    {
        var intent = Scenarios.IntentFor(Guid.NewGuid().ToString());

        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.ConversationNotFound));
    }

    [Test]
    public async Task Should_report_a_named_participant_that_is_not_an_agent()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId) with { ParticipantId = conversation.CustomerParticipantId };

        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.NoAgentParticipant));
    }

    [Test]
    public async Task Should_dead_letter_a_raw_json_intent_with_missing_fields_and_say_why()
    {
        var intentId = Guid.NewGuid();
        await TestBroker.PublishRawAsync(PipelineQueues.Intents, JsonSerializer.Serialize(new { intentId, wrapUpCode = "QA_Review" }));

        var failed = await Pipeline.Outcomes.FailedAsync(intentId);
        var deadLetter = await Eventually.GetAsync(async () =>
            (await TestBroker.DrainAsync(PipelineQueues.Intents + "_error")).FirstOrDefault(m => m.Body.Contains(intentId.ToString(), StringComparison.Ordinal)),
            Scenarios.Patience, "the malformed intent in the dead-letter queue");

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.RejectedAsMalformed));
            Assert.That(failed.Detail, Does.Contain("conversationId is missing"));
            Assert.That(deadLetter.Headers[PipelineHeaders.FailureReason], Is.EqualTo(WrapUpFailureReasons.RejectedAsMalformed));
            Assert.That(deadLetter.Headers[PipelineHeaders.FailureDetail], Does.Contain("conversationId is missing"));
        });
    }

    [Test]
    public async Task Should_take_a_raw_json_intent_from_a_non_dotnet_publisher()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intentId = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new { intentId, conversationId = conversation.ConversationId, wrapUpCode = "resolved", disconnect = true });

        await TestBroker.PublishRawAsync(PipelineQueues.Intents, json);
        var applied = await Pipeline.Outcomes.AppliedAsync(intentId);

        Assert.Multiple(() =>
        {
            Assert.That(applied.WrapUpCodeName, Is.EqualTo("Resolved"), "code names match case-insensitively");
            Assert.That(Pipeline.Simulator.WrapupsOf(conversation.ConversationId), Has.Count.EqualTo(1));
        });
    }
}
