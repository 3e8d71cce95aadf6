using System.Threading.RateLimiting;

namespace EventBridge.Worker.Security;

/// <summary>
/// Login attempts per user name per minute, whatever address they come from: the address limit
/// (<see cref="AuthEndpoints.AddLoginRateLimit"/>) stops one machine guessing, this one stops many machines guessing
/// one account. It needs the name from the body, so it runs in the login endpoint rather than in the middleware.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>Attempts a user name gets per <see cref="AuthEndpoints.LoginWindow"/>: more than a person mistypes.</summary>
    public const int AttemptsPerUserName = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = AttemptsPerUserName, Window = AuthEndpoints.LoginWindow, QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go on; otherwise how long until the name may try again.</summary>
    public TimeSpan? Refuse(string? userName)
    {
        // User names are compared exactly, but a guesser must not get ten tries per spelling of one name.
        using var lease = _limiter.AttemptAcquire((userName ?? "").Trim().ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : AuthEndpoints.LoginWindow;
    }

    public void Dispose() => _limiter.Dispose();
}
