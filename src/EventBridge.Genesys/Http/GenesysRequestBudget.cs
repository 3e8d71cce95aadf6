using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventBridge.Genesys.Http;

/// <summary>
/// Client-side request budget of one OAuth client, served by priority (<see cref="GenesysCallPriority"/>): a token bucket refilled at <c>RequestsPerMinute</c> holding a sixth
/// of a minute's worth (so no 60 s window exceeds 7/6 of the budget, below Genesys's 300 at the default 240), plus
/// pauses ordered by the server (near-limit headers, 429 Retry-After). Refills run on the injected
/// <see cref="TimeProvider"/> so tests can move the clock. With a <see cref="ISharedRequestLedger"/> (scope
/// <c>Shared</c> on PostgreSQL) the same bucket and priorities are kept in the ledger for every replica of the OAuth
/// client, and Genesys's pauses reach them all.
/// </summary>
internal sealed class GenesysRequestBudget : IDisposable
{
    // Slow down once Genesys says 90 % of its window is used: the remaining requests belong to everyone on the client.
    internal const double ServerNearLimitRatio = 0.9;
    private static readonly TimeSpan MaxServerPause = TimeSpan.FromSeconds(60);

    private readonly IRequestPermits _bucket;
    private readonly TimeProvider _time;

    public GenesysRequestBudget(int requestsPerMinute, TimeProvider time, RateBudgetState state,
        ISharedRequestLedger? sharedLedger = null, string budgetKey = "", ILogger? logger = null, ImminentWrapUps? imminent = null)
    {
        _time = time;
        State = state;
        // Three quarters of the burst are kept for wrap-ups: agents who enter ACW together after a busy moment find 30
        // tokens (at the default 240/min) instead of a bucket spent on disconnects and reads, whose clocks are not
        // running yet; the other classes keep a burst of 10 and the steady refill.
        var capacity = Math.Max(1, requestsPerMinute / 6);
        var interval = TimeSpan.FromMinutes(1) / requestsPerMinute;
        var reserved = capacity * 3 / 4;
        _bucket = sharedLedger is null
            ? new TokenBucket(capacity, interval, time, reserved, imminent)
            : new SharedRequestPermits(sharedLedger, budgetKey, capacity, interval, reserved, time, logger ?? NullLogger.Instance, imminent);
        IsShared = sharedLedger is not null;
        state.AttachLimiter(() => (_bucket.AvailableTokens, _bucket.QueuedRequests));
    }

    public RateBudgetState State { get; }

    /// <summary>Whether every replica of the OAuth client draws on this budget (scope <c>Shared</c> on PostgreSQL).</summary>
    public bool IsShared { get; }

    /// <param name="within">
    /// Longest wait, or null for as long as it takes (until <paramref name="cancellationToken"/>). A permit that would
    /// come later is not granted: a retry must not start where it could not end inside its call's bound.
    /// </param>
    public async ValueTask<RateLimitLease> AcquireAsync(GenesysCallPriority priority, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        if (within is { } limit && limit <= TimeSpan.Zero) return RefusedLease.Instance;
        var started = _time.GetTimestamp();
        using var bound = within is { } wait ? new CancellationTokenSource(wait, _time) : null;
        using var linked = bound is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            if (State.PausedUntil is { } until && until - _time.GetUtcNow() is { } pause && pause > TimeSpan.Zero)
                await Task.Delay(pause, _time, token);

            await _bucket.AcquireAsync(priority, within - _time.GetElapsedTime(started), token);
        }
        catch (OperationCanceledException) when (bound?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            return RefusedLease.Instance;
        }

        State.RecordAcquired(_time.GetElapsedTime(started));
        return GrantedLease.Instance;
    }

    /// <summary>Records <c>inin-ratelimit-*</c> and pauses new requests until the window resets when nearly used up.</summary>
    public void ObserveServerLimits(int? count, int? allowed, int? resetSeconds)
    {
        State.RecordServerHeaders(count, allowed, resetSeconds);
        if (count is { } c && allowed is > 0 and var a && c >= a * ServerNearLimitRatio && resetSeconds is > 0 and var r)
            Pause(TimeSpan.FromSeconds(Math.Min(r, MaxServerPause.TotalSeconds)));
    }

    public void ObserveThrottled(TimeSpan? retryAfter)
    {
        State.RecordThrottled();
        if (retryAfter is { } delay && delay > TimeSpan.Zero)
            Pause(delay < MaxServerPause ? delay : MaxServerPause);
    }

    private void Pause(TimeSpan pause)
    {
        State.PauseFor(pause);
        _bucket.SharePause(pause);
    }

    public void Dispose()
    {
        _bucket.Dispose();
    }

    // Not granted in time: Polly's rate limiter strategy answers RateLimiterRejectedException, a transient failure.
    private sealed class RefusedLease : RateLimitLease
    {
        public static readonly RefusedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    // Polly's rate limiter strategy speaks RateLimitLease; the bucket has nothing to give back.
    private sealed class GrantedLease : RateLimitLease
    {
        public static readonly GrantedLease Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
