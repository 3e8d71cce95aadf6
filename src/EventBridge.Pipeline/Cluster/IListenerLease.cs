namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// Who listens: the one replica that holds the notification channels, routes events, sweeps and follows up on ACW.
/// Genesys allows 20 channels per OAuth client and counts every read against one budget, so replicas must not each
/// listen for everything. The lease is about economy only: exactly-once stays with the store's claims, so two
/// replicas that both believe they listen (a frozen holder waking up) cost requests, never a second wrap-up.
/// </summary>
public interface IListenerLease
{
    /// <summary>False for a process alone on its store (SQLite): it always listens, nothing is asked of a database.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Takes the lease for <paramref name="replica"/>, or renews it when the replica holds it already: null while another
    /// replica holds a live lease. A take-over raises the epoch, so a former holder's late writes can be told apart.
    /// </summary>
    Task<ListenerLeaseTerm?> TryHoldAsync(string replica, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The current holder, or null when no live lease exists (the holder died and nobody took over yet).</summary>
    Task<ListenerLeaseHolder?> GetHolderAsync(CancellationToken cancellationToken);

    /// <summary>Ends the lease at once (a graceful stop), so a stand-by takes over at its next attempt instead of after the expiry.</summary>
    Task ReleaseAsync(string replica, long epoch, CancellationToken cancellationToken);
}

/// <param name="Epoch">Raised by every take-over.</param>
/// <param name="Remaining">How long the lease runs from the moment the database answered (its clock, not ours).</param>
public sealed record ListenerLeaseTerm(long Epoch, TimeSpan Remaining);

public sealed record ListenerLeaseHolder(string Replica, long Epoch, DateTimeOffset Since, DateTimeOffset ExpiresAt);

/// <summary>The lease of a worker alone on its store: it always holds it.</summary>
public sealed class SoleListenerLease : IListenerLease
{
    public bool IsShared => false;

    public Task<ListenerLeaseTerm?> TryHoldAsync(string replica, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.FromResult<ListenerLeaseTerm?>(new ListenerLeaseTerm(1, Timeout.InfiniteTimeSpan));

    public Task<ListenerLeaseHolder?> GetHolderAsync(CancellationToken cancellationToken) => Task.FromResult<ListenerLeaseHolder?>(null);

    public Task ReleaseAsync(string replica, long epoch, CancellationToken cancellationToken) => Task.CompletedTask;
}
