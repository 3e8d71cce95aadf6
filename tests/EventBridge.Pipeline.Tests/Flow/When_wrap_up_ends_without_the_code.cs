using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>ACW can end before EventBridge's call lands: time-boxed ACW, an optional ACW the agent skips, or none at all.</summary>
[TestFixture]
public sealed class When_wrap_up_ends_without_the_code : PipelineTest
{
    protected override Task<PipelineHost> StartAsync() => PipelineHost.StartAsync(settings: new Dictionary<string, string?>
    {
        // The apply below must outlast a 150 ms ACW: each attempt retries quickly three times against 503s.
        ["Genesys:MaxRetries"] = "3",
    });

    [Test]
    public async Task Should_report_acw_timed_out_when_the_system_code_wins()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation(prompt: "timeout", timeoutMs: 150);
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        sim.Faults.AddBurst(new ErrorBurst(40, 503,
            $"/api/v2/conversations/messages/{conversation.ConversationId}/participants/{conversation.AgentParticipantId}/communications"));

        sim.Control.CustomerEnds(conversation.ConversationId);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.AcwTimedOut));
            Assert.That(failed.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().Via, Is.EqualTo("acwTimeout"));
        });
        sim.Faults.Clear();
    }

    [Test]
    public async Task Should_report_acw_skipped_when_the_agent_skips_an_optional_wrap_up()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation(prompt: "optional");
        sim.Control.CustomerEnds(conversation.ConversationId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId);
        sim.Control.AgentSkipsWrapup(conversation.ConversationId);

        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.AcwSkipped));
            Assert.That(sim.WrapupsOf(conversation.ConversationId), Is.Empty);
        });
    }

    [Test]
    public async Task Should_expire_at_the_deadline_when_an_agent_requested_acw_is_never_entered()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation(prompt: "agentRequested");
        var intent = Scenarios.IntentFor(conversation.ConversationId) with { Deadline = DateTimeOffset.UtcNow.AddSeconds(1.5) };
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        sim.Control.CustomerEnds(conversation.ConversationId);

        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.Expired));
            Assert.That(failed.FailedAt, Is.GreaterThanOrEqualTo(intent.Deadline!.Value));
            Assert.That(sim.WrapupsOf(conversation.ConversationId), Is.Empty);
        });
    }
}
