using EventBridge.Genesys.Http;
using EventBridge.Genesys.Notifications;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>Reconnecting a dropped socket, and replacing a channel that is gone.</summary>
internal sealed partial class ChannelSession
{
    private int _recovering;
    private string? _replaceReason;

    /// <summary>
    /// Starts the recovery loop unless it already runs. <paramref name="replaceChannel"/>: the channel is known to be
    /// void (token revoked, no longer subscribed, not found), so reconnecting to it would hear nothing.
    /// </summary>
    private void RequestRecovery(string reason, bool replaceChannel)
    {
        // Without a channel there is nothing to recover: the next AddAsync opens one.
        if (stopping.IsCancellationRequested || _state == ChannelState.Stopped || _channel is null) return;
        if (replaceChannel) Interlocked.Exchange(ref _replaceReason, reason);
        if (Interlocked.Exchange(ref _recovering, 1) == 1) return;
        _ = Task.Run(() => RecoverAsync(reason), CancellationToken.None);
    }

    private async Task RecoverAsync(string reason)
    {
        try
        {
            for (var attempt = 0; !stopping.IsCancellationRequested; attempt++)
            {
                var replaceBecause = Interlocked.Exchange(ref _replaceReason, null);
                _state = replaceBecause is null ? ChannelState.Reconnecting : ChannelState.Replacing;
                // Backoff before every reconnect, even the first: a server that just closed every socket (deploy,
                // failover) should not see all clients at once. A known-void channel is replaced at once.
                if (replaceBecause is null || attempt > 0)
                    await Task.Delay(_backoff.DelayFor(attempt), time, stopping);
                try
                {
                    await RecoverOnceAsync(reason, replaceBecause);
                    return;
                }
                catch (Exception failed) when (failed is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    _lastProblem = failed.Message;
                    _logger.LogWarning("Recovering channel {ChannelTag} (slot {Slot}) after {Reason} failed, attempt {Attempt}: {Error}",
                        Tag, slot, reason, attempt + 1, failed.Message);
                    if (replaceBecause is not null) Interlocked.CompareExchange(ref _replaceReason, replaceBecause, null);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
            // A drop or notice that arrived while this loop was finishing must not be lost.
            if (!stopping.IsCancellationRequested && (Volatile.Read(ref _replaceReason) is not null || _socket?.IsConnected == false))
                RequestRecovery("a further drop during recovery", replaceChannel: false);
        }
    }

    private async Task RecoverOnceAsync(string reason, string? replaceBecause)
    {
        if (replaceBecause is null && _channel?.Id is { } channelId && await genesys.ChannelExistsAsync(channelId, stopping))
        {
            await MoveToNewSocketAsync(reason, stopping);
            _state = ChannelState.Connected;
            _lastProblem = null;
            reconcile.Raise($"notification socket of channel {ChannelTag.Of(channelId)} reconnected after {reason}");
            return;
        }

        await ReplaceAsync(replaceBecause ?? "channel gone (HEAD 404)", gap: true);
    }

    /// <summary>
    /// A new channel holding every topic (one PUT), then the old socket is retired. <paramref name="gap"/>: events may
    /// have been missed (the old channel was dead), so reconciliation must run; a make-before-break renewal has none.
    /// </summary>
    private async Task ReplaceAsync(string reason, bool gap)
    {
        var old = _channel?.Id;
        await _gate.WaitAsync(stopping);
        try
        {
            _state = ChannelState.Replacing;
            await OpenAsync(Snapshot(), stopping);
        }
        catch (GenesysApiException failed)
        {
            _logger.LogWarning("Could not replace channel {ChannelTag} (slot {Slot}): {Error}", ChannelTag.Of(old), slot, failed.Message);
            throw;
        }
        finally
        {
            _gate.Release();
        }

        Interlocked.Increment(ref _replacements);
        _lastProblem = null;
        _logger.LogWarning("Channel {OldChannelTag} replaced by {ChannelTag} (slot {Slot}, {TopicCount} topics): {Reason}",
            ChannelTag.Of(old), Tag, slot, TopicCount, reason);
        if (gap)
        {
            reconcile.Raise($"notification channel {ChannelTag.Of(old)} replaced: {reason}");
            return;
        }

        // The predecessor lives on until its expiry and still counts against the 20 channels per OAuth client; with
        // no topics Genesys at least stops routing events to it.
        try
        {
            if (old is not null) await genesys.DeleteSubscriptionsAsync(old, stopping);
        }
        catch (GenesysApiException ignored)
        {
            _logger.LogDebug("Could not clear the topics of replaced channel {ChannelTag}: {Error}", ChannelTag.Of(old), ignored.Message);
        }
    }
}
