using EventBridge.Pipeline.Outcomes;
using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

public sealed class FakeIntakeConsumer(FakePipeline pipeline) : IConsumer<WrapUpIntent>
{
    public async Task Consume(ConsumeContext<WrapUpIntent> context)
    {
        if (await pipeline.TakeAsync(context.Message, context.CancellationToken) is { } failed) await DecidedFailureLetters.ForwardAsync(context, failed);
    }
}
