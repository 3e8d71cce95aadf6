namespace EventBridge.Genesys.Http;

/// <summary>
/// Token bucket on a <see cref="TimeProvider"/> that serves waiters by priority (<see cref="GenesysCallPriority"/>:
/// class, then earliest ACW timeout, then arrival), not first come first served. Kept by hand because
/// System.Threading.RateLimiting's limiters serve in arrival order only and measure elapsed time with Stopwatch even
/// when replenished by hand, so they can neither put a wrap-up ahead of a read nor follow an injected clock.
/// A part of the bucket can be kept for wrap-ups: other classes then spend only tokens above that reserve, so agents
/// who enter ACW together after a busy moment find the burst still there instead of spent on disconnects and reads.
/// Agents already known to be waiting for a wrap-up (<see cref="ImminentWrapUps"/>) are kept a token each on top of
/// the reserve, so a disconnect does not start another ACW clock while theirs run.
/// </summary>
internal sealed class TokenBucket : IRequestPermits
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _tokenInterval;
    private readonly int _capacity;
    private readonly int _reservedForWrapUps;
    private readonly ImminentWrapUps? _imminent;
    private readonly PriorityQueue<TaskCompletionSource, (int Class, long DueBy, long Arrival)> _waiters = new();
    private long _arrivals;
    private readonly ITimer _wakeUp;
    private double _tokens;
    private long _refilledAt;
    private bool _disposed;

    // While agents wait for their wrap-ups, a held-back disconnect looks again this often: their count falls without
    // the bucket hearing of it.
    private static readonly TimeSpan ImminentRecheck = TimeSpan.FromMilliseconds(50);

    public TokenBucket(int capacity, TimeSpan tokenInterval, TimeProvider time, int reservedForWrapUps = 0, ImminentWrapUps? imminent = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(reservedForWrapUps, Math.Max(1, capacity));
        _capacity = capacity;
        _reservedForWrapUps = Math.Max(0, reservedForWrapUps);
        _imminent = imminent;
        _tokenInterval = tokenInterval;
        _time = time;
        _tokens = capacity;
        _refilledAt = time.GetTimestamp();
        _wakeUp = time.CreateTimer(_ => ServeWaiters(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public long AvailableTokens
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return (long)_tokens;
            }
        }
    }

    public long QueuedRequests
    {
        get
        {
            lock (_gate)
                return _waiters.UnorderedItems.Count(w => !w.Element.Task.IsCompleted);
        }
    }

    // One process: the caller's own bound (a cancellation) is all a waiter needs, and the budget's state holds pauses.
    public ValueTask AcquireAsync(GenesysCallPriority priority, TimeSpan? within, CancellationToken cancellationToken) =>
        AcquireAsync(priority, cancellationToken);

    public void SharePause(TimeSpan pause)
    {
    }

    public async ValueTask AcquireAsync(GenesysCallPriority priority, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Refill();
            if (_waiters.Count == 0 && _tokens >= TokensNeeded((int)priority.Class))
            {
                _tokens -= 1;
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, ((int)priority.Class, priority.DueBy?.UtcTicks ?? long.MaxValue, _arrivals++));
            ScheduleWakeUp();
        }

        // A cancelled waiter stays queued but completed; ServeWaiters skips it.
        await using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        await waiter.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _wakeUp.Dispose();
            while (_waiters.TryDequeue(out var waiter, out _))
                waiter.TrySetException(new ObjectDisposedException(nameof(TokenBucket)));
        }
    }

    private void ServeWaiters()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            Refill();
            while (_waiters.TryPeek(out var waiter, out var priority))
            {
                if (waiter.Task.IsCompleted)
                {
                    _waiters.Dequeue();
                    continue;
                }

                // The head is the most urgent waiter: when it cannot go, nobody behind it may.
                if (_tokens < TokensNeeded(priority.Class))
                    break;
                _tokens -= 1;
                _waiters.Dequeue();
                waiter.TrySetResult();
            }

            if (_waiters.Count > 0)
                ScheduleWakeUp();
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var earned = _time.GetElapsedTime(_refilledAt, now) / _tokenInterval;
        _tokens = Math.Min(_capacity, _tokens + earned);
        _refilledAt = now;
    }

    private double TokensNeeded(int callClass) =>
        callClass == (int)GenesysCallClass.WrapUp ? 1 : 1 + _reservedForWrapUps + (_imminent?.Count ?? 0);

    private void ScheduleWakeUp()
    {
        var head = _waiters.TryPeek(out _, out var priority) ? priority.Class : (int)GenesysCallClass.WrapUp;
        var untilNextToken = _tokenInterval * Math.Max(0, TokensNeeded(head) - _tokens);
        if (head != (int)GenesysCallClass.WrapUp && _imminent?.Count > 0 && untilNextToken > ImminentRecheck)
            untilNextToken = ImminentRecheck;
        _wakeUp.Change(untilNextToken, Timeout.InfiniteTimeSpan);
    }
}
