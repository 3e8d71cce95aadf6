using EventBridge.Pipeline.Outcomes;
using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

public sealed class FakeSettleConsumer(FakePipeline pipeline) : IConsumer<SettleWrapUpIntent>
{
    public async Task Consume(ConsumeContext<SettleWrapUpIntent> context)
    {
        if (await pipeline.SettleAsync(context.Message, context.CancellationToken) is { } failed) await DecidedFailureLetters.ForwardAsync(context, failed);
    }
}
