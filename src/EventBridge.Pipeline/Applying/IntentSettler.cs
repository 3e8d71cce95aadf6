using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Brings one intent as far as Genesys allows right now: wait, apply (once), confirm, or fail with a reason.
/// Safe to run any number of times for the same intent — every step re-reads Genesys and the store's
/// compare-and-set claim guarantees at most one effective wrap-up per participant.
/// </summary>
public sealed class IntentSettler(
    IIntentStore store,
    GenesysApiClient genesys,
    WrapUpApplier applier,
    OutcomeRecorder outcomes,
    PendingIntentIndex index,
    TimeProvider time,
    ILogger<IntentSettler> logger)
{
    /// <param name="repeated">
    /// This command is a retry or a redelivery. The outcome is stored before it is published, so an attempt that
    /// failed in between (broker gone) finds the intent final: publish the stored outcome again, or it is never sent.
    /// </param>
    public async Task SettleAsync(Guid intentId, string trigger, IPublishEndpoint publisher, bool repeated, CancellationToken cancellationToken)
    {
        var intent = await store.FindAsync(intentId, cancellationToken);
        if (intent is null || intent.IsFinal || intent.CodeId is null)
        {
            if (intent?.IsFinal != true) return;
            index.Remove(intent.ConversationId, intent.IntentId);
            if (repeated) await outcomes.PublishFinalAsync(publisher, intent, cancellationToken);
            return;
        }

        var conversation = await ReadAsync(intent, publisher, cancellationToken);
        var decision = WrapUpEvaluator.Evaluate(conversation, intent);
        logger.LogDebug("Settling intent {IntentId} on {Trigger}: {Decision}", intentId, trigger, decision);
        await ActAsync(intent, decision, publisher, cancellationToken);
    }

    private async Task ActAsync(StoredIntent intent, WrapUpDecision decision, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case WrapUpDecisionKind.Wait when time.GetUtcNow() >= intent.Deadline:
                await FailAsync(intent, WrapUpFailureReasons.Expired,
                    $"The agent did not enter wrap-up by the deadline {intent.Deadline:O} ({decision.Detail}).", null, publisher, cancellationToken);
                return;
            case WrapUpDecisionKind.Wait:
                return;
            case WrapUpDecisionKind.Fail:
                await FailAsync(intent, decision.Reason!, decision.Detail!, decision.ParticipantId, publisher, cancellationToken);
                return;
            case WrapUpDecisionKind.AlreadyApplied:
                // Claim first: the code may be there because another intent for this participant put it there.
                if (!await ClaimAsync(intent, decision, publisher, cancellationToken)) return;
                await CompleteAppliedAsync(intent, decision, null, publisher, cancellationToken);
                return;
            default:
                await ApplyAsync(intent, decision, publisher, cancellationToken);
                return;
        }
    }

    private async Task ApplyAsync(StoredIntent intent, WrapUpDecision decision, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var participantId = decision.ParticipantId!;
        if (!await ClaimAsync(intent, decision, publisher, cancellationToken)) return;

        string via;
        try
        {
            via = await applier.ApplyAsync(intent.ConversationId, participantId, decision.CommunicationId!, intent.CodeId!, intent.Notes, cancellationToken);
        }
        catch (GenesysApiException refused) when (refused.Kind != GenesysErrorKind.Transient)
        {
            await HandleRefusalAsync(intent, participantId, refused, publisher, cancellationToken);
            return;
        }

        var confirmed = WrapUpEvaluator.Evaluate(await ReadAsync(intent, publisher, cancellationToken), intent);
        if (confirmed.Kind == WrapUpDecisionKind.AlreadyApplied)
        {
            await CompleteAppliedAsync(intent, confirmed, via, publisher, cancellationToken);
            return;
        }

        if (confirmed.Kind == WrapUpDecisionKind.Fail)
        {
            await FailAsync(intent, confirmed.Reason!, confirmed.Detail!, confirmed.ParticipantId, publisher, cancellationToken);
            return;
        }

        // Accepted but not visible (Genesys may lag, or accept and ignore): retry; the next attempt re-reads first.
        throw new WrapUpNotConfirmedException(
            $"Genesys accepted the {via} wrap-up for participant {participantId} of conversation {intent.ConversationId} but does not show it yet ({confirmed.Detail}).");
    }

    /// <summary>One effective wrap-up per participant: false (and the intent failed) when another intent holds it.</summary>
    private async Task<bool> ClaimAsync(StoredIntent intent, WrapUpDecision decision, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var participantId = decision.ParticipantId!;
        if (await store.TryClaimAsync(intent.IntentId, participantId, decision.CommunicationId ?? "", decision.AcwStartedAt, time.GetUtcNow(), cancellationToken))
            return true;
        await FailAsync(intent, WrapUpFailureReasons.AlreadyWrappedUp,
            $"Another intent already holds the wrap-up of participant {participantId}.", participantId, publisher, cancellationToken);
        return false;
    }

    private async Task HandleRefusalAsync(StoredIntent intent, string participantId, GenesysApiException refused, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        switch (refused.Kind)
        {
            case GenesysErrorKind.Auth:
                await FailAsync(intent, WrapUpFailureReasons.NotPermitted,
                    $"Genesys refused both wrap-up calls to this OAuth client: {refused.Message}", participantId, publisher, cancellationToken);
                return;
            case GenesysErrorKind.NotFound:
                await FailAsync(intent, WrapUpFailureReasons.ConversationNotFound, refused.Message, participantId, publisher, cancellationToken);
                return;
            case GenesysErrorKind.Conflict:
                // The participant's state moved on between the read and the call: read again and say what happened.
                var now = WrapUpEvaluator.Evaluate(await ReadAsync(intent, publisher, cancellationToken), intent);
                if (now.Kind is WrapUpDecisionKind.Fail or WrapUpDecisionKind.AlreadyApplied)
                {
                    await ActAsync(intent, now, publisher, cancellationToken);
                    return;
                }

                await store.ReleaseClaimAsync(intent.IntentId, time.GetUtcNow(), cancellationToken);
                throw new WrapUpNotConfirmedException($"Genesys answered conflict but the agent still waits for a code: {refused.Message}");
            default:
                await FailAsync(intent, WrapUpFailureReasons.InvalidCode,
                    $"Genesys refused code {intent.CodeName} ({intent.CodeId}) for participant {participantId}: {refused.Message}", participantId, publisher, cancellationToken);
                return;
        }
    }

    private async Task<Conversation> ReadAsync(StoredIntent intent, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        try
        {
            return await genesys.GetConversationAsync(intent.ConversationId, cancellationToken);
        }
        catch (GenesysApiException missing) when (missing.Kind == GenesysErrorKind.NotFound)
        {
            throw await FailedAsync(intent, WrapUpFailureReasons.ConversationNotFound,
                $"Genesys has no conversation {intent.ConversationId}: {missing.Message}", null, publisher, cancellationToken);
        }
        catch (GenesysApiException refused) when (refused.Kind == GenesysErrorKind.Auth)
        {
            throw await FailedAsync(intent, WrapUpFailureReasons.NotPermitted,
                $"This OAuth client may not read conversation {intent.ConversationId}: {refused.Message}", null, publisher, cancellationToken);
        }
    }

    private async Task CompleteAppliedAsync(StoredIntent intent, WrapUpDecision decision, string? via, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        await outcomes.AppliedAsync(publisher, intent, decision.ParticipantId!, decision.CommunicationId, via ?? WrapUpCalls.AlreadyPresent,
            decision.AcwStartedAt, cancellationToken);
        index.Remove(intent.ConversationId, intent.IntentId);
    }

    private async Task FailAsync(StoredIntent intent, string reason, string detail, string? participantId, IPublishEndpoint publisher,
        CancellationToken cancellationToken) =>
        throw await FailedAsync(intent, reason, detail, participantId, publisher, cancellationToken);

    private async Task<Exception> FailedAsync(StoredIntent intent, string reason, string detail, string? participantId, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        index.Remove(intent.ConversationId, intent.IntentId);
        return await outcomes.FailedAsync(publisher, intent, reason, detail, participantId, cancellationToken);
    }
}
