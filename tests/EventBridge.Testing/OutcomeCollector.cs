using System.Collections.Concurrent;
using EventBridge.Contracts;
using MassTransit;

namespace EventBridge.Testing;

/// <summary>
/// Receives the outcome events through the real broker, as a caller would, and lets tests await an intent's outcome.
/// </summary>
public sealed class OutcomeCollector
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<object>> _byIntent = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _finals = new();

    public void Record(Guid intentId, object outcome)
    {
        _byIntent.GetOrAdd(intentId, _ => new()).Enqueue(outcome);
        if (outcome is WrapUpApplied or WrapUpFailed)
            _finals.GetOrAdd(intentId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);
    }

    public IReadOnlyList<object> For(Guid intentId) => _byIntent.TryGetValue(intentId, out var all) ? [.. all] : [];

    public async Task<object> FinalAsync(Guid intentId, TimeSpan? timeout = null)
    {
        var waiting = _finals.GetOrAdd(intentId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (await Task.WhenAny(waiting, Task.Delay(limit)) != waiting)
            throw new TimeoutException($"No final outcome for intent {intentId} within {limit.TotalSeconds} s; seen: {string.Join(", ", For(intentId).Select(o => o.GetType().Name))}");
        return await waiting;
    }

    public async Task<WrapUpApplied> AppliedAsync(Guid intentId, TimeSpan? timeout = null)
    {
        var outcome = await FinalAsync(intentId, timeout);
        return outcome as WrapUpApplied ?? throw new AssertionException($"Intent {intentId} failed instead of being applied: {outcome}");
    }

    public async Task<WrapUpFailed> FailedAsync(Guid intentId, TimeSpan? timeout = null)
    {
        var outcome = await FinalAsync(intentId, timeout);
        return outcome as WrapUpFailed ?? throw new AssertionException($"Intent {intentId} was applied instead of failing: {outcome}");
    }
}

public sealed class OutcomeConsumer(OutcomeCollector collector) : IConsumer<WrapUpAccepted>, IConsumer<WrapUpApplied>, IConsumer<WrapUpFailed>
{
    public Task Consume(ConsumeContext<WrapUpAccepted> context) { collector.Record(context.Message.IntentId, context.Message); return Task.CompletedTask; }

    public Task Consume(ConsumeContext<WrapUpApplied> context) { collector.Record(context.Message.IntentId, context.Message); return Task.CompletedTask; }

    public Task Consume(ConsumeContext<WrapUpFailed> context) { collector.Record(context.Message.IntentId, context.Message); return Task.CompletedTask; }
}
