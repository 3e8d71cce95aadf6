using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Turns one notification into settles of the intents it concerns. Each envelope is parsed once and kept as the
/// conversation's latest snapshot (<see cref="ConversationSnapshots"/>); intents are found by conversation id in O(1);
/// a snapshot that needs action (ACW entered, or a final wrap-up state) is settled at once in this process from the
/// snapshot itself, and only what cannot run there (too many at once) costs a settle command on the broker.
/// </summary>
public sealed class ConversationEventRouter(
    PendingIntentIndex index,
    ConversationSnapshots snapshots,
    SettleInbox inProcess,
    SettleRequests settle,
    AcwFollowUps followUps,
    ILogger<ConversationEventRouter> logger,
    WrapUpMetrics? metrics = null)
{
    public async Task RouteAsync(NotificationEnvelope envelope, CancellationToken cancellationToken)
    {
        metrics?.NotificationReceived();
        if (envelope.TopicName is not { } topic || !topic.EndsWith(".conversations", StringComparison.Ordinal)) return;
        var conversation = envelope.ParseConversation();
        if (conversation?.Id is null) return;
        snapshots.Record(conversation);
        foreach (var intent in index.For(conversation.Id))
            await ActOnAsync(conversation, intent, topic, cancellationToken);
    }

    /// <summary>
    /// An intent handed to this listener by another replica's intake: an event that came before it was indexed found
    /// nothing to settle, so the snapshot it left decides now (as intake does for its own intents).
    /// </summary>
    public async Task ReconsiderAsync(StoredIntent intent, CancellationToken cancellationToken)
    {
        if (snapshots.TryGetFresh(intent.ConversationId) is { } latest) await ActOnAsync(latest, intent, "a snapshot", cancellationToken);
    }

    private async Task ActOnAsync(Conversation conversation, StoredIntent intent, string source, CancellationToken cancellationToken)
    {
        if (intent.CodeId is null) return;
        var decision = WrapUpEvaluator.Evaluate(conversation, intent);
        if (decision.Kind == WrapUpDecisionKind.Wait)
        {
            if (AcwExpectation.Expected(snapshots.Latest(conversation), intent)) followUps.Expect(intent.IntentId, intent.ConversationId);
            return;
        }

        followUps.Settled(intent.IntentId);
        logger.LogDebug("Event on {Topic} settles intent {IntentId} ({Decision})", source, intent.IntentId, decision.Kind);
        if (!inProcess.TryStart(intent.IntentId, intent.ConversationId, conversation, SettleTriggers.Event))
            await settle.SendAsync(intent.IntentId, intent.ConversationId, SettleTriggers.Event, cancellationToken);
    }
}
