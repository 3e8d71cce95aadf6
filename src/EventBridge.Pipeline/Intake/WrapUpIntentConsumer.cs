using EventBridge.Contracts;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Outcomes;
using MassTransit;

namespace EventBridge.Pipeline.Intake;

public sealed class WrapUpIntentConsumer(IntentIntake intake, IntakeTraces traces, ILogger<WrapUpIntentConsumer> logger) : IConsumer<WrapUpIntent>
{
    public async Task Consume(ConsumeContext<WrapUpIntent> context)
    {
        using var handled = HandledIntent.Begin(context.Message.IntentId, context.Message.ConversationId, logger);
        using var span = WrapUpTracing.StartIntake(context.Message.IntentId, context.Message.ConversationId, traces);
        if (await intake.TakeAsync(context.Message, context, context, context.ReceiveContext.Body.Length, context.ReceiveContext.Redelivered,
                context.CancellationToken) is { } failed)
            await DecidedFailureLetters.ForwardAsync(context, failed);
    }
}
