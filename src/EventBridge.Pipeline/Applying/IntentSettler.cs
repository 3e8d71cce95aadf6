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
/// (<see cref="IntentLocks"/>); across worker processes the store's claim (<see cref="IntentClaims"/>: owner, token,
/// expiry) lets one worker at a time send an intent's code, and allows one effective wrap-up per participant.
/// </summary>
public sealed class IntentSettler(
    IIntentStore store,
    ConversationReads reads,
    WrapUpApplier applier,
    IntentOutcomes outcomes,
    ConversationSnapshots snapshots,
    ChannelPool subscriptions,
    IntentLocks locks,
    IntentClaims claims,
    IIntentAttemptJournal journal,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentSettler> logger)
{
    /// <summary>Null unless this run (or, on a repeat, the run that died) failed the intent: then its failure, for the dead-letter review.</summary>
    /// <param name="repeated">
    /// This command is a retry or a redelivery. The outcome is stored before it is published, so an attempt that
    /// failed in between (broker gone) finds the intent final: publish the stored outcome again, or it is never sent.
    /// </param>
    public async Task<FailedIntent?> SettleAsync(Guid intentId, string trigger, IPublishEndpoint publisher, bool repeated, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(intentId, cancellationToken);
        var intent = await store.FindAsync(intentId, cancellationToken);
        if (intent is null || intent.IsFinal || intent.CodeId is null)
        {
            if (intent?.IsFinal != true || !repeated) return null;
            await outcomes.PublishFinalAsync(publisher, intent, cancellationToken);
            return IntentOutcomes.FailedOf(intent);
        }

        // Another worker is sending or confirming this code: its claim decides, and a read now would only spend budget.
        // If it dies, its claim runs out and reconciliation brings the intent back here.
        if (claims.IsHeldElsewhere(intent))
        {
            logger.LogDebug("Intent {IntentId} is held by worker {ClaimOwner} until {ClaimExpiresAt}; leaving it to that worker",
                intentId, intent.ClaimOwner, intent.ClaimExpiresAt);
            return null;
        }

        var (conversation, unreadable) = await ReadAsync(intent, ReadPriority(trigger), cancellationToken);
        IntentClaim? claim = null;
        if (intent.Status == IntentStatus.Applying)
        {
            // An earlier run (this worker's, or a dead one's whose claim ran out) sent the code and did not see it land.
            // Only now, after the read, may this run take the claim and decide for the intent.
            var taken = await claims.TryClaimAsync(intent, intent.AppliedParticipantId!, null, null, null, cancellationToken);
            if (!taken.Claimed) return null;
            claim = taken.Claim;
        }

        if (unreadable is not null) return await FailAsync(intent, unreadable, claim, publisher, cancellationToken);
        var decision = WrapUpEvaluator.Evaluate(conversation!, intent);
        logger.LogDebug("Settling intent {IntentId} on {Trigger}: {Decision}", intentId, trigger, decision);
        return await ActAsync(intent, decision, claim, publisher, cancellationToken);
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
        if (intent is not { IsFinal: false, CodeId: not null }) return true;

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
                var shown = await TryClaimAsync(intent, decision, cancellationToken);
                if (!shown.Claimed) return shown.Outcome == IntentClaimOutcome.HeldElsewhere;
                await CompleteAppliedAsync(intent, decision, null, shown.Claim!, publisher, cancellationToken);
                return true;
            case WrapUpDecisionKind.Apply:
                // Held elsewhere: another worker heard the same event first and is sending the code; nothing to hand on.
                var taken = await TryClaimAsync(intent, decision, cancellationToken);
                if (!taken.Claimed) return taken.Outcome == IntentClaimOutcome.HeldElsewhere;
                return await ApplyFromSnapshotAsync(intent, decision, taken.Claim!, publisher, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>The snapshot path's apply under <paramref name="claim"/>; false hands the intent to the settle queue.</summary>
    private async Task<bool> ApplyFromSnapshotAsync(StoredIntent intent, WrapUpDecision decision, IntentClaim claim, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        var listening = EventsFlowing();
        await using var kept = claims.Keep(claim, cancellationToken);
        try
        {
            string via;
            try
            {
                via = await applier.ApplyAsync(intent, decision, kept.Token, kept.MaySend);
            }
            catch (GenesysApiException refused)
            {
                // A conflict says the snapshot was stale (the agent is not in ACW): the claim goes back, as on the queue path.
                if (refused.Kind == GenesysErrorKind.Conflict) await claims.ReleaseAsync(claim, cancellationToken);
                logger.LogInformation("Genesys answered the wrap-up of intent {IntentId} with {StatusCode} {ErrorCode}; re-reading the conversation",
                    intent.IntentId, (int?)refused.StatusCode, refused.ErrorCode);
                return false;
            }

            // Not confirmed, or Genesys refused the read: the settle queue re-reads and decides (and dead-letters a failure).
            var (confirmed, _) = await ConfirmAsync(intent, via, listening, kept.Token);
            if (confirmed?.Kind != WrapUpDecisionKind.AlreadyApplied) return false;
            await CompleteAppliedAsync(intent, confirmed, via, claim, publisher, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (kept.IsLost)
        {
            return true; // the worker that took the claim over re-reads and decides
        }
    }

    private async Task<FailedIntent?> ActAsync(StoredIntent intent, WrapUpDecision decision, IntentClaim? claim, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case WrapUpDecisionKind.Wait when time.GetUtcNow() >= intent.Deadline:
                return await FailAsync(intent, new IntentFailure(WrapUpFailureReasons.Expired,
                    $"The agent did not enter wrap-up by the deadline {intent.Deadline:O} ({decision.Detail}).", null), claim, publisher, cancellationToken);
            case WrapUpDecisionKind.Wait:
                return null;
            case WrapUpDecisionKind.Fail:
                return await FailAsync(intent, FailureOf(decision), claim, publisher, cancellationToken);
            case WrapUpDecisionKind.AlreadyApplied:
                // Claim first: the code may be there because another intent for this participant put it there.
                var (shown, stop, failure) = await ClaimAsync(intent, decision, claim, publisher, cancellationToken);
                if (stop) return failure;
                await CompleteAppliedAsync(intent, decision, null, shown!, publisher, cancellationToken);
                return null;
            default:
                return await ApplyAsync(intent, decision, claim, publisher, cancellationToken);
        }
    }

    private async Task<FailedIntent?> ApplyAsync(StoredIntent intent, WrapUpDecision decision, IntentClaim? held, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        var (claim, stop, failure) = await ClaimAsync(intent, decision, held, publisher, cancellationToken);
        if (stop) return failure;
        await using var kept = claims.Keep(claim!, cancellationToken);
        try
        {
            return await ApplyUnderClaimAsync(intent, decision, kept, publisher, cancellationToken);
        }
        catch (OperationCanceledException) when (kept.IsLost)
        {
            return null; // the worker that took the claim over re-reads and decides
        }
    }

    private async Task<FailedIntent?> ApplyUnderClaimAsync(StoredIntent intent, WrapUpDecision decision, KeptClaim kept, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        var participantId = decision.ParticipantId!;
        var claim = kept.Claim;
        var listening = EventsFlowing();
        string via;
        try
        {
            via = await applier.ApplyAsync(intent, decision, kept.Token, kept.MaySend);
        }
        catch (GenesysApiException refused) when (refused.Kind != GenesysErrorKind.Transient)
        {
            return await HandleRefusalAsync(intent, participantId, refused, claim, publisher, cancellationToken);
        }

        var (confirmed, unreadable) = await ConfirmAsync(intent, via, listening, kept.Token);
        if (unreadable is not null) return await FailAsync(intent, unreadable, claim, publisher, cancellationToken);
        switch (confirmed!.Kind)
        {
            case WrapUpDecisionKind.AlreadyApplied:
                await CompleteAppliedAsync(intent, confirmed, via, claim, publisher, cancellationToken);
                return null;
            case WrapUpDecisionKind.Fail:
                return await FailAsync(intent, FailureOf(confirmed), claim, publisher, cancellationToken);
            default:
                // Accepted but not visible (Genesys may lag, or accept and ignore): retry; the next attempt re-reads first.
                throw new WrapUpNotConfirmedException(
                    $"Genesys accepted the {via} wrap-up for participant {participantId} of conversation {intent.ConversationId} but does not show it yet ({confirmed.Detail}).");
        }
    }

    /// <summary>
    /// Whether Genesys shows the code after accepting the call: from the next event that shows the participant's wrap-up
    /// state (the topics send it at once), else — after <see cref="WrapUpPipelineOptions.ConfirmWait"/>, or at once when
    /// no socket was listening as the call went out (<paramref name="listening"/>: Genesys queues nothing for a channel
    /// without a socket, so that event never comes) — from a GET. Genesys may answer success and ignore the code, so
    /// "accepted" alone never counts as applied.
    /// </summary>
    private async Task<(WrapUpDecision? Confirmed, IntentFailure? Unreadable)> ConfirmAsync(StoredIntent intent, string via, bool listening,
        CancellationToken cancellationToken)
    {
        var shown = !listening ? null : await snapshots.WaitForAsync(intent.ConversationId,
            c => WrapUpEvaluator.Evaluate(c, intent).Kind is WrapUpDecisionKind.AlreadyApplied or WrapUpDecisionKind.Fail,
            options.Value.ConfirmWait, cancellationToken);
        var source = shown is null ? "a read" : "an event";
        var conversation = shown;
        if (conversation is null)
        {
            try
            {
                (conversation, var unreadable) = await ReadAsync(intent, GenesysCallPriority.Intake, cancellationToken);
                if (unreadable is not null)
                {
                    await JournalConfirmAsync(intent, IntentAttempt.Refused, null, unreadable.Detail);
                    return (null, unreadable);
                }
            }
            catch (GenesysApiException unread)
            {
                await JournalConfirmAsync(intent, IntentAttempt.OutcomeOf(unread), unread, unread.Message);
                throw;
            }
        }

        var confirmed = WrapUpEvaluator.Evaluate(conversation!, intent);
        await JournalConfirmAsync(intent, confirmed.Kind == WrapUpDecisionKind.AlreadyApplied ? IntentAttempt.Ok : IntentAttempt.Refused, null,
            confirmed.Kind == WrapUpDecisionKind.AlreadyApplied
                ? $"Genesys shows the code sent with {via} on the participant ({source})."
                : $"After the {via} call, {source} shows: {confirmed.Detail}");
        return (confirmed, null);
    }

    /// <summary>Every channel with topics has a connected socket: an event caused now will reach this worker.</summary>
    private bool EventsFlowing() => subscriptions.GetHealth() is { IsReady: true, ConnectedChannelCount: > 0 };

    /// <summary>
    /// The claim for the participant <paramref name="decision"/> names. Stop when another worker holds it (that worker
    /// decides), or when another intent holds the participant: one effective wrap-up per participant, so this one fails
    /// (already-wrapped-up) under the claim it already <paramref name="held"/>, if any.
    /// </summary>
    private async Task<(IntentClaim? Claim, bool Stop, FailedIntent? Failure)> ClaimAsync(StoredIntent intent, WrapUpDecision decision, IntentClaim? held,
        IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var result = await TryClaimAsync(intent, decision, cancellationToken);
        if (result.Claimed) return (result.Claim, false, null);
        if (result.Outcome == IntentClaimOutcome.HeldElsewhere) return (null, true, null);
        return (null, true, await FailAsync(intent, new IntentFailure(WrapUpFailureReasons.AlreadyWrappedUp,
            $"Another intent already holds the wrap-up of participant {decision.ParticipantId}.", decision.ParticipantId), held, publisher, cancellationToken));
    }

    private Task<IntentClaimResult> TryClaimAsync(StoredIntent intent, WrapUpDecision decision, CancellationToken cancellationToken) =>
        claims.TryClaimAsync(intent, decision.ParticipantId!, decision.CommunicationId, decision.AcwStartedAt, decision.QueueId, cancellationToken);

    private async Task<FailedIntent?> HandleRefusalAsync(StoredIntent intent, string participantId, GenesysApiException refused, IntentClaim claim,
        IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        switch (refused.Kind)
        {
            case GenesysErrorKind.Auth:
                return await FailAsync(intent, new IntentFailure(WrapUpFailureReasons.NotPermitted,
                    $"Genesys refused both wrap-up calls to this OAuth client: {refused.Message}", participantId), claim, publisher, cancellationToken);
            case GenesysErrorKind.NotFound:
                return await FailAsync(intent, new IntentFailure(WrapUpFailureReasons.ConversationNotFound, refused.Message, participantId),
                    claim, publisher, cancellationToken);
            case GenesysErrorKind.Conflict:
                // The participant's state moved on between the read and the call: read again and say what happened.
                var (conversation, unreadable) = await ReadAsync(intent, GenesysCallPriority.Intake, cancellationToken);
                if (unreadable is not null) return await FailAsync(intent, unreadable, claim, publisher, cancellationToken);
                var now = WrapUpEvaluator.Evaluate(conversation!, intent);
                if (now.Kind is WrapUpDecisionKind.Fail or WrapUpDecisionKind.AlreadyApplied) return await ActAsync(intent, now, claim, publisher, cancellationToken);

                await claims.ReleaseAsync(claim, cancellationToken);
                throw new WrapUpNotConfirmedException($"Genesys answered conflict but the agent still waits for a code: {refused.Message}");
            default:
                return await FailAsync(intent, new IntentFailure(WrapUpFailureReasons.InvalidCode,
                    $"Genesys refused code {intent.CodeName} ({intent.CodeId}) for participant {participantId}: {refused.Message}", participantId),
                    claim, publisher, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the conversation (and keeps it as the latest snapshot); a missing conversation or a refused read is the
    /// failure it means (decided by the caller), a transient error is thrown for the retry policy.
    /// </summary>
    private async Task<(Conversation? Conversation, IntentFailure? Unreadable)> ReadAsync(StoredIntent intent, GenesysCallPriority priority,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await reads.ReadAsync(intent.IntentId, intent.ConversationId, priority, cancellationToken), null);
        }
        catch (GenesysApiException missing) when (missing.Kind == GenesysErrorKind.NotFound)
        {
            return (null, new IntentFailure(WrapUpFailureReasons.ConversationNotFound,
                $"Genesys has no conversation {intent.ConversationId}: {missing.Message}"));
        }
        catch (GenesysApiException refused) when (refused.Kind == GenesysErrorKind.Auth)
        {
            return (null, new IntentFailure(WrapUpFailureReasons.NotPermitted,
                $"This OAuth client may not read conversation {intent.ConversationId}: {refused.Message}"));
        }
    }

    /// <summary>Reconciliation and deadline reads only use what wrap-ups leave; a hand-off from an event may be an agent in ACW.</summary>
    private static GenesysCallPriority ReadPriority(string trigger) => trigger switch
    {
        SettleTriggers.Reconcile or SettleTriggers.Deadline => GenesysCallPriority.Reconcile,
        SettleTriggers.Event => GenesysCallPriority.WrapUp(null),
        _ => GenesysCallPriority.Intake,
    };

    private Task JournalConfirmAsync(StoredIntent intent, string outcome, GenesysApiException? answer, string detail) =>
        journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intent.IntentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.Confirm,
            Outcome = outcome,
            Detail = detail,
        }.AnsweredWith(answer), logger);

    private Task CompleteAppliedAsync(StoredIntent intent, WrapUpDecision decision, string? via, IntentClaim claim, IPublishEndpoint publisher,
        CancellationToken cancellationToken) =>
        outcomes.AppliedAsync(publisher, intent, decision.ParticipantId!, decision.CommunicationId, via ?? WrapUpCalls.AlreadyPresent,
            decision.AcwStartedAt, claim.Token, cancellationToken);

    private static IntentFailure FailureOf(WrapUpDecision decision) => new(decision.Reason!, decision.Detail!, decision.ParticipantId, decision.QueueId);

    private Task<FailedIntent?> FailAsync(StoredIntent intent, IntentFailure failure, IntentClaim? claim, IPublishEndpoint publisher,
        CancellationToken cancellationToken) =>
        outcomes.FailAsync(publisher, intent, failure, cancellationToken, claim?.Token);
}
