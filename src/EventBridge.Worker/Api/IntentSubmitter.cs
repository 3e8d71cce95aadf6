using EventBridge.Contracts;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Worker.Api;

/// <summary>
/// HTTP intake: the intent goes through the broker like any other (same queue, same consumer, same durability),
/// so an HTTP caller gets exactly the guarantees a MassTransit or Node publisher gets.
/// </summary>
public sealed class IntentSubmitter(IBus bus, IIntentStore store, TimeProvider time)
{
    /// <summary>How often a waiting request looks at the store; outcomes take Genesys round trips, so 100 ms is plenty.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task SendAsync(WrapUpIntent intent, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Intents}"));
        await endpoint.Send(intent, cancellationToken);
    }

    /// <summary>The stored intent once it is final, or its latest state (null: not registered yet) when the wait ends.</summary>
    public async Task<StoredIntent?> WaitForOutcomeAsync(Guid intentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var timer = new PeriodicTimer(PollInterval, time);
        StoredIntent? latest = null;
        try
        {
            do
            {
                latest = await store.FindAsync(intentId, cancellationToken);
                if (latest?.IsFinal == true) return latest;
            }
            while (await timer.WaitForNextTickAsync(linked.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The wait is over: answer with what is known.
        }

        return await store.FindAsync(intentId, cancellationToken) ?? latest;
    }
}
