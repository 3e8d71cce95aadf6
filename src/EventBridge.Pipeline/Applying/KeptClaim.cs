using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// A claim renewed every third of its lifetime while its holder works. <see cref="Token"/> is cancelled when the claim
/// is lost — another worker took it over, or the store stayed unreachable until the claim would have run out — so the
/// holder stops before sending a wrap-up that the new holder may send too. Genesys has no fencing token for a
/// wrap-up call, so this is as close as a client gets: <see cref="MaySend"/> is checked again as the call leaves (after
/// the budget's wait), so a worker paused past the claim's end does not send on waking; one paused in the microseconds
/// between that check and the socket can still send late, and the new holder re-read Genesys first.
/// </summary>
public sealed class KeptClaim : IAsyncDisposable
{
    private readonly IIntentStore _store;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _linked;
    private readonly Task _renewing;
    // How long before the claim's end a wrap-up may still leave: the new holder only takes over after the end, and reads first.
    private static readonly TimeSpan SendMargin = TimeSpan.FromSeconds(1);
    private long _expiresAtTicks;

    internal KeptClaim(IIntentStore store, IntentClaim claim, TimeSpan lifetime, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        _store = store;
        Claim = claim;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lost.Token);
        _expiresAtTicks = claim.ExpiresAt.UtcTicks;
        _renewing = RenewAsync();
    }

    public IntentClaim Claim { get; }

    /// <summary>The caller's token, also cancelled when the claim is lost.</summary>
    public CancellationToken Token => _linked.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>
    /// Whether a wrap-up may leave now: the claim is not lost and, by this process's clock, has not run out. A process
    /// paused past its claim's end wakes with the renewal not yet run; this says no before its call goes.
    /// </summary>
    public bool MaySend() => !IsLost && _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _expiresAtTicks) - SendMargin.Ticks;

    private async Task RenewAsync()
    {
        var every = _lifetime / 3;
        using var timer = new PeriodicTimer(every, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var next = _time.GetUtcNow() + _lifetime;
                try
                {
                    if (await _store.TryRenewClaimAsync(Claim.IntentId, Claim.Token, next, _stop.Token))
                    {
                        Interlocked.Exchange(ref _expiresAtTicks, next.UtcTicks);
                        continue;
                    }

                    _logger.LogWarning("The claim on intent {IntentId} was taken over by another worker; this one stops its wrap-up", Claim.IntentId);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception unreachable) when (unreachable is not OperationCanceledException)
                {
                    // Hold on while the claim has not run out, never up to its end: past it another worker may take over.
                    if ((_time.GetUtcNow() + every).UtcTicks < Interlocked.Read(ref _expiresAtTicks)) continue;
                    _logger.LogWarning(unreachable, "The store did not renew the claim on intent {IntentId} before it ran out; this worker stops its wrap-up",
                        Claim.IntentId);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the holder is done.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _linked.Dispose();
        _lost.Dispose();
        _stop.Dispose();
    }
}
