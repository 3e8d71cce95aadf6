using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Notifications are best effort, so the store is swept: intents past their deadline are settled, and open intents
/// are re-read over REST after a gap (start-up, reconnect, new channel: see <see cref="ReconcileSignal"/>) and when
/// they have been quiet longer than <see cref="WrapUpPipelineOptions.ReconcileAfter"/>.
/// </summary>
/// <remarks>
/// The open set can be large (100,000 intents waiting for their agents), so it is walked in pages from a remembered
/// position rather than loaded per sweep, and only as far as the request budget allows. While due intents remain
/// (after a gap, every open intent is due) the sweeper goes on at once, every <see cref="BacklogPause"/>, instead of
/// waiting for the next <see cref="WrapUpPipelineOptions.DeadlineSweepInterval"/>: an ACW missed in the gap is then
/// found within about a second, not after 5 s per 20 intents in front of it. When more are due than the budget reads
/// in one sweep, the agents whose ACW times out soonest go first (<see cref="ReconcileUrgency"/>), not the oldest.
/// </remarks>
public sealed class IntentSweeper(
    IIntentStore store,
    SettleRequests settle,
    ReconcileSignal gaps,
    RateBudgetState budget,
    ConversationSnapshots snapshots,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentSweeper> logger) : BackgroundService
{
    /// <summary>Pause between sweeps while a backlog of due intents remains.</summary>
    public static readonly TimeSpan BacklogPause = TimeSpan.FromMilliseconds(100);

    // A sent read takes its permit only when the settle consumer runs it: count reads sent this recently as spent.
    private static readonly TimeSpan InFlightWindow = TimeSpan.FromSeconds(1);
    private const int PageSize = 200;
    private const int MaxRowsPerSweep = 5_000;

    // Due intents ranked per sweep: enough to find the urgent few among a gap's backlog, bounded for 100,000 open.
    private const int MaxDuePerSweep = 1_000;

    private readonly Dictionary<Guid, DateTimeOffset> _lastReconciled = [];
    private readonly Queue<DateTimeOffset> _recentReads = new();
    private DateTimeOffset _lastGapAt = time.GetUtcNow();
    private long _position;
    private bool _backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval, time);
        Task<bool>? tick = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                if (_backlog) await Task.WhenAny(tick, gaps.WhenRaised, Task.Delay(BacklogPause, time, stoppingToken));
                else await Task.WhenAny(tick, gaps.WhenRaised);
                stoppingToken.ThrowIfCancellationRequested();
                var ticked = tick.IsCompleted;
                if (ticked)
                {
                    await tick;
                    tick = null;
                }

                var gap = gaps.Take();
                if (gap)
                {
                    _lastGapAt = time.GetUtcNow();
                    _position = 0;
                    logger.LogInformation("Notification gap ({GapReason}): re-reading every open intent's conversation", gaps.LastReason);
                }

                if (ticked || gap) await SweepOnceAsync(stoppingToken);
                else await ReconcileOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>Deadlines, then reconciliation. True when due intents are left for a next sweep (a backlog).</summary>
    public async Task<bool> SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            foreach (var overdue in await store.GetOverdueAsync(now, cancellationToken))
                await settle.SendAsync(overdue.IntentId, overdue.ConversationId, SettleTriggers.Deadline, cancellationToken);
            ForgetStale(now);
        }
        catch (Exception sweepFailed) when (sweepFailed is not OperationCanceledException)
        {
            logger.LogError(sweepFailed, "Settling overdue intents failed; trying again in {SweepInterval}", options.Value.DeadlineSweepInterval);
        }

        return await ReconcileOnceAsync(cancellationToken);
    }

    /// <summary>Sends reconciliation reads for due intents, as many as the budget allows. True when a backlog remains.</summary>
    public async Task<bool> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            _backlog = await ReconcileDueAsync(time.GetUtcNow(), cancellationToken);
        }
        catch (Exception sweepFailed) when (sweepFailed is not OperationCanceledException)
        {
            _backlog = false;
            logger.LogError(sweepFailed, "Reconciling open intents failed; trying again in {SweepInterval}", options.Value.DeadlineSweepInterval);
        }

        return _backlog;
    }

    private async Task<bool> ReconcileDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var allowance = ReconcileAllowance(now);
        if (allowance == 0) return _backlog;

        var (due, scannedTo, examined) = await FindDueAsync(now, cancellationToken);
        // A 5 s ACW behind fifty 60 s ones would time out while they are read: the soonest clock first, then the oldest.
        var chosen = due.Select((intent, order) => (intent, order))
            .OrderBy(d => ReconcileUrgency.Of(snapshots.LastSeen(d.intent.ConversationId), now)).ThenBy(d => d.order)
            .Take(allowance).ToList();
        foreach (var (intent, _) in chosen)
        {
            _lastReconciled[intent.IntentId] = now;
            _recentReads.Enqueue(now);
            await settle.SendAsync(intent.IntentId, intent.ConversationId, SettleTriggers.Reconcile, cancellationToken);
        }

        // The next sweep starts just before the first due intent left unread, so it is seen again.
        var read = chosen.Select(c => c.order).ToHashSet();
        var firstLeft = due.Where((_, order) => !read.Contains(order)).FirstOrDefault();
        _position = firstLeft is { } left ? left.Position - 1 : scannedTo;
        return firstLeft is not null || examined >= MaxRowsPerSweep;
    }

    /// <summary>
    /// The due intents from the remembered position on, in store order (going round once at most), at most
    /// <see cref="MaxDuePerSweep"/>; and the position the scan reached.
    /// </summary>
    private async Task<(List<OpenIntentSummary> Due, long ScannedTo, int Examined)> FindDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quietSince = now - options.Value.ReconcileAfter;
        // Only an intent unchanged since the last gap, or quiet since quietSince, can be due: the store filters on that.
        var changedBefore = _lastGapAt > quietSince ? _lastGapAt : quietSince.AddTicks(1);
        var due = new List<OpenIntentSummary>();
        var origin = _position;
        var position = origin;
        var wrapped = false;
        var examined = 0;
        while (examined < MaxRowsPerSweep && due.Count < MaxDuePerSweep)
        {
            var page = await store.GetOpenPageAsync(position, PageSize, changedBefore, cancellationToken);
            foreach (var intent in page)
            {
                // Round once: after the wrap, the rows past the origin were examined already.
                if (wrapped && intent.Position > origin) return (due, 0, examined);
                examined++;
                if (intent.Deadline > now && IsDue(intent, now, quietSince)) due.Add(intent);
                position = intent.Position;
                if (due.Count == MaxDuePerSweep) return (due, position, examined);
            }

            if (page.Count == PageSize) continue;
            // The end of the open set: the next pass starts from the beginning.
            position = 0;
            if (wrapped || origin == 0) break;
            wrapped = true;
        }

        return (due, position, examined);
    }

    private void ForgetStale(DateTimeOffset now)
    {
        var staleBefore = now - 4 * options.Value.ReconcileAfter;
        foreach (var stale in _lastReconciled.Where(e => e.Value < staleBefore && e.Value < _lastGapAt).Select(e => e.Key).ToList())
            _lastReconciled.Remove(stale);
    }

    /// <summary>
    /// Not while a worker's claim on it is live (that worker is sending or confirming the code); once as soon as a claim
    /// ran out unfinished (its worker died, lost the store, or gave up: waiting for the quiet rule would cost the agent's
    /// ACW clock up to <see cref="WrapUpPipelineOptions.ReconcileAfter"/> more). Otherwise: not heard of since the last
    /// gap, or quiet for a while — and not re-read since.
    /// </summary>
    private bool IsDue(OpenIntentSummary intent, DateTimeOffset now, DateTimeOffset quietSince)
    {
        var lastRead = _lastReconciled.GetValueOrDefault(intent.IntentId);
        if (intent.ClaimExpiresAt is { } claimExpires)
        {
            if (claimExpires > now) return false;
            if (lastRead < claimExpires) return true;
        }

        var missedByGap = intent.UpdatedAt < _lastGapAt && lastRead < _lastGapAt;
        var quiet = intent.UpdatedAt <= quietSince && lastRead <= quietSince;
        return missedByGap || quiet;
    }

    /// <summary>
    /// Reads share the Genesys request budget with the wrap-up calls, and wrap-ups go first: reconciliation only uses
    /// permits beyond a reserve (less the reads sent but maybe not yet made), and none while requests queue for the
    /// budget or Genesys asked us to pause. Quick backlog sweeps therefore go at the budget's pace, never beyond it.
    /// </summary>
    private int ReconcileAllowance(DateTimeOffset now)
    {
        while (_recentReads.TryPeek(out var sent) && sent < now - InFlightWindow) _recentReads.Dequeue();
        var state = budget.GetSnapshot();
        if (state.QueuedRequests > 0 || state.PausedUntil > now) return 0;
        var reserve = Math.Max(2, state.RequestsPerMinute / 12);
        return (int)Math.Clamp(state.AvailablePermits - reserve - _recentReads.Count, 0, options.Value.MaxReconcilesPerSweep);
    }
}
