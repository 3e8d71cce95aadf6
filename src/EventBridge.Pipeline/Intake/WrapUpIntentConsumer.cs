using EventBridge.Contracts;
using EventBridge.Pipeline.Observability;
using MassTransit;

namespace EventBridge.Pipeline.Intake;

public sealed class WrapUpIntentConsumer(IntentIntake intake, ILogger<WrapUpIntentConsumer> logger) : IConsumer<WrapUpIntent>
{
    public async Task Consume(ConsumeContext<WrapUpIntent> context)
    {
        using var handled = HandledIntent.Begin(context.Message.IntentId, context.Message.ConversationId, logger);
        await intake.TakeAsync(context.Message, context, context, context.CancellationToken, context.ReceiveContext.Body.Length);
    }
}
