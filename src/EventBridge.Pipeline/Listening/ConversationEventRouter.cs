using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Observability;

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
        {
            if (intent.CodeId is null) continue;
            var decision = WrapUpEvaluator.Evaluate(conversation, intent);
            if (decision.Kind == WrapUpDecisionKind.Wait)
            {
                if (AcwExpectation.Expected(snapshots.Latest(conversation), intent)) followUps.Expect(intent.IntentId, intent.ConversationId);
                continue;
            }

            followUps.Settled(intent.IntentId);
            logger.LogDebug("Event on {Topic} settles intent {IntentId} ({Decision})", topic, intent.IntentId, decision.Kind);
            if (!inProcess.TryStart(intent.IntentId, intent.ConversationId, conversation, SettleTriggers.Event))
                await settle.SendAsync(intent.IntentId, intent.ConversationId, SettleTriggers.Event, cancellationToken);
        }
    }
}
