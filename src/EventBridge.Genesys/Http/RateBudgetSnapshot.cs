namespace EventBridge.Genesys.Http;

/// <summary>Point-in-time view of the request budget of one OAuth client, for metrics and the worker's pacing.</summary>
public sealed record RateBudgetSnapshot
{
    public int RequestsPerMinute { get; init; }

    /// <summary>Permits the local token bucket could hand out right now.</summary>
    public long AvailablePermits { get; init; }

    /// <summary>Requests waiting for a permit.</summary>
    public long QueuedRequests { get; init; }

    /// <summary>Latest <c>inin-ratelimit-count</c>, <c>inin-ratelimit-allowed</c>, <c>inin-ratelimit-reset</c> (seconds).</summary>
    public int? ServerCount { get; init; }
    public int? ServerAllowed { get; init; }
    public int? ServerResetSeconds { get; init; }
    public DateTimeOffset? ServerHeadersAt { get; init; }

    /// <summary>New requests wait until then (server near its limit or a 429's Retry-After).</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    public long Requests { get; init; }
    public long Waits { get; init; }
    public TimeSpan TotalWaitTime { get; init; }
    public TimeSpan LastWait { get; init; }
    public long Throttled { get; init; }
    public long Retries { get; init; }
    public TimeSpan? LastRetryDelay { get; init; }

    /// <summary>Retries not made because the wait plus one more attempt would have passed <c>Genesys:CallTimeout</c>.</summary>
    public long RetriesBeyondCallTimeout { get; init; }
}
