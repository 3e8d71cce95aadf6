using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Brings one intent as far as Genesys allows right now: wait, apply (once), confirm, or fail with a reason. Two ways in:
/// <see cref="TrySettleFromSnapshotAsync"/> acts on an event's snapshot without a read (the common, fast case), and
/// <see cref="SettleAsync"/> (the settle queue: retries, redeliveries, deadlines, reconciliation, hand-offs) re-reads
/// Genesys first. Safe to run any number of times for the same intent: runs of one intent are serialised
/// (<see cref="IntentLocks"/>) and the store's compare-and-set claim allows one effective wrap-up per participant.
/// </summary>
public sealed class IntentSettler(
    IIntentStore store,
    GenesysApiClient genesys,
    WrapUpApplier applier,
    OutcomeRecorder outcomes,
    PendingIntentIndex index,
    ConversationSnapshots snapshots,
    ChannelPool subscriptions,
    IntentLocks locks,
    IIntentAttemptJournal journal,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentSettler> logger)
{
    /// <param name="repeated">
    /// This command is a retry or a redelivery. The outcome is stored before it is published, so an attempt that
    /// failed in between (broker gone) finds the intent final: publish the stored outcome again, or it is never sent.
    /// </param>
    public async Task SettleAsync(Guid intentId, string trigger, IPublishEndpoint publisher, bool repeated, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(intentId, cancellationToken);
        var intent = await store.FindAsync(intentId, cancellationToken);
        if (intent is null || intent.IsFinal || intent.CodeId is null)
        {
            if (intent?.IsFinal != true) return;
            index.Remove(intent.ConversationId, intent.IntentId);
            if (repeated) await outcomes.PublishFinalAsync(publisher, intent, cancellationToken);
            return;
        }

        var conversation = await ReadAsync(intent, ReadPriority(trigger), publisher, cancellationToken);
        var decision = WrapUpEvaluator.Evaluate(conversation, intent);
        logger.LogDebug("Settling intent {IntentId} on {Trigger}: {Decision}", intentId, trigger, decision);
        await ActAsync(intent, decision, publisher, cancellationToken);
    }

    /// <summary>
    /// Acts on a snapshot an event (or the intake) just showed, without reading Genesys first: applies when it shows the
    /// agent in ACW, completes when it shows this intent's code. Anything else that needs a decision (a failure, a
    /// refusal, an unconfirmed apply, a transient error) is not decided from a snapshot that may be stale: false, and
    /// the caller hands the intent to the settle queue, which re-reads Genesys and decides.
    /// </summary>
    public async Task<bool> TrySettleFromSnapshotAsync(Guid intentId, Conversation snapshot, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(intentId, cancellationToken);
        var intent = await store.FindAsync(intentId, cancellationToken);
        if (intent is not { IsFinal: false, CodeId: not null })
        {
            if (intent?.IsFinal == true) index.Remove(intent.ConversationId, intent.IntentId);
            return true;
        }

        // Applying: a run before this one sent the code and could not confirm it. Only a read may tell whether it landed;
        // sending it again from a snapshot would be a second wrap-up call for the participant.
        if (intent.Status == IntentStatus.Applying) return false;

        var decision = WrapUpEvaluator.Evaluate(snapshots.Latest(snapshot), intent);
        logger.LogDebug("Settling intent {IntentId} from an event: {Decision}", intentId, decision);
        switch (decision.Kind)
        {
            case WrapUpDecisionKind.Wait:
                return true;
            case WrapUpDecisionKind.AlreadyApplied:
                if (!await TryClaimAsync(intent, decision, cancellationToken)) return false;
                await CompleteAppliedAsync(intent, decision, null, publisher, cancellationToken);
                return true;
            case WrapUpDecisionKind.Apply:
                if (!await TryClaimAsync(intent, decision, cancellationToken)) return false;
                var listening = EventsFlowing();
                string via;
                try
                {
                    via = await applier.ApplyAsync(intent, decision, cancellationToken);
                }
                catch (GenesysApiException refused)
                {
                    // A conflict says the snapshot was stale (the agent is not in ACW): the claim goes back, as on the queue path.
                    if (refused.Kind == GenesysErrorKind.Conflict) await store.ReleaseClaimAsync(intent.IntentId, time.GetUtcNow(), cancellationToken);
                    logger.LogInformation("Genesys answered the wrap-up of intent {IntentId} with {StatusCode} {ErrorCode}; re-reading the conversation",
                        intent.IntentId, (int?)refused.StatusCode, refused.ErrorCode);
                    return false;
                }

                var confirmed = await ConfirmAsync(intent, via, listening, publisher, cancellationToken);
                if (confirmed.Kind != WrapUpDecisionKind.AlreadyApplied) return false;
                await CompleteAppliedAsync(intent, confirmed, via, publisher, cancellationToken);
                return true;
            default:
                return false;
        }
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

        var listening = EventsFlowing();
        string via;
        try
        {
            via = await applier.ApplyAsync(intent, decision, cancellationToken);
        }
        catch (GenesysApiException refused) when (refused.Kind != GenesysErrorKind.Transient)
        {
            await HandleRefusalAsync(intent, participantId, refused, publisher, cancellationToken);
            return;
        }

        var confirmed = await ConfirmAsync(intent, via, listening, publisher, cancellationToken);
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

    /// <summary>
    /// Whether Genesys shows the code after accepting the call: from the next event that shows the participant's wrap-up
    /// state (the topics send it at once), else — after <see cref="WrapUpPipelineOptions.ConfirmWait"/>, or at once when
    /// no socket was listening as the call went out (<paramref name="listening"/>: Genesys queues nothing for a channel
    /// without a socket, so that event never comes) — from a GET. Genesys may answer success and ignore the code, so
    /// "accepted" alone never counts as applied.
    /// </summary>
    private async Task<WrapUpDecision> ConfirmAsync(StoredIntent intent, string via, bool listening, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        var shown = !listening ? null : await snapshots.WaitForAsync(intent.ConversationId,
            c => WrapUpEvaluator.Evaluate(c, intent).Kind is WrapUpDecisionKind.AlreadyApplied or WrapUpDecisionKind.Fail,
            options.Value.ConfirmWait, cancellationToken);
        var source = shown is null ? "a read" : "an event";
        WrapUpDecision confirmed;
        try
        {
            confirmed = WrapUpEvaluator.Evaluate(shown ?? await ReadAsync(intent, GenesysCallPriority.Intake, publisher, cancellationToken), intent);
        }
        catch (GenesysApiException unread)
        {
            await JournalConfirmAsync(intent, unread.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused,
                (int?)unread.StatusCode, unread.Message);
            throw;
        }

        await JournalConfirmAsync(intent, confirmed.Kind == WrapUpDecisionKind.AlreadyApplied ? IntentAttempt.Ok : IntentAttempt.Refused, null,
            confirmed.Kind == WrapUpDecisionKind.AlreadyApplied
                ? $"Genesys shows the code sent with {via} on the participant ({source})."
                : $"After the {via} call, {source} shows: {confirmed.Detail}");
        return confirmed;
    }

    /// <summary>Every channel with topics has a connected socket: an event caused now will reach this worker.</summary>
    private bool EventsFlowing() => subscriptions.GetHealth() is { IsReady: true, ConnectedChannelCount: > 0 };

    /// <summary>One effective wrap-up per participant: false (and the intent failed) when another intent holds it.</summary>
    private async Task<bool> ClaimAsync(StoredIntent intent, WrapUpDecision decision, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        if (await TryClaimAsync(intent, decision, cancellationToken)) return true;
        await FailAsync(intent, WrapUpFailureReasons.AlreadyWrappedUp,
            $"Another intent already holds the wrap-up of participant {decision.ParticipantId}.", decision.ParticipantId, publisher, cancellationToken);
        return false;
    }

    private Task<bool> TryClaimAsync(StoredIntent intent, WrapUpDecision decision, CancellationToken cancellationToken) =>
        store.TryClaimAsync(intent.IntentId, decision.ParticipantId!, decision.CommunicationId ?? "", decision.AcwStartedAt, time.GetUtcNow(), cancellationToken);

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
                var now = WrapUpEvaluator.Evaluate(await ReadAsync(intent, GenesysCallPriority.Intake, publisher, cancellationToken), intent);
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

    /// <summary>Reads the conversation (and keeps it as the latest snapshot); a missing conversation or a refused read fails the intent.</summary>
    private async Task<Conversation> ReadAsync(StoredIntent intent, GenesysCallPriority priority, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await genesys.GetConversationAsync(intent.ConversationId, priority, cancellationToken);
            snapshots.Record(conversation);
            return conversation;
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

    /// <summary>Reconciliation and deadline reads only use what wrap-ups leave; a hand-off from an event may be an agent in ACW.</summary>
    private static GenesysCallPriority ReadPriority(string trigger) => trigger switch
    {
        SettleTriggers.Reconcile or SettleTriggers.Deadline => GenesysCallPriority.Reconcile,
        SettleTriggers.Event => GenesysCallPriority.WrapUp(null),
        _ => GenesysCallPriority.Intake,
    };

    private Task JournalConfirmAsync(StoredIntent intent, string outcome, int? httpStatus, string detail) =>
        journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intent.IntentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.Confirm,
            Outcome = outcome,
            HttpStatus = httpStatus,
            Detail = detail,
        }, logger);

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
