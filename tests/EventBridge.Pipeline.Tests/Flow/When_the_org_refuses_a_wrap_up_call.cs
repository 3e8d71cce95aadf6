using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>Whether a client-credentials token may use either wrap-up call is org-specific: both ways, with fallback.</summary>
[TestFixture]
public sealed class When_the_org_refuses_a_wrap_up_call
{
    [Test]
    public async Task Should_fall_back_to_the_participant_patch_and_say_so()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Reject401,
        });
        var conversation = pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await pipeline.PublishAsync(intent);
        await pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        pipeline.Simulator.Control.CustomerEnds(conversation.ConversationId);
        var applied = await pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(applied.AppliedVia, Is.EqualTo(WrapUpCalls.ParticipantPatch));
            Assert.That(pipeline.Simulator.WrapupsOf(conversation.ConversationId).Single().Via, Is.EqualTo("participantPatch"));
        });
    }

    [Test]
    public async Task Should_spend_the_refused_call_once_when_a_burst_learns_the_fallback()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Reject401,
        });
        var conversations = Enumerable.Range(0, 12).Select(_ => pipeline.Simulator.ConnectedConversation()).ToList();
        var intents = conversations.Select(c => Scenarios.IntentFor(c.ConversationId)).ToList();
        await Task.WhenAll(intents.Select(i => pipeline.PublishAsync(i)));
        foreach (var intent in intents)
            await pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);

        // All agents enter ACW at once: without single-flight learning the first settles race to the refused call together.
        foreach (var conversation in conversations)
            pipeline.Simulator.Control.CustomerEnds(conversation.ConversationId);
        foreach (var intent in intents)
            await pipeline.Outcomes.AppliedAsync(intent.IntentId);
        var calls = pipeline.Simulator.Control.ReadOracle().WrapupCalls;

        Assert.Multiple(() =>
        {
            // One refused POST, and the token handler's one resend of it after logging in again.
            Assert.That(calls.Count(c => c.Via == "communicationWrapup"), Is.InRange(1, 2), "refused per-communication calls");
            Assert.That(calls.Count(c => c.Via == "participantPatch"), Is.EqualTo(intents.Count), "one participant patch per intent");
            Assert.That(calls.Where(c => c.Via == "participantPatch").Select(c => c.Effect), Is.All.EqualTo(WrapupEffects.Applied));
        });
    }

    [Test]
    public async Task Should_not_hold_other_settles_behind_a_first_call_that_hangs()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });
        var first = pipeline.Simulator.ConnectedConversation();
        var second = pipeline.Simulator.ConnectedConversation();
        pipeline.Simulator.Control.CustomerEnds(first.ConversationId);
        pipeline.Simulator.Control.CustomerEnds(second.ConversationId);
        await pipeline.Simulator.UntilAcwPendingAsync(first.ConversationId);
        await pipeline.Simulator.UntilAcwPendingAsync(second.ConversationId);
        // Genesys holds the first wrap-up call (the one learning which call works) far longer than a settle waits for it.
        pipeline.Simulator.Control.Faults.HoldWrapUps(new WrapUpHold(1, TimeSpan.FromSeconds(15)));

        var learner = Scenarios.IntentFor(first.ConversationId);
        await pipeline.PublishAsync(learner);
        await Eventually.TrueAsync(() => pipeline.Simulator.Control.Faults.WrapUpHolds().HeldNow == 1, Scenarios.Patience, "the first wrap-up call to be held");
        var waiter = Scenarios.IntentFor(second.ConversationId);
        await pipeline.PublishAsync(waiter);
        await pipeline.Outcomes.AppliedAsync(waiter.IntentId);
        var stillHeld = pipeline.Simulator.Control.Faults.WrapUpHolds().HeldNow;
        await pipeline.Outcomes.AppliedAsync(learner.IntentId);

        Assert.That(stillHeld, Is.EqualTo(1), "the second intent was applied while the first call was still held");
    }

    [Test]
    public async Task Should_report_not_permitted_when_both_calls_are_refused()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Reject403,
            ParticipantPatchWrapupWithClientCredentials = ParticipantPatchWrapupCredentialsBehaviour.Reject403,
        });
        var conversation = pipeline.Simulator.ConnectedConversation();
        pipeline.Simulator.Control.CustomerEnds(conversation.ConversationId);
        await pipeline.Simulator.UntilAcwPendingAsync(conversation.ConversationId);
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await pipeline.PublishAsync(intent);
        var failed = await pipeline.Outcomes.FailedAsync(intent.IntentId);
        var deadLetters = await Eventually.GetAsync(async () =>
        {
            var drained = await TestBroker.DrainAsync(PipelineQueues.Settle + "_error");
            return drained.Count > 0 ? drained : null;
        }, Scenarios.Patience, "the refused apply to reach the dead-letter queue");

        Assert.Multiple(() =>
        {
            Assert.That(failed.Reason, Is.EqualTo(WrapUpFailureReasons.NotPermitted));
            Assert.That(pipeline.Simulator.WrapupsOf(conversation.ConversationId), Is.Empty);
            Assert.That(deadLetters.Single().Headers[PipelineHeaders.FailureReason], Is.EqualTo(WrapUpFailureReasons.NotPermitted));
            Assert.That(deadLetters.Single().Headers.ContainsKey("MT-Fault-ExceptionType"), Is.False, "a decided failure is no exception");
            Assert.That(deadLetters.Single().Body, Does.Contain(intent.IntentId.ToString()));
        });
    }
}
