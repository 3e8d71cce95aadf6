using EventBridge.Contracts;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// The settler stores an outcome, then publishes it. When the broker goes away in between, the settle command is
/// retried or redelivered and finds the intent final: it must publish the stored outcome again, or the caller never
/// hears of it (found while writing the broker-restart test; the window is too narrow to hit on purpose there). When
/// the process dies in between and no command comes again (an in-process settle has none), the store's record that the
/// outcome never went out makes a worker publish it (found by a CI run of the every-replica-restarts test).
/// </summary>
[TestFixture]
public sealed class When_an_outcome_was_stored_but_never_published
{
    [Test]
    public async Task Should_publish_the_stored_outcome_when_the_settle_command_comes_again()
    {
        await using var pipeline = await PipelineHost.StartAsync();
        var conversation = pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await pipeline.PublishAsync(intent);
        await pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        // What a settle attempt left behind when the broker vanished right after the store recorded the outcome.
        var now = DateTimeOffset.UtcNow;
        var claim = await pipeline.Store.TryClaimAsync(new IntentClaimRequest(intent.IntentId, conversation.AgentParticipantId,
            conversation.AgentCommunicationId, null, pipeline.Services.GetRequiredService<ReplicaIdentity>().Name, now, TimeSpan.FromSeconds(15)));
        Assert.That(claim.Claimed, Is.True);
        Assert.That(await pipeline.Store.TryCompleteAsync(intent.IntentId,
            IntentCompletion.Applied(conversation.AgentParticipantId, conversation.AgentCommunicationId, WrapUpCalls.CommunicationWrapup, now, claim.Claim!.Token)), Is.True);

        using var scope = pipeline.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IntentSettler>()
            .SettleAsync(intent.IntentId, "event", pipeline.Services.GetRequiredService<IBus>(), repeated: true, CancellationToken.None);

        var applied = await pipeline.Outcomes.AppliedAsync(intent.IntentId);
        Assert.That(applied.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
    }

    [Test]
    public async Task Should_publish_an_outcome_its_process_died_before_publishing_with_no_command_to_come_again()
    {
        await using var pipeline = await PipelineHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["WrapUp:OutcomeRepublishAfter"] = "00:00:03",
        });
        var conversation = pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await pipeline.PublishAsync(intent);
        await pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        // What an in-process settle left behind when its process was killed right after the store recorded the outcome.
        var diedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var claim = await pipeline.Store.TryClaimAsync(new IntentClaimRequest(intent.IntentId, conversation.AgentParticipantId,
            conversation.AgentCommunicationId, null, "a-replica-that-died", diedAt, TimeSpan.FromSeconds(15)));
        Assert.That(await pipeline.Store.TryCompleteAsync(intent.IntentId,
            IntentCompletion.Applied(conversation.AgentParticipantId, conversation.AgentCommunicationId, WrapUpCalls.CommunicationWrapup, diedAt, claim.Claim!.Token)), Is.True);

        var applied = await pipeline.Outcomes.AppliedAsync(intent.IntentId);
        Assert.Multiple(() =>
        {
            Assert.That(applied.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(applied.AppliedAt, Is.EqualTo(diedAt).Within(TimeSpan.FromMilliseconds(1)), "the stored outcome, as it was decided");
            Assert.That(pipeline.Simulator.Control.ReadOracle().WrapupCalls, Is.Empty, "publishing a stored outcome spends no Genesys call");
        });
        await Eventually.GetAsync(async () => (await pipeline.Store.GetUnpublishedOutcomesAsync(DateTimeOffset.UtcNow, 10)).Count == 0 ? "marked" : null,
            TimeSpan.FromSeconds(10), "the outcome to be recorded as published, so no replica sends it again");
    }
}
