using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Outcomes;
using MassTransit;

namespace EventBridge.Pipeline.Disconnecting;

public sealed class DisconnectAgentConsumer(AgentDisconnector disconnector, IntakeTraces traces, ILogger<DisconnectAgentConsumer> logger) : IConsumer<DisconnectAgent>
{
    public async Task Consume(ConsumeContext<DisconnectAgent> context)
    {
        using var handled = HandledIntent.Begin(context.Message.IntentId, context.Message.ConversationId, logger);
        using var span = WrapUpTracing.StartFollowUp("disconnect", context.Message.IntentId, context.Message.ConversationId, null, traces);
        if (await disconnector.DisconnectAsync(context.Message, context, context.CancellationToken) is { } failed)
            await DecidedFailureLetters.ForwardAsync(context, failed);
    }
}
