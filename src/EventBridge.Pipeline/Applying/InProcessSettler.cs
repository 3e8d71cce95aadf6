using System.Collections.Concurrent;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Settles an intent the moment an event (or the intake) shows its agent in ACW, inside this process: no broker hop
/// and no read before the wrap-up call, so the call goes out within milliseconds of the event while the agent's ACW
/// clock runs. Whatever it cannot finish from the snapshot goes to the settle queue, which keeps retries, redelivery
/// and crash safety as before: the store's claim still decides. On shutdown (<see cref="StoppingAsync"/>, which the
/// host runs before any service stops, so the bus is still there to publish outcomes) it takes no new work but lets
/// settles already running finish — a wrap-up call cut off after Genesys took it is a settle the next start must
/// re-read — until the host's shutdown timeout says stop. Work still in the inbox stays open in the store; start-up
/// reconciliation takes it up.
/// </summary>
public sealed class InProcessSettler(
    SettleInbox inbox,
    IntentSettler settler,
    IBus bus,
    SettleRequests queue,
    ILogger<InProcessSettler> logger,
    WrapUpMetrics metrics,
    IntakeTraces traces) : BackgroundService, IHostedLifecycleService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly CancellationTokenSource _noNewWork = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _noNewWork.Token);
        try
        {
            await foreach (var work in inbox.Reader.ReadAllAsync(taking.Token))
            {
                var key = Guid.NewGuid();
                _running[key] = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(work, _abandon.Token);
                    }
                    finally
                    {
                        _running.TryRemove(key, out _);
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (taking.IsCancellationRequested)
        {
            // Shutting down: no new work; StoppingAsync lets the running settles finish.
        }
    }

    /// <summary>Stops taking work, then waits for running settles until <paramref name="cancellationToken"/> (the host's shutdown timeout).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _noNewWork.CancelAsync();
        var running = _running.Values.ToList();
        if (running.Count == 0) return;
        logger.LogInformation("Stopping: letting {Count} wrap-ups in progress finish", running.Count);
        await using var abandon = cancellationToken.Register(_abandon.Cancel);
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The shutdown timeout cut {Count} wrap-ups short; the next start re-reads them", _running.Count);
        }
    }

    /// <summary>Whatever still runs when the host stops the services is cut short; the store keeps it open.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _abandon.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _abandon.Dispose();
        _noNewWork.Dispose();
        base.Dispose();
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
        using var span = WrapUpTracing.StartFollowUp("settle", work.IntentId, work.ConversationId, work.Trigger, traces);
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
