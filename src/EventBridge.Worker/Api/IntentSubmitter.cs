using EventBridge.Contracts;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Api;

/// <summary>
/// HTTP intake: the intent goes through the broker like any other (same queue, same consumer, same durability),
/// so an HTTP caller gets exactly the guarantees a MassTransit or Node publisher gets.
/// </summary>
public sealed class IntentSubmitter(IBus bus, IIntentStore store, TimeProvider time, IOptions<ApiOptions> options, ILogger<IntentSubmitter> logger)
{
    /// <summary>How often a waiting request looks at the store; outcomes take Genesys round trips, so 100 ms is plenty.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// True once the broker took the intent; false when it did not within <see cref="ApiOptions.BrokerConfirmTimeout"/>
    /// (broker gone or not confirming). Then nothing was accepted for sure, and the caller sends it again with the same
    /// intent id: the store takes an id once, so a send that landed after all is not applied twice.
    /// </summary>
    public async Task<bool> TrySendAsync(WrapUpIntent intent, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(options.Value.BrokerConfirmTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Intents}")).WaitAsync(linked.Token);
            await endpoint.Send(intent, linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The broker did not take intent {IntentId} within {Timeout}; answered 503", intent.IntentId, options.Value.BrokerConfirmTimeout);
            return false;
        }
        catch (MassTransitException unreachable)
        {
            logger.LogWarning("The broker refused intent {IntentId} ({ExceptionType}); answered 503", intent.IntentId, unreachable.GetType().Name);
            return false;
        }
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
