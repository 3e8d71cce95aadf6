using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Outcomes;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>Settles one intent from the settle queue: retries, redeliveries, deadlines, reconciliation and hand-offs.</summary>
public sealed class SettleWrapUpIntentConsumer(IntentSettler settler, WrapUpMetrics metrics, IntakeTraces traces, ILogger<SettleWrapUpIntentConsumer> logger)
    : IConsumer<SettleWrapUpIntent>
{
    public async Task Consume(ConsumeContext<SettleWrapUpIntent> context)
    {
        using var handled = HandledIntent.Begin(context.Message.IntentId, context.Message.ConversationId, logger);
        using var span = WrapUpTracing.StartFollowUp("settle", context.Message.IntentId, context.Message.ConversationId, context.Message.Trigger, traces);
        metrics.SettledFromQueue(context.Message.Trigger);
        if (await settler.SettleAsync(context.Message.IntentId, context.Message.Trigger, context,
                repeated: context.GetRetryAttempt() > 0 || context.ReceiveContext.Redelivered, context.CancellationToken) is { } failed)
            await DecidedFailureLetters.ForwardAsync(context, failed);
    }
}
