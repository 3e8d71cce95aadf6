namespace EventBridge.Genesys.Http;

/// <summary>
/// Where a Genesys call gets its permit: this process's <see cref="TokenBucket"/>, or a <see cref="SharedRequestPermits"/>
/// drawing on the one budget every replica of the OAuth client shares.
/// </summary>
internal interface IRequestPermits : IDisposable
{
    /// <summary>Tokens left for a wrap-up now (for the dashboard; for a shared budget, as last seen).</summary>
    long AvailableTokens { get; }

    /// <summary>Calls of this process waiting for a permit.</summary>
    long QueuedRequests { get; }

    /// <param name="within">
    /// How long the caller will wait, or null for as long as it takes. A shared budget books a wrap-up's slot ahead only
    /// inside this bound: a slot booked for a caller who has gone is lost to everyone.
    /// </param>
    ValueTask AcquireAsync(GenesysCallPriority priority, TimeSpan? within, CancellationToken cancellationToken);

    /// <summary>Genesys asked us to pause (429 <c>Retry-After</c>, or its window nearly used): every user of the budget pauses.</summary>
    void SharePause(TimeSpan pause);
}
