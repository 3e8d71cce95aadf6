using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

public sealed class FakeSettleConsumer(FakePipeline pipeline) : IConsumer<SettleWrapUpIntent>
{
    public Task Consume(ConsumeContext<SettleWrapUpIntent> context) => pipeline.SettleAsync(context.Message, context.CancellationToken);
}
