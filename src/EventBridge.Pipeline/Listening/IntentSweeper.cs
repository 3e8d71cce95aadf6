using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Notifications are best effort, so events can be missed: periodically, intents past their deadline and intents
/// that have waited longer than <see cref="WrapUpPipelineOptions.ReconcileAfter"/> are settled from a REST read.
/// </summary>
public sealed class IntentSweeper(
    IIntentStore store,
    SettleRequests settle,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentSweeper> logger) : BackgroundService
{
    private readonly Dictionary<Guid, DateTimeOffset> _lastReconciled = [];
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SweepOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            foreach (var overdue in await store.GetOverdueAsync(now, cancellationToken))
                await settle.SendAsync(overdue.IntentId, overdue.ConversationId, "deadline", cancellationToken);

            // Each quiet intent is re-read at most once per ReconcileAfter, and only a few per sweep: reads share the
            // Genesys request budget with the wrap-up calls themselves.
            // After a start (a gap in which no event was heard) every open intent is read once.
            var quietSince = now - options.Value.ReconcileAfter;
            var due = (await store.GetOpenAsync(cancellationToken))
                .Where(i => i.Deadline > now && _lastReconciled.GetValueOrDefault(i.IntentId) <= quietSince)
                .Where(i => i.UpdatedAt <= quietSince || (i.UpdatedAt < _startedAt && !_lastReconciled.ContainsKey(i.IntentId)))
                .Take(options.Value.MaxReconcilesPerSweep);
            foreach (var waiting in due)
            {
                _lastReconciled[waiting.IntentId] = now;
                await settle.SendAsync(waiting.IntentId, waiting.ConversationId, "reconcile", cancellationToken);
            }

            foreach (var stale in _lastReconciled.Where(e => e.Value < now - 4 * options.Value.ReconcileAfter).Select(e => e.Key).ToList())
                _lastReconciled.Remove(stale);
        }
        catch (Exception sweepFailed) when (sweepFailed is not OperationCanceledException)
        {
            logger.LogError(sweepFailed, "Sweeping open intents failed; trying again in {SweepInterval}", options.Value.DeadlineSweepInterval);
        }
    }
}
