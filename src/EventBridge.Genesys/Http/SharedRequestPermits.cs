using Microsoft.Extensions.Logging;

namespace EventBridge.Genesys.Http;

/// <summary>
/// Permits from the budget all replicas share (<see cref="ISharedRequestLedger"/>), keeping the priorities of
/// <see cref="GenesysCallPriority"/> across them: only a wrap-up books a slot ahead (reserve, then wait for it);
/// every other class goes only when a permit is free now, under a smaller burst that leaves the rest to wrap-ups, and
/// otherwise asks again when one could be. So a disconnect, a read or a reconciliation never holds a slot an apply
/// needs, on this replica or another. This process's waiters queue by priority and one pump asks the ledger for the
/// most urgent, so a replica spends one database round trip per permit. Agents this replica knows to be waiting for a
/// wrap-up (<see cref="ImminentWrapUps"/>) narrow the other classes' burst by one slot each.
/// </summary>
internal sealed class SharedRequestPermits : IRequestPermits
{
    // A wrap-up with no bound of its own books at most this far ahead: further out, its caller has likely gone.
    private static readonly TimeSpan LongestBooking = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShortestPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LedgerRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ImminentRecheck = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly ISharedRequestLedger _ledger;
    private readonly string _budgetKey;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _wrapUpTolerance;
    private readonly TimeSpan _otherTolerance;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ImminentWrapUps? _imminent;
    private readonly PriorityQueue<Waiter, (int Class, long DueBy, long Arrival)> _waiters = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _arrivals;
    private long _lastAheadTicks;
    private long _lastAnswerAt;
    private bool _ledgerFailing;

    public SharedRequestPermits(ISharedRequestLedger ledger, string budgetKey, int capacity, TimeSpan interval, int reservedForWrapUps,
        TimeProvider time, ILogger logger, ImminentWrapUps? imminent = null)
    {
        _ledger = ledger;
        _budgetKey = budgetKey;
        _capacity = capacity;
        _interval = interval;
        // A burst of N requests needs a tolerance of N - 1 intervals: the first goes at the slot itself.
        _wrapUpTolerance = interval * Math.Max(0, capacity - 1);
        _otherTolerance = interval * Math.Max(0, capacity - 1 - reservedForWrapUps);
        _time = time;
        _logger = logger;
        _imminent = imminent;
        _lastAnswerAt = time.GetTimestamp();
        _ = Task.Run(() => PumpAsync(_stopping.Token));
    }

    // From the last answer, less the time since: the sweeper paces reconciliation by this, so a quiet replica's figure
    // must recover on its own, not stay at the backlog it last saw.
    public long AvailableTokens
    {
        get
        {
            long aheadTicks, seenAt;
            lock (_gate)
                (aheadTicks, seenAt) = (_lastAheadTicks, _lastAnswerAt);
            var aheadNow = TimeSpan.FromTicks(aheadTicks) - _time.GetElapsedTime(seenAt);
            return aheadNow <= TimeSpan.Zero ? _capacity : Math.Max(0, _capacity - (long)Math.Ceiling(aheadNow / _interval));
        }
    }

    public long QueuedRequests
    {
        get
        {
            lock (_gate)
                return _waiters.UnorderedItems.Count(w => !w.Element.Done.Task.IsCompleted);
        }
    }

    public async ValueTask AcquireAsync(GenesysCallPriority priority, TimeSpan? within, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var waiter = new Waiter(priority.Class, within is { } bound ? _time.GetUtcNow() + bound : null);
        lock (_gate)
            _waiters.Enqueue(waiter, ((int)priority.Class, priority.DueBy?.UtcTicks ?? long.MaxValue, _arrivals++));
        Signal();

        // A cancelled waiter stays queued but completed; the pump skips it (and wakes to do so).
        await using var registration = cancellationToken.Register(() =>
        {
            waiter.Done.TrySetCanceled(cancellationToken);
            Signal();
        });
        await waiter.Done.Task;
    }

    public void SharePause(TimeSpan pause) => _ = PauseEveryReplicaAsync(pause);

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_gate)
            while (_waiters.TryDequeue(out var waiter, out _))
                waiter.Done.TrySetException(new ObjectDisposedException(nameof(SharedRequestPermits)));
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Task changed;
            Waiter? head = null;
            (int, long, long) key = default;
            lock (_gate)
            {
                changed = _changed.Task;
                while (_waiters.TryDequeue(out var next, out var nextKey))
                    if (!next.Done.Task.IsCompleted)
                    {
                        (head, key) = (next, nextKey);
                        break;
                    }
            }

            try
            {
                if (head is null)
                {
                    await changed.WaitAsync(stopping);
                    continue;
                }

                var wait = await TryBookAsync(head, stopping);
                if (wait is null) continue;
                lock (_gate)
                    _waiters.Enqueue(head, key);
                await WaitForAsync(changed, wait.Value, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Null when the head got its permit (it goes when its slot comes); otherwise how long until asking again.</summary>
    private async Task<TimeSpan?> TryBookAsync(Waiter head, CancellationToken stopping)
    {
        var isWrapUp = head.Class == GenesysCallClass.WrapUp;
        var longestWait = !isWrapUp ? TimeSpan.Zero
            : head.GoneAt is { } gone ? Clamp(gone - _time.GetUtcNow(), TimeSpan.Zero, LongestBooking) : LongestBooking;
        var tolerance = isWrapUp ? _wrapUpTolerance : _otherTolerance - _interval * (_imminent?.Count ?? 0);
        // Agents waiting for their wrap-ups fill the other classes' share: ask the ledger again once fewer wait.
        if (tolerance < TimeSpan.Zero)
            return ImminentRecheck;
        LedgerAnswer answer;
        try
        {
            answer = await _ledger.TryReserveAsync(_budgetKey, _interval, tolerance, longestWait, stopping);
        }
        catch (Exception failure) when (!stopping.IsCancellationRequested)
        {
            // Calls wait rather than spend a budget nobody can count: a replica that cannot reach PostgreSQL cannot
            // claim an intent either, so no apply is held up by this that could have gone.
            if (!_ledgerFailing)
                _logger.LogWarning(failure, "The shared request budget cannot be read; Genesys calls wait until it can");
            _ledgerFailing = true;
            return LedgerRetry;
        }

        if (_ledgerFailing)
            _logger.LogInformation("The shared request budget can be read again");
        _ledgerFailing = false;
        lock (_gate)
            (_lastAheadTicks, _lastAnswerAt) = (answer.Ahead.Ticks, _time.GetTimestamp());
        if (!answer.Reserved)
            return answer.Wait < ShortestPoll ? ShortestPoll : answer.Wait;
        if (answer.Wait <= TimeSpan.Zero)
            head.Done.TrySetResult();
        else
            _ = ReleaseWhenDueAsync(head, answer.Wait);
        return null;
    }

    private async Task ReleaseWhenDueAsync(Waiter waiter, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _time, _stopping.Token);
            waiter.Done.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            waiter.Done.TrySetException(new ObjectDisposedException(nameof(SharedRequestPermits)));
        }
    }

    private async Task PauseEveryReplicaAsync(TimeSpan pause)
    {
        try
        {
            await _ledger.PauseAsync(_budgetKey, pause, _stopping.Token);
        }
        catch (Exception failure) when (!_stopping.IsCancellationRequested)
        {
            // This replica still pauses (the budget's own state); the others learn of the limit from their own answers.
            _logger.LogWarning(failure, "A pause Genesys asked for could not be shared with the other replicas");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WaitForAsync(Task changed, TimeSpan wait, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var elapsed = Task.Delay(wait, _time, either.Token);
        await Task.WhenAny(changed, elapsed);
        await either.CancelAsync();
        stopping.ThrowIfCancellationRequested();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan lowest, TimeSpan highest) =>
        value < lowest ? lowest : value > highest ? highest : value;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Waiter(GenesysCallClass callClass, DateTimeOffset? goneAt)
    {
        public GenesysCallClass Class { get; } = callClass;

        /// <summary>When the caller stops waiting; a wrap-up's slot is booked no later than this.</summary>
        public DateTimeOffset? GoneAt { get; } = goneAt;

        public TaskCompletionSource Done { get; } = NewSignal();
    }
}
