using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

public sealed class FakeIntakeConsumer(FakePipeline pipeline) : IConsumer<WrapUpIntent>
{
    public Task Consume(ConsumeContext<WrapUpIntent> context) => pipeline.TakeAsync(context.Message, context.CancellationToken);
}
