using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// Documented rule: without a participant or user in the intent, the code goes to the agent participant current
/// when the conversation ends; the agent who transferred the customer away is left to its own wrap-up.
/// </summary>
[TestFixture]
public sealed class When_the_customer_was_transferred_to_a_second_agent : PipelineTest
{
    [Test]
    public async Task Should_apply_the_code_to_the_agent_who_ended_the_conversation()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Escalated");
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        var second = sim.Control.Transfer(conversation.ConversationId, SeedData.AgentTwoId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId, conversation.AgentParticipantId);
        sim.Control.AgentAnswers(conversation.ConversationId, second.ParticipantId);
        sim.Control.CustomerEnds(conversation.ConversationId);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var wrapup = sim.WrapupsOf(conversation.ConversationId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(applied.ParticipantId, Is.EqualTo(second.ParticipantId));
            Assert.That(wrapup.ParticipantId, Is.EqualTo(second.ParticipantId));
            Assert.That(wrapup.CodeId, Is.EqualTo(SeedData.EscalatedCodeId));
        });
    }

    [Test]
    public async Task Should_apply_to_the_named_user_when_the_intent_names_one()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved") with { UserId = SeedData.AgentOneId };
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        sim.Control.Transfer(conversation.ConversationId, SeedData.AgentTwoId);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.That(applied.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
    }
}
