using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Notifications are best effort, so the store is swept: intents past their deadline are settled, and open intents
/// are re-read over REST after a gap (start-up, reconnect, new channel: see <see cref="ReconcileSignal"/>) and when
/// they have been quiet longer than <see cref="WrapUpPipelineOptions.ReconcileAfter"/>.
/// </summary>
public sealed class IntentSweeper(
    IIntentStore store,
    SettleRequests settle,
    ReconcileSignal gaps,
    RateBudgetState budget,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentSweeper> logger) : BackgroundService
{
    private readonly Dictionary<Guid, DateTimeOffset> _lastReconciled = [];
    private DateTimeOffset _lastGapAt = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval, time);
        Task<bool>? tick = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                await Task.WhenAny(tick, gaps.WhenRaised);
                if (tick.IsCompleted)
                {
                    await tick;
                    tick = null;
                }

                if (gaps.Take())
                {
                    _lastGapAt = time.GetUtcNow();
                    logger.LogInformation("Notification gap ({GapReason}): re-reading every open intent's conversation", gaps.LastReason);
                }

                await SweepOnceAsync(stoppingToken);
            }
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

            var quietSince = now - options.Value.ReconcileAfter;
            var due = (await store.GetOpenAsync(cancellationToken))
                .Where(i => i.Deadline > now && IsDue(i, quietSince))
                .Take(ReconcileAllowance(now));
            foreach (var waiting in due)
            {
                _lastReconciled[waiting.IntentId] = now;
                await settle.SendAsync(waiting.IntentId, waiting.ConversationId, "reconcile", cancellationToken);
            }

            foreach (var stale in _lastReconciled.Where(e => e.Value < now - 4 * options.Value.ReconcileAfter && e.Value < _lastGapAt).Select(e => e.Key).ToList())
                _lastReconciled.Remove(stale);
        }
        catch (Exception sweepFailed) when (sweepFailed is not OperationCanceledException)
        {
            logger.LogError(sweepFailed, "Sweeping open intents failed; trying again in {SweepInterval}", options.Value.DeadlineSweepInterval);
        }
    }

    /// <summary>Not heard of since the last gap, or quiet for a while — and not re-read since.</summary>
    private bool IsDue(StoredIntent intent, DateTimeOffset quietSince)
    {
        var lastRead = _lastReconciled.GetValueOrDefault(intent.IntentId);
        var missedByGap = intent.UpdatedAt < _lastGapAt && lastRead < _lastGapAt;
        var quiet = intent.UpdatedAt <= quietSince && lastRead <= quietSince;
        return missedByGap || quiet;
    }

    /// <summary>
    /// Reads share the Genesys request budget with the wrap-up calls, and wrap-ups go first: reconciliation only uses
    /// permits beyond a reserve, and none while requests queue for the budget or Genesys asked us to pause.
    /// </summary>
    private int ReconcileAllowance(DateTimeOffset now)
    {
        var state = budget.GetSnapshot();
        if (state.QueuedRequests > 0 || state.PausedUntil > now) return 0;
        var reserve = Math.Max(2, state.RequestsPerMinute / 12);
        return (int)Math.Clamp(state.AvailablePermits - reserve, 0, options.Value.MaxReconcilesPerSweep);
    }
}
