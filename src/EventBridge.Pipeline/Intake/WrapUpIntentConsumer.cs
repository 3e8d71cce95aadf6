using EventBridge.Contracts;
using MassTransit;

namespace EventBridge.Pipeline.Intake;

public sealed class WrapUpIntentConsumer(IntentIntake intake) : IConsumer<WrapUpIntent>
{
    public Task Consume(ConsumeContext<WrapUpIntent> context) =>
        intake.TakeAsync(context.Message, context, context, context.CancellationToken, context.ReceiveContext.Body.Length);
}
