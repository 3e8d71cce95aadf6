using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// The single place where an intent becomes final: the store decides (first outcome wins), then the event goes out.
/// Outcome events are at least once (a redelivery republishes the stored outcome); callers deduplicate by intent id.
/// </summary>
public sealed class OutcomeRecorder(IIntentStore store, TimeProvider time, ILogger<OutcomeRecorder> logger, WrapUpMetrics metrics)
{
    public async Task AcceptedAsync(IPublishEndpoint publisher, StoredIntent intent, Guid? replacedIntentId, CancellationToken cancellationToken)
    {
        metrics.Accepted();
        await publisher.Publish(new WrapUpAccepted
        {
            IntentId = intent.IntentId,
            ConversationId = intent.ConversationId,
            WrapUpCodeId = intent.CodeId ?? "",
            WrapUpCodeName = intent.CodeName ?? "",
            ReplacedIntentId = replacedIntentId,
            AcceptedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    public async Task AppliedAsync(IPublishEndpoint publisher, StoredIntent intent, string participantId, string? communicationId,
        string via, DateTimeOffset? acwStartedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var completed = await store.TryCompleteAsync(intent.IntentId, IntentCompletion.Applied(participantId, communicationId, via, now), cancellationToken);
        var stored = await store.FindAsync(intent.IntentId, cancellationToken) ?? intent;
        // Counted once, by the attempt that completed it; redeliveries only republish.
        if (completed) metrics.Applied((stored.AcwStartedAt ?? acwStartedAt) is { } acw ? (stored.CompletedAt ?? now) - acw : null);
        logger.LogInformation("Wrap-up {WrapUpCode} applied to conversation {ConversationId} participant {ParticipantId} via {AppliedVia} (intent {IntentId})",
            intent.CodeName, intent.ConversationId, participantId, via, intent.IntentId);
        await PublishFinalAsync(publisher, stored with { AcwStartedAt = stored.AcwStartedAt ?? acwStartedAt }, cancellationToken);
    }

    /// <summary>Stores and publishes the failure, then throws so the message is dead-lettered with the reason.</summary>
    public async Task<Exception> FailedAsync(IPublishEndpoint publisher, StoredIntent intent, string reason, string detail,
        string? participantId, CancellationToken cancellationToken)
    {
        var completed = await store.TryCompleteAsync(intent.IntentId, IntentCompletion.Failed(reason, detail, time.GetUtcNow(), participantId), cancellationToken);
        var stored = await store.FindAsync(intent.IntentId, cancellationToken) ?? intent;
        if (completed) metrics.Failed(reason);
        logger.LogWarning("Wrap-up intent {IntentId} for conversation {ConversationId} failed: {FailureReason}: {FailureDetail}",
            intent.IntentId, intent.ConversationId, stored.FailureReason, stored.FailureDetail);
        await PublishFinalAsync(publisher, stored, cancellationToken);
        return new WrapUpFailedException(intent.IntentId, stored.FailureReason ?? reason, stored.FailureDetail ?? detail);
    }

    /// <summary>Republishes what the store says happened (for redeliveries and resent intents).</summary>
    public async Task PublishFinalAsync(IPublishEndpoint publisher, StoredIntent stored, CancellationToken cancellationToken)
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
