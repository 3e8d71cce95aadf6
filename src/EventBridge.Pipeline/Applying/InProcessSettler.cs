using System.Collections.Concurrent;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Settles an intent the moment an event (or the intake) shows its agent in ACW, inside this process: no broker hop
/// and no read before the wrap-up call, so the call goes out within milliseconds of the event while the agent's ACW
/// clock runs. Whatever it cannot finish from the snapshot goes to the settle queue, which keeps retries, redelivery
/// and crash safety as before: the store's claim still decides.
/// </summary>
public sealed class InProcessSettler(
    IServiceScopeFactory scopes,
    SettleRequests queue,
    IOptions<WrapUpPipelineOptions> options,
    ILogger<InProcessSettler> logger,
    WrapUpMetrics? metrics = null) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _count;

    /// <summary>Settles in the background; false when too many run already (the caller sends a settle command instead).</summary>
    public bool TryStart(Guid intentId, string conversationId, Conversation snapshot, string trigger)
    {
        // One run per intent: a run in progress waits for the next snapshots itself (its confirmation does).
        if (!_running.TryAdd(intentId, 0)) return true;
        if (Interlocked.Increment(ref _count) > options.Value.InProcessSettleLimit)
        {
            Interlocked.Decrement(ref _count);
            _running.TryRemove(intentId, out _);
            return false;
        }

        _ = Task.Run(() => RunAsync(intentId, conversationId, snapshot, trigger));
        return true;
    }

    // Not disposed: a run still starting may read its token after the host stopped.
    public void Dispose() => _stopping.Cancel();

    /// <summary>False when the settle queue must finish it: the snapshot could not decide, or settling here failed.</summary>
    private async Task<bool> TrySettleAsync(Guid intentId, Conversation snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The settler is scoped (its Genesys client comes from IHttpClientFactory); outcomes go out on the bus.
            var settler = scope.ServiceProvider.GetRequiredService<IntentSettler>();
            return await settler.TrySettleFromSnapshotAsync(intentId, snapshot, scope.ServiceProvider.GetRequiredService<IPublishEndpoint>(),
                cancellationToken);
        }
        catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
        {
            // Genesys or the store unreachable: the settle queue retries. Failures are never decided here (see TrySettleFromSnapshotAsync).
            logger.LogInformation("Settling intent {IntentId} in process ended with {ExceptionType}; handing it to the settle queue",
                intentId, failed.GetType().Name);
            return false;
        }
    }

    private async Task RunAsync(Guid intentId, string conversationId, Conversation snapshot, string trigger)
    {
        using var handled = HandledIntent.Begin(intentId, conversationId, logger);
        var cancellationToken = _stopping.Token;
        try
        {
            var finished = await TrySettleAsync(intentId, snapshot, cancellationToken);
            metrics?.SettledInProcess(finished);
            if (!finished) await queue.SendAsync(intentId, conversationId, trigger, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the intent stays open in the store; start-up reconciliation takes it up.
        }
        catch (Exception unsent)
        {
            logger.LogWarning(unsent, "Could not hand intent {IntentId} to the settle queue; reconciliation will take it up", intentId);
        }
        finally
        {
            _running.TryRemove(intentId, out _);
            Interlocked.Decrement(ref _count);
        }
    }
}
