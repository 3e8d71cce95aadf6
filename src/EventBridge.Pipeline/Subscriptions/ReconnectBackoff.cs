namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// Jittered exponential delays between reconnect attempts: every replica that lost its socket in the same Genesys
/// incident would otherwise come back in the same instant.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>Delay before attempt <paramref name="attempt"/> (0-based): between half and all of min(max, base·2^attempt).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (_random.NextDouble() / 2)));
    }
}
