using EventBridge.Genesys.Http;
using EventBridge.Genesys.Notifications;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>The heartbeat watchdog and the renewal before Genesys's 24 h channel expiry.</summary>
internal sealed partial class ChannelSession
{
    private ITimer? _watchdog;
    private ITimer? _renewal;
    private int _pinging;
    private DateTimeOffset? _expiresAt;
    private DateTimeOffset? _nextRenewalAt;

    private void StartWatchdog()
    {
        if (_watchdog is not null) return;
        var period = options.SilenceTimeout / 3;
        _watchdog = time.CreateTimer(_ => _ = WatchAsync(), null, period, period);
    }

    /// <summary>
    /// A socket can die without a close (NAT or proxy timeouts leave it half-open), and then nothing arrives and
    /// nothing fails. Genesys heartbeats every ~30 s, so a long silence earns a ping; no pong means the socket is dead.
    /// </summary>
    private async Task WatchAsync()
    {
        if (Volatile.Read(ref _recovering) == 1 || _socket is not { } socket || stopping.IsCancellationRequested) return;
        if (!socket.IsConnected && !IsBeingSucceeded(socket))
        {
            RequestRecovery("socket found closed", replaceChannel: false);
            return;
        }

        if (socket.LastMessageAt is not { } last || time.GetUtcNow() - last < options.SilenceTimeout) return;
        if (Interlocked.Exchange(ref _pinging, 1) == 1) return;
        try
        {
            using var pongTimeout = new CancellationTokenSource(options.PongTimeout, time);
            Interlocked.Increment(ref _pingsSent);
            await socket.PingAsync(pongTimeout.Token);
            _logger.LogInformation("Channel {ChannelTag} silent for {Silence} but answered a ping; keeping the socket", Tag, options.SilenceTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The socket was replaced while the ping was out: the watch looks at the new one next time.
        }
        catch (Exception unanswered) when (unanswered is OperationCanceledException or InvalidOperationException)
        {
            // A move replaced the socket while the ping was out: the new one is watched next time.
            if (!ReferenceEquals(socket, _socket) || IsBeingSucceeded(socket)) return;
            _logger.LogWarning("Channel {ChannelTag} silent for {Silence} and no pong within {PongTimeout}; reconnecting",
                Tag, options.SilenceTimeout, options.PongTimeout);
            Interlocked.Increment(ref _pingsUnanswered);
            RequestRecovery("silence without pong", replaceChannel: false);
        }
        finally
        {
            Volatile.Write(ref _pinging, 0);
        }
    }

    /// <summary>Schedules the renewal at <c>RenewAtFraction</c> of the remaining life (Genesys: 24 h unless re-subscribed).</summary>
    private void TrackExpiry(DateTimeOffset? expires)
    {
        var now = time.GetUtcNow();
        var expiresAt = expires ?? now.AddHours(24);
        var remaining = expiresAt - now;
        var wait = remaining > TimeSpan.Zero ? remaining * options.RenewAtFraction : TimeSpan.Zero;
        lock (_lock) (_expiresAt, _nextRenewalAt) = (expiresAt, now + wait);
        _renewal?.Dispose();
        _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// PUT the same list (re-subscribing extends the channel's life), then read the expiry back. If it did not move —
    /// or cannot be seen, since Genesys lists only the current token's channels — open a successor before dropping
    /// this one, so no event falls between them.
    /// </summary>
    private async Task RenewAsync()
    {
        if (stopping.IsCancellationRequested || _channel?.Id is not { } channelId) return;
        DateTimeOffset? before;
        lock (_lock) before = _expiresAt;
        try
        {
            await _gate.WaitAsync(stopping);
            DateTimeOffset? after;
            try
            {
                if (_channel?.Id != channelId) return; // replaced meanwhile: the new channel has its own schedule
                var answer = await genesys.ReplaceSubscriptionsAsync(channelId, Snapshot(), ignoreErrors: true, stopping);
                Apply(answer, replaceAll: true);
                var listed = await genesys.GetChannelsAsync(stopping);
                after = listed.Entities?.FirstOrDefault(c => c.Id == channelId)?.Expires;
                if (after > before)
                {
                    TrackExpiry(after);
                    _logger.LogInformation("Channel {ChannelTag} renewed; now expires {ExpiresAt}", ChannelTag.Of(channelId), after);
                    return;
                }
            }
            finally
            {
                _gate.Release();
            }

            _logger.LogWarning("Channel {ChannelTag} renewal did not move its expiry ({Before} → {After}); replacing it", ChannelTag.Of(channelId), before, after);
            await ReplaceAsync("renewal did not extend the channel", gap: false);
        }
        catch (GenesysApiException gone) when (gone.Kind == GenesysErrorKind.NotFound)
        {
            RequestRecovery("channel not found at renewal", replaceChannel: true);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            // Half the life is still left: try again after a backoff rather than give the channel up.
            _lastProblem = failed.Message;
            _logger.LogWarning("Renewing channel {ChannelTag} failed: {Error}; retrying", ChannelTag.Of(channelId), failed.Message);
            var retryIn = options.ReconnectMaxDelay;
            lock (_lock) _nextRenewalAt = time.GetUtcNow() + retryIn;
            _renewal?.Dispose();
            _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, retryIn, Timeout.InfiniteTimeSpan);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
