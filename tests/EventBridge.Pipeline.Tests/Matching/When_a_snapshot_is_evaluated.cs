using EventBridge.Contracts;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Matching;

/// <summary>The pure decision core: one snapshot and one intent in, one decision out (no broker, no Genesys).</summary>
public sealed class When_a_snapshot_is_evaluated
{
    private static readonly DateTimeOffset AcwStart = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly StoredIntent Intent = new()
    {
        IntentId = Guid.NewGuid(), ConversationId = "c-1", RequestedCode = "Resolved", CodeId = "code-resolved", CodeName = "Resolved",
        Status = IntentStatus.Pending,
    };

    [Test]
    public void Should_wait_while_the_agent_is_connected() =>
        Assert.That(Evaluate(Agent("connected")).Kind, Is.EqualTo(WrapUpDecisionKind.Wait));

    [TestCase("mandatory")]
    [TestCase("optional")]
    [TestCase("timeout")]
    [TestCase("agentRequested")]
    public void Should_apply_when_the_generic_topic_shows_acw_pending(string prompt)
    {
        var decision = Evaluate(Agent("disconnected", prompt, acw: "pending", timeoutMs: prompt == "timeout" ? 30_000 : null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Kind, Is.EqualTo(WrapUpDecisionKind.Apply));
            Assert.That(decision.CommunicationId, Is.EqualTo("m-agent"));
            Assert.That(decision.AcwStartedAt, Is.EqualTo(AcwStart));
            Assert.That(decision.AcwTimesOutAt, Is.EqualTo(prompt == "timeout" ? AcwStart.AddSeconds(30) : null), "the clock the wrap-up call must beat");
        }
    }

    [Test]
    public void Should_name_the_agents_queue_in_every_decision_about_that_agent()
    {
        var inQueue = Agent("disconnected", acw: "pending") with { QueueId = "queue-sales" };
        var wrappedUp = Agent("disconnected", acw: "complete", code: "code-other") with { QueueId = "queue-sales" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Evaluate(inQueue).QueueId, Is.EqualTo("queue-sales"), "stored with the claim");
            Assert.That(Evaluate(wrappedUp).QueueId, Is.EqualTo("queue-sales"), "stored with the failure");
        }
    }

    [Test]
    public void Should_apply_from_the_rest_view_that_only_has_the_participant_acw_times() =>
        Assert.That(Evaluate(Agent("disconnected", acw: null, startAcw: AcwStart)).Kind, Is.EqualTo(WrapUpDecisionKind.Apply));

    [Test]
    public void Should_see_its_own_code_by_id_or_by_name_as_applied()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Evaluate(Agent("disconnected", acw: "complete", code: "code-resolved")).Kind, Is.EqualTo(WrapUpDecisionKind.AlreadyApplied));
            Assert.That(Evaluate(Agent("disconnected", acw: "complete", code: "Resolved")).Kind, Is.EqualTo(WrapUpDecisionKind.AlreadyApplied));
        }
    }

    [TestCase("code-other", WrapUpFailureReasons.AlreadyWrappedUp)]
    [TestCase(WrapUpEvaluator.AcwTimeoutCodeId, WrapUpFailureReasons.AcwTimedOut)]
    [TestCase(WrapUpEvaluator.AcwTimeoutCodeName, WrapUpFailureReasons.AcwTimedOut)]
    public void Should_fail_when_another_code_is_on_the_participant(string code, string reason)
    {
        var decision = Evaluate(Agent("disconnected", acw: "complete", code: code));
        Assert.That((decision.Kind, decision.Reason), Is.EqualTo((WrapUpDecisionKind.Fail, reason)));
    }

    [Test]
    public void Should_fail_as_skipped_when_the_topic_says_acw_skipped_without_a_wrapupSkipped_field()
    {
        // The generic topic models have no wrapupSkipped: afterCallWork.state is all a topic reader gets.
        var decision = Evaluate(Agent("disconnected", "optional", acw: "skipped"));
        Assert.That((decision.Kind, decision.Reason), Is.EqualTo((WrapUpDecisionKind.Fail, WrapUpFailureReasons.AcwSkipped)));
    }

    [Test]
    public void Should_wait_for_a_conversation_without_an_agent_yet_and_fail_a_named_participant_that_is_not_there()
    {
        var noAgent = new Conversation { Id = "c-1", Participants = [Customer("connected")] };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(WrapUpEvaluator.Evaluate(noAgent, Intent).Kind, Is.EqualTo(WrapUpDecisionKind.Wait));
            Assert.That(WrapUpEvaluator.Evaluate(noAgent, Intent with { ParticipantId = "p-x" }).Reason, Is.EqualTo(WrapUpFailureReasons.NoAgentParticipant));
        }
    }

    [Test]
    public void Should_leave_an_agent_who_transferred_away_to_the_agent_who_finished()
    {
        var first = Agent("disconnected", acw: "pending", id: "agent-1") with
        {
            Messages = [new MessageCommunication { Id = "m-1", State = "disconnected", DisconnectType = "transfer", AfterCallWork = new AfterCallWork { State = "pending", StartTime = AcwStart } }],
        };
        var second = Agent("connected", id: "agent-2");
        var decision = WrapUpEvaluator.Evaluate(new Conversation { Id = "c-1", Participants = [Customer("connected"), first, second] }, Intent);

        Assert.That(decision.Kind, Is.EqualTo(WrapUpDecisionKind.Wait), "the disposition is the second agent's, who is still connected");
    }

    private static WrapUpDecision Evaluate(ConversationParticipant agent) =>
        WrapUpEvaluator.Evaluate(new Conversation { Id = "c-1", Participants = [Customer("disconnected"), agent] }, Intent);

    private static ConversationParticipant Customer(string state) =>
        new() { Id = "customer", Purpose = "customer", Messages = [new MessageCommunication { Id = "m-customer", State = state }] };

    private static ConversationParticipant Agent(string state, string prompt = "mandatory", string? acw = null, string? code = null,
        int? timeoutMs = null, DateTimeOffset? startAcw = null, string id = "agent") => new()
    {
        Id = id,
        Purpose = "agent",
        WrapupRequired = true,
        WrapupPrompt = prompt,
        WrapupTimeoutMs = timeoutMs,
        StartAcwTime = startAcw ?? (acw is null ? null : AcwStart),
        Wrapup = code is null ? null : new Wrapup { Code = code },
        Messages =
        [
            new MessageCommunication
            {
                Id = "m-" + id, State = state,
                AfterCallWork = acw is null ? null : new AfterCallWork { State = acw, StartTime = AcwStart },
            },
        ],
    };
}
