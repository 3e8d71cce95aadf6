using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// Runs the listener's duties — notification channels, the sweeper, ACW follow-ups and, in a cluster, the hand-over of
/// intents from other replicas — on the one replica that holds the <see cref="IListenerLease"/>. Alone on its store the
/// worker always holds it. A stand-by tries to take over every <see cref="ListenerOptions.RenewInterval"/>.
/// </summary>
/// <remarks>
/// A holder that cannot renew before its lease would run out (the database away, or another replica took over after
/// this process was frozen) stops the application instead of listening on: its channels, sweeper and index cannot be
/// trusted to restart cleanly, and the supervisor (systemd, Kubernetes) brings it back as a stand-by. Nothing is lost:
/// intents live in the store and unacknowledged messages return to the queue.
/// </remarks>
public sealed class ListenerRole(
    IListenerLease lease,
    ReplicaIdentity replica,
    ChannelPool channels,
    IntentSweeper sweeper,
    AcwFollowUps followUps,
    ListenerHandOver handOver,
    OpenIntentReload reload,
    ReconcileSignal reconcile,
    IOptions<ListenerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ListenerRole> logger) : BackgroundService
{
    /// <summary>The exit code of a holder that lost its lease (EX_TEMPFAIL): restart me.</summary>
    public const int LostLeaseExitCode = 75;

    private readonly ListenerOptions _options = options.Value;
    private readonly CancellationTokenSource _holding = new();
    private volatile ListenerStatus _status = new(ListenerRoleKind.Starting, replica.Name, null, null, null);
    private long _validUntil;
    private bool _databaseAwayLogged;

    // Set once the lease is lost: the duties cannot start again in this process, so it never tries to hold again.
    private volatile bool _lost;
    private Task? _handOver;

    /// <summary>What this replica does now, and who listens.</summary>
    public ListenerStatus Status => _status;

    private IHostedService[] Duties => [channels, sweeper, followUps];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!lease.IsShared)
        {
            await StartDutiesAsync(cancellationToken);
            _status = new ListenerStatus(ListenerRoleKind.Sole, replica.Name, replica.Name, 1, time.GetUtcNow());
            return;
        }

        // A first attempt before the host is up: a replica alone in its cluster listens from the start, as a lone worker
        // does, and the start-up index is fresh, so no reload.
        await TryHoldAsync(indexIsFresh: true, cancellationToken, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested && !_lost)
            {
                await Task.Delay(_options.RenewInterval, time, stoppingToken);
                // Bounded: a database that does not answer must not keep a holder listening past its trusted time.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                attempt.CancelAfter(_options.RenewInterval);
                try
                {
                    await TryHoldAsync(indexIsFresh: false, attempt.Token, stoppingToken);
                }
                catch (Exception failed) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("A listener lease attempt failed: {Error}", failed.Message);
                    await LoseIfNoLongerTrustedAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_status.Role is not (ListenerRoleKind.Holder or ListenerRoleKind.Sole)) return;
        await StopDutiesAsync(cancellationToken);
        if (_status is { Role: ListenerRoleKind.Holder, Epoch: { } epoch })
        {
            try
            {
                // A stand-by takes over at its next attempt instead of after the lease runs out.
                await lease.ReleaseAsync(replica.Name, epoch, cancellationToken);
                logger.LogInformation("Released the listener lease (epoch {Epoch})", epoch);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                logger.LogWarning("Could not release the listener lease; a stand-by takes over when it runs out: {Error}", failed.Message);
            }
        }
    }

    public override void Dispose()
    {
        _holding.Dispose();
        base.Dispose();
    }

    /// <param name="asking">Bounds the questions to the database.</param>
    /// <param name="stopping">Bounds becoming the holder (reloading the index may take longer than one question).</param>
    private async Task TryHoldAsync(bool indexIsFresh, CancellationToken asking, CancellationToken stopping)
    {
        if (_lost) return;
        var asked = time.GetTimestamp();
        ListenerLeaseTerm? term;
        try
        {
            term = await lease.TryHoldAsync(replica.Name, _options.LeaseDuration, asking);
            _databaseAwayLogged = false;
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            if (!_databaseAwayLogged) logger.LogWarning("The listener lease could not be read or renewed: {Error}", failed.Message);
            _databaseAwayLogged = true;
            await LoseIfNoLongerTrustedAsync();
            return;
        }

        if (term is null)
        {
            if (Holds)
            {
                await LoseAsync("another replica holds it now");
                return;
            }

            ListenerLeaseHolder? holder = null;
            try
            {
                holder = await lease.GetHolderAsync(asking);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                logger.LogDebug("The listener lease's holder could not be read: {Error}", failed.Message);
            }

            _status = new ListenerStatus(ListenerRoleKind.StandBy, replica.Name, holder?.Replica, holder?.Epoch, holder?.Since);
            return;
        }

        // Trusted for the lease's remaining time less one renewal interval, measured from before the question: the
        // holder stops listening before a stand-by can take over, however late this answer came.
        var trusted = term.Remaining - _options.RenewInterval;
        Interlocked.Exchange(ref _validUntil, asked + (long)(trusted.TotalSeconds * time.TimestampFrequency));
        if (!Holds) await BecomeHolderAsync(term.Epoch, indexIsFresh, stopping);
    }

    private bool Holds => _status.Role == ListenerRoleKind.Holder;

    private async Task BecomeHolderAsync(long epoch, bool indexIsFresh, CancellationToken cancellationToken)
    {
        // While standing by, other replicas settled intents and took new ones in: the store knows, this index does not.
        var open = indexIsFresh ? (int?)null : await reload.ReloadAsync(cancellationToken);
        await StartDutiesAsync(cancellationToken);
        // Nobody listened between the old holder's death and now: every open intent is re-read, not only the quiet ones.
        if (!indexIsFresh) reconcile.Raise($"took the listener lease over (epoch {epoch})");
        _handOver = Task.Run(() => handOver.RunAsync(epoch, _holding.Token), CancellationToken.None);
        _status = new ListenerStatus(ListenerRoleKind.Holder, replica.Name, replica.Name, epoch, time.GetUtcNow());
        logger.LogInformation("This replica holds the listener lease (epoch {Epoch}) and listens{Reloaded}", epoch,
            open is { } count ? $"; {count} open intents reloaded" : "");
    }

    /// <summary>A renewal failed: a holder past its trusted time stops, since a stand-by may hold the lease by now.</summary>
    private async Task LoseIfNoLongerTrustedAsync()
    {
        if (Holds && time.GetTimestamp() >= Interlocked.Read(ref _validUntil)) await LoseAsync("it could not be renewed in time");
    }

    private async Task LoseAsync(string why)
    {
        _lost = true;
        logger.LogCritical("This replica lost the listener lease ({Why}): it stops listening and exits with code {ExitCode} so it is restarted as a stand-by",
            why, LostLeaseExitCode);
        _status = new ListenerStatus(ListenerRoleKind.StandBy, replica.Name, null, null, null);
        await StopDutiesAsync(CancellationToken.None);
        Environment.ExitCode = LostLeaseExitCode;
        lifetime.StopApplication();
    }

    private async Task StartDutiesAsync(CancellationToken cancellationToken)
    {
        foreach (var duty in Duties) await duty.StartAsync(cancellationToken);
    }

    private async Task StopDutiesAsync(CancellationToken cancellationToken)
    {
        await _holding.CancelAsync();
        if (_handOver is { } running) await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var duty in Duties.Reverse()) await duty.StopAsync(cancellationToken);
    }
}
