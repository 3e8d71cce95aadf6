using MassTransit;

namespace EventBridge.Pipeline.Applying;

public sealed class SettleWrapUpIntentConsumer(IntentSettler settler) : IConsumer<SettleWrapUpIntent>
{
    public Task Consume(ConsumeContext<SettleWrapUpIntent> context) =>
        settler.SettleAsync(context.Message.IntentId, context.Message.Trigger, context,
            repeated: context.GetRetryAttempt() > 0 || context.ReceiveContext.Redelivered, context.CancellationToken);
}
