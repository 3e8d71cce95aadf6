using EventBridge.Contracts;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// The single place where an intent becomes final, for the intake, the settler, the disconnector and supersede alike:
/// the store decides (first outcome wins), then the event goes out, the metrics count it once and the index forgets
/// it. Outcome events are at least once (a redelivery republishes the stored outcome); callers deduplicate by intent id.
/// </summary>
public sealed class IntentOutcomes(IIntentStore store, PendingIntentIndex index, TimeProvider time, ILogger<IntentOutcomes> logger,
    WrapUpMetrics metrics, IntakeTraces traces)
{
    public async Task AcceptedAsync(IPublishEndpoint publisher, StoredIntent intent, Guid? replacedIntentId, CancellationToken cancellationToken)
    {
        // Kept for support's story of the intent ("accepted at"), with the time the caller is told.
        var now = time.GetUtcNow();
        await store.MarkAcceptedAsync(intent.IntentId, now, cancellationToken);
        metrics.Accepted();
        logger.LogInformation("Wrap-up intent {IntentId} for conversation {ConversationId} accepted with code {WrapUpCode}",
            intent.IntentId, intent.ConversationId, intent.CodeName);
        await publisher.Publish(new WrapUpAccepted
        {
            IntentId = intent.IntentId,
            ConversationId = intent.ConversationId,
            WrapUpCodeId = intent.CodeId ?? "",
            WrapUpCodeName = intent.CodeName ?? "",
            ReplacedIntentId = replacedIntentId,
            AcceptedAt = now,
        }, cancellationToken);
    }

    public async Task AppliedAsync(IPublishEndpoint publisher, StoredIntent intent, string participantId, string? communicationId,
        string via, DateTimeOffset? acwStartedAt, Guid? claimToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var completed = await store.TryCompleteAsync(intent.IntentId, IntentCompletion.Applied(participantId, communicationId, via, now, claimToken),
            cancellationToken);
        var stored = await store.FindAsync(intent.IntentId, cancellationToken) ?? intent;
        if (!stored.IsFinal)
        {
            // Another worker's claim holds it (this one's was taken over): that worker records and publishes the outcome.
            logger.LogInformation("Intent {IntentId} is held by another worker's claim; its outcome is recorded there", intent.IntentId);
            return;
        }

        index.Remove(intent.ConversationId, intent.IntentId);
        traces.Forget(intent.IntentId);
        // Counted once, by the attempt that completed it; redeliveries only republish.
        if (completed) metrics.Applied((stored.AcwStartedAt ?? acwStartedAt) is { } acw ? (stored.CompletedAt ?? now) - acw : null);
        logger.LogInformation("Wrap-up {WrapUpCode} applied to conversation {ConversationId} participant {ParticipantId} via {AppliedVia} (intent {IntentId})",
            intent.CodeName, intent.ConversationId, participantId, via, intent.IntentId);
        await PublishFinalAsync(publisher, stored with { AcwStartedAt = stored.AcwStartedAt ?? acwStartedAt }, cancellationToken);
    }

    /// <summary>
    /// Stores and publishes the failure; returns the failure the store kept (an earlier failure may have won), or null
    /// when another attempt applied the intent first, or another worker's claim holds it: then there is nothing to
    /// dead-letter. An Applying intent fails only with <paramref name="claimToken"/>, the token of the claim holding it.
    /// </summary>
    public async Task<FailedIntent?> FailAsync(IPublishEndpoint publisher, StoredIntent intent, IntentFailure failure, CancellationToken cancellationToken,
        Guid? claimToken = null)
    {
        var completed = await store.TryCompleteAsync(intent.IntentId,
            IntentCompletion.Failed(failure.Reason, failure.Detail, time.GetUtcNow(), failure.ParticipantId, claimToken, failure.QueueId), cancellationToken);
        var stored = await store.FindAsync(intent.IntentId, cancellationToken) ?? intent;
        // Still open: another worker's claim holds it, and that worker decides (and is told by its own events).
        if (stored.IsFinal)
        {
            index.Remove(intent.ConversationId, intent.IntentId);
            traces.Forget(intent.IntentId);
        }
        if (completed)
        {
            metrics.Failed(failure.Reason);
            // Expected business outcomes: one Warning, no stack trace.
            logger.LogWarning("Wrap-up intent {IntentId} for conversation {ConversationId} failed: {FailureReason}: {FailureDetail}",
                intent.IntentId, intent.ConversationId, stored.FailureReason, stored.FailureDetail);
        }

        await PublishFinalAsync(publisher, stored, cancellationToken);
        return FailedOf(stored);
    }

    /// <summary>A message that is no valid intent: nothing is stored (there is nothing to settle); the caller is told.</summary>
    public Task<FailedIntent> RejectMalformedAsync(IPublishEndpoint publisher, WrapUpIntent message, IReadOnlyList<string> problems,
        CancellationToken cancellationToken) =>
        RejectUnstoredAsync(publisher, message, WrapUpFailureReasons.RejectedAsMalformed,
            "The intent is malformed: " + string.Join("; ", problems) + ".", cancellationToken);

    /// <summary>
    /// An intent refused before it is stored (malformed, or its deadline already past): final at once, told to the
    /// caller, handed to the dead-letter review; Genesys is never called for it.
    /// </summary>
    public async Task<FailedIntent> RejectUnstoredAsync(IPublishEndpoint publisher, WrapUpIntent message, string reason, string detail,
        CancellationToken cancellationToken)
    {
        logger.LogWarning("Refused wrap-up intent {IntentId} for conversation {ConversationId}: {FailureReason}: {FailureDetail}",
            message.IntentId, message.ConversationId, reason, detail);
        metrics.Failed(reason);
        var now = time.GetUtcNow();
        await publisher.Publish(new WrapUpFailed
        {
            IntentId = message.IntentId,
            ConversationId = message.ConversationId ?? "",
            Reason = reason,
            Detail = detail,
            FailedAt = now,
        }, cancellationToken);
        return new FailedIntent(message.IntentId == Guid.Empty ? null : message.IntentId, message.ConversationId ?? "", reason, detail, now);
    }

    /// <summary>An intent a newer one for the same conversation replaced (the store made it final while registering the newer).</summary>
    public async Task SupersededAsync(IPublishEndpoint publisher, StoredIntent replaced, CancellationToken cancellationToken)
    {
        index.Remove(replaced.ConversationId, replaced.IntentId);
        traces.Forget(replaced.IntentId);
        metrics.Failed(WrapUpFailureReasons.Superseded);
        await PublishFinalAsync(publisher, replaced, cancellationToken);
    }

    /// <summary>The stored failure of a final intent, or null when it did not fail.</summary>
    public static FailedIntent? FailedOf(StoredIntent stored) => stored.Status == IntentStatus.Failed
        ? new FailedIntent(stored.IntentId, stored.ConversationId, stored.FailureReason ?? "", stored.FailureDetail ?? "", stored.CompletedAt ?? stored.UpdatedAt)
        : null;

    /// <summary>
    /// Publishes what the store says happened (also for redeliveries, resent intents and the
    /// <see cref="OutcomeRepublisher"/>), then records that it went out: the store made the intent final first, so a
    /// process killed in between leaves it unpublished on record, and the republisher sends it later.
    /// </summary>
    public async Task PublishFinalAsync(IPublishEndpoint publisher, StoredIntent stored, CancellationToken cancellationToken)
    {
        if (!stored.IsFinal) return;
        await PublishStoredOutcomeAsync(publisher, stored, cancellationToken);
        await store.MarkOutcomePublishedAsync(stored.IntentId, time.GetUtcNow(), cancellationToken);
    }

    private async Task PublishStoredOutcomeAsync(IPublishEndpoint publisher, StoredIntent stored, CancellationToken cancellationToken)
    {
        if (stored.Status == IntentStatus.Applied)
        {
            await publisher.Publish(new WrapUpApplied
            {
                IntentId = stored.IntentId,
                ConversationId = stored.ConversationId,
                ParticipantId = stored.AppliedParticipantId ?? "",
                WrapUpCodeId = stored.CodeId ?? "",
                WrapUpCodeName = stored.CodeName ?? "",
                AppliedVia = stored.AppliedVia ?? "",
                Latency = stored.AcwStartedAt is { } acw && stored.CompletedAt is { } done && done > acw ? done - acw : TimeSpan.Zero,
                AppliedAt = stored.CompletedAt ?? time.GetUtcNow(),
            }, cancellationToken);
        }
        else if (stored.Status == IntentStatus.Failed)
        {
            await publisher.Publish(new WrapUpFailed
            {
                IntentId = stored.IntentId,
                ConversationId = stored.ConversationId,
                ParticipantId = stored.AppliedParticipantId,
                Reason = stored.FailureReason ?? "",
                Detail = stored.FailureDetail ?? "",
                FailedAt = stored.CompletedAt ?? time.GetUtcNow(),
            }, cancellationToken);
        }
    }
}
