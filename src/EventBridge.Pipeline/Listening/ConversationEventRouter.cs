using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Observability;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Turns one notification into settle requests for the intents it concerns. Each envelope is parsed once; intents are
/// found by conversation id in O(1); only a snapshot that needs action (ACW entered, or a final wrap-up state)
/// costs a broker message — the settle consumer re-reads Genesys before acting, so a stale event can do no harm.
/// </summary>
public sealed class ConversationEventRouter(PendingIntentIndex index, SettleRequests settle, ILogger<ConversationEventRouter> logger,
    WrapUpMetrics? metrics = null)
{
    public async Task RouteAsync(NotificationEnvelope envelope, CancellationToken cancellationToken)
    {
        metrics?.NotificationReceived();
        if (envelope.TopicName is not { } topic || !topic.EndsWith(".conversations", StringComparison.Ordinal)) return;
        var conversation = envelope.ParseConversation();
        if (conversation?.Id is null) return;
        var intents = index.For(conversation.Id);
        foreach (var intent in intents)
        {
            if (intent.CodeId is null) continue;
            var decision = WrapUpEvaluator.Evaluate(conversation, intent);
            if (decision.Kind == WrapUpDecisionKind.Wait) continue;
            logger.LogDebug("Event on {Topic} settles intent {IntentId} ({Decision})", topic, intent.IntentId, decision.Kind);
            await settle.SendAsync(intent.IntentId, intent.ConversationId, "event", cancellationToken);
        }
    }
}
