using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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

        var attempts = await Pipeline.Services.GetRequiredService<IIntentAttemptJournal>().GetAsync(intent.IntentId);

        // Genesys's 404 decided it: the journal shows the read and its answer, so the review does not call it EventBridge's own reasoning.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.ConversationNotFound));
            Assert.That(attempts.Select(a => (a.Action, a.Outcome, a.HttpStatus)), Is.EqualTo(new[] { (IntentAttempt.Read, IntentAttempt.Refused, (int?)404) }));
            Assert.That(attempts[0].GenesysCode, Is.EqualTo("conversation.error.conversation.not.found"), "Genesys's code, kept apart");
            Assert.That((await Pipeline.Store.FindAsync(intent.IntentId))!.AcceptedAt, Is.Null, "failed at intake: never accepted");
        }
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

    [Test]
    public async Task Should_expire_an_intent_whose_deadline_passed_before_it_arrived_without_calling_genesys()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, disconnect: true) with { Deadline = DateTimeOffset.UtcNow.AddMinutes(-1) };
        Pipeline.Simulator.Control.Oracle.Clear();

        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        var agent = Pipeline.Simulator.Control.GetConversation(conversation.ConversationId).Participants.Single(p => p.Purpose == "agent");
        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.Expired));
            Assert.That(failed.Detail, Does.Contain("had passed when the intent arrived"));
            Assert.That(Pipeline.Simulator.Control.ReadOracle().Requests.Where(r => r.Path.Contains(conversation.ConversationId, StringComparison.Ordinal)),
                Is.Empty, "no read, no disconnect, no wrap-up for an intent that is over");
            Assert.That(agent.State, Is.EqualTo("connected"));
        });
    }

    [TestCase("conversationId", "c1\r\nforged")]
    [TestCase("conversationId", "../../users/me")]
    [TestCase("participantId", "p1\u001b[2J")]
    [TestCase("wrapUpCode", "../wrapupcodes")]
    [TestCase("wrapUpCode", "Resolved\u0000")]
    public async Task Should_refuse_control_characters_and_dot_segments_as_malformed(string field, string escaped)
    {
        var value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var intent = Scenarios.IntentFor(Pipeline.Simulator.ConnectedConversation().ConversationId);
        intent = field switch
        {
            "conversationId" => intent with { ConversationId = value },
            "participantId" => intent with { ParticipantId = value },
            _ => intent with { WrapUpCode = value },
        };

        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.RejectedAsMalformed));
            Assert.That(failed.Detail, Does.Contain(field));
            Assert.That(failed.Detail.Any(c => c < 0x20), Is.False, "the problem echoes the value with its controls escaped");
        });
    }

    [Test]
    public async Task Should_dead_letter_a_raw_json_deadline_without_a_utc_offset()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intentId = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new { intentId, conversationId = conversation.ConversationId, wrapUpCode = "Resolved", deadline = "2030-01-01T12:00:00" });

        await TestBroker.PublishRawAsync(PipelineQueues.Intents, json);
        var deadLetter = await Eventually.GetAsync(async () =>
            (await TestBroker.DrainAsync(PipelineQueues.Intents + "_error")).FirstOrDefault(m => m.Body.Contains(intentId.ToString(), StringComparison.Ordinal)),
            Scenarios.Patience, "the intent with a zone-less deadline in the dead-letter queue");

        Assert.Multiple(() =>
        {
            Assert.That(deadLetter.Body, Does.Contain("2030-01-01T12:00:00"), "kept whole for support");
            Assert.That(Pipeline.Simulator.WrapupsOf(conversation.ConversationId), Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_an_intent_id_reused_for_another_conversation_and_leave_the_first_intent_alone()
    {
        var first = Pipeline.Simulator.ConnectedConversation();
        var other = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(first.ConversationId, "Resolved");
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        await Pipeline.PublishAsync(intent with { ConversationId = other.ConversationId, Disconnect = true });
        var refused = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        var stored = await Pipeline.Store.FindAsync(intent.IntentId);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Reason, Is.EqualTo(WrapUpFailureReasons.RejectedAsMalformed));
            Assert.That(refused.Detail, Does.Contain("already taken").And.Contain(first.ConversationId));
            Assert.That(stored!.ConversationId, Is.EqualTo(first.ConversationId));
            Assert.That(stored.IsFinal, Is.False, "the first intent still waits for its agent");
            Assert.That(Pipeline.Simulator.Control.ReadOracle().Requests.Where(r => r.Path.Contains(other.ConversationId, StringComparison.Ordinal)),
                Is.Empty, "the other conversation is never touched");
        });
    }
}
