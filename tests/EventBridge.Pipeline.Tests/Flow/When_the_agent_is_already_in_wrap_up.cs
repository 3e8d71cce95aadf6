using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

[TestFixture]
public sealed class When_the_agent_is_already_in_wrap_up : PipelineTest
{
    [Test]
    public async Task Should_apply_at_once()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        sim.Control.CustomerEnds(conversation.ConversationId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId);

        var intent = Scenarios.IntentFor(conversation.ConversationId, SeedData.ResolvedCodeId);
        await Pipeline.PublishAsync(intent);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
            Assert.That(applied.WrapUpCodeName, Is.EqualTo("Resolved"), "a code given by id is reported with its name");
        });
    }

    [Test]
    public async Task Should_report_already_wrapped_up_when_the_agent_chose_another_code()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        sim.Control.CustomerEnds(conversation.ConversationId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId);
        sim.Control.AgentWrapsUp(conversation.ConversationId, "Escalated");

        var intent = Scenarios.IntentFor(conversation.ConversationId, "QA_Review");
        await Pipeline.PublishAsync(intent);
        var failed = await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.AlreadyWrappedUp));
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().Via, Is.EqualTo("agent"), "the agent's code stays");
        });
    }

    [Test]
    public async Task Should_report_applied_without_a_second_call_when_the_code_is_already_there()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        sim.Control.CustomerEnds(conversation.ConversationId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId);
        sim.Control.AgentWrapsUp(conversation.ConversationId, "QA_Review");

        var intent = Scenarios.IntentFor(conversation.ConversationId, "QA_Review");
        await Pipeline.PublishAsync(intent);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(applied.AppliedVia, Is.EqualTo(WrapUpCalls.AlreadyPresent));
            Assert.That(sim.WrapupsOf(conversation.ConversationId), Has.Count.EqualTo(1));
        });
    }
}
