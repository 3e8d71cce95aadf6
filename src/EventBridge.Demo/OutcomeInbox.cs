using System.Collections.Concurrent;
using EventBridge.Contracts;
using MassTransit;

namespace EventBridge.Demo;

/// <summary>Outcome events as a caller receives them from the broker.</summary>
public sealed class OutcomeInbox : IConsumer<WrapUpApplied>, IConsumer<WrapUpFailed>
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> Finals = new();

    public static Task<object> FinalOf(Guid intentId) => Finals.GetOrAdd(intentId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task Consume(ConsumeContext<WrapUpApplied> context) => Record(context.Message.IntentId, context.Message);

    public Task Consume(ConsumeContext<WrapUpFailed> context) => Record(context.Message.IntentId, context.Message);

    private static Task Record(Guid intentId, object outcome)
    {
        Finals.GetOrAdd(intentId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);
        return Task.CompletedTask;
    }
}
