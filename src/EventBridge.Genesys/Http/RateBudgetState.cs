namespace EventBridge.Genesys.Http;

/// <summary>
/// Shared, thread-safe record of the request budget of one OAuth client (Genesys counts per token, so all calls of
/// the client share it). Written by the budget and the HTTP handlers; read through <see cref="GetSnapshot"/>.
/// </summary>
public sealed class RateBudgetState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private RateBudgetSnapshot _current;
    private Func<(long Available, long Queued)> _limiterStatistics = () => (0, 0);

    public RateBudgetState(TimeProvider time, int requestsPerMinute)
    {
        _time = time;
        _current = new RateBudgetSnapshot { RequestsPerMinute = requestsPerMinute };
    }

    public RateBudgetSnapshot GetSnapshot()
    {
        var (available, queued) = _limiterStatistics();
        lock (_gate)
            return _current with { AvailablePermits = available, QueuedRequests = queued };
    }

    /// <summary>When new requests may go again, or null when not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_gate)
                return _current.PausedUntil > _time.GetUtcNow() ? _current.PausedUntil : null;
        }
    }

    internal void AttachLimiter(Func<(long Available, long Queued)> statistics) => _limiterStatistics = statistics;

    internal void RecordAcquired(TimeSpan waited) => Update(s => waited > TimeSpan.Zero
        ? s with { Requests = s.Requests + 1, Waits = s.Waits + 1, TotalWaitTime = s.TotalWaitTime + waited, LastWait = waited }
        : s with { Requests = s.Requests + 1 });

    internal void RecordServerHeaders(int? count, int? allowed, int? resetSeconds) =>
        Update(s => s with { ServerCount = count, ServerAllowed = allowed, ServerResetSeconds = resetSeconds, ServerHeadersAt = _time.GetUtcNow() });

    internal void RecordThrottled() => Update(s => s with { Throttled = s.Throttled + 1 });

    /// <summary>A retry was due but its wait plus one more attempt would pass <see cref="GenesysOptions.CallTimeout"/>.</summary>
    internal void RecordRetryRefused() => Update(s => s with { RetriesBeyondCallTimeout = s.RetriesBeyondCallTimeout + 1 });

    internal void RecordRetry(TimeSpan delay) => Update(s => s with { Retries = s.Retries + 1, LastRetryDelay = delay });

    /// <summary>Extends (never shortens) the pause of new requests.</summary>
    internal void PauseFor(TimeSpan duration)
    {
        var until = _time.GetUtcNow() + duration;
        Update(s => s.PausedUntil is { } current && current >= until ? s : s with { PausedUntil = until });
    }

    private void Update(Func<RateBudgetSnapshot, RateBudgetSnapshot> change)
    {
        lock (_gate)
            _current = change(_current);
    }
}
