using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Settles an intent the moment an event (or the intake) shows its agent in ACW, inside this process: no broker hop
/// and no read before the wrap-up call, so the call goes out within milliseconds of the event while the agent's ACW
/// clock runs. Whatever it cannot finish from the snapshot goes to the settle queue, which keeps retries, redelivery
/// and crash safety as before: the store's claim still decides. Work still in the inbox at shutdown stays open in the
/// store; start-up reconciliation takes it up.
/// </summary>
public sealed class InProcessSettler(
    SettleInbox inbox,
    IntentSettler settler,
    IBus bus,
    SettleRequests queue,
    ILogger<InProcessSettler> logger,
    WrapUpMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in inbox.Reader.ReadAllAsync(stoppingToken))
                _ = Task.Run(() => RunAsync(work, stoppingToken), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>False when the settle queue must finish it: the snapshot could not decide, or settling here failed.</summary>
    private async Task<bool> TrySettleAsync(SettleWork work, CancellationToken cancellationToken)
    {
        try
        {
            return await settler.TrySettleFromSnapshotAsync(work.IntentId, work.Snapshot, bus, cancellationToken);
        }
        catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
        {
            // Genesys or the store unreachable: the settle queue retries. Failures are never decided here (see TrySettleFromSnapshotAsync).
            logger.LogInformation("Settling intent {IntentId} in process ended with {ExceptionType}; handing it to the settle queue",
                work.IntentId, failed.GetType().Name);
            return false;
        }
    }

    private async Task RunAsync(SettleWork work, CancellationToken cancellationToken)
    {
        using var handled = HandledIntent.Begin(work.IntentId, work.ConversationId, logger);
        try
        {
            var finished = await TrySettleAsync(work, cancellationToken);
            metrics.SettledInProcess(finished, work.Trigger);
            if (!finished) await queue.SendAsync(work.IntentId, work.ConversationId, work.Trigger, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the intent stays open in the store; start-up reconciliation takes it up.
        }
        catch (Exception unsent)
        {
            logger.LogWarning(unsent, "Could not hand intent {IntentId} to the settle queue; reconciliation will take it up", work.IntentId);
        }
        finally
        {
            inbox.Done(work.IntentId);
        }
    }
}
