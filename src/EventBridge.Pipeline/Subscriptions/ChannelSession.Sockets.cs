using EventBridge.Genesys.Notifications;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>Moving a live channel to a new socket: after socket_closing, and when recovery reconnects a dropped one.</summary>
internal sealed partial class ChannelSession
{
    /// <summary>
    /// How long a socket that was succeeded keeps delivering while the server closes it. Genesys kicks the older of two
    /// sockets on a channel, and frames it sent before that are still on the wire; the simulator closes it at once.
    /// </summary>
    private static readonly TimeSpan HandOverGrace = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _moving = new(1, 1);

    /// <summary>
    /// The live socket while a move connects its successor. Genesys allows one socket per channel and kicks the older
    /// when the new one connects, so this socket's close can arrive before the move has made the new one live: that
    /// close is the move's doing, not a gap. If the new socket fails, the move's caller handles the old one's state.
    /// </summary>
    private NotificationSocket? _succeeding;

    private bool IsBeingSucceeded(NotificationSocket socket) => ReferenceEquals(socket, Volatile.Read(ref _succeeding));

    /// <summary>
    /// Connects a new socket to the same channel (subscriptions live on the channel), makes it the live one, then
    /// retires the old. Throws when the new socket cannot connect; the old one, if still open, stays live.
    /// </summary>
    private async Task MoveToNewSocketAsync(string reason, CancellationToken cancellationToken)
    {
        await _moving.WaitAsync(cancellationToken);
        try
        {
            if (_channel?.ConnectUri is not { } connectUri) return;
            var fresh = NewSocket(connectUri);
            var subscriptions = Observe(fresh);
            Volatile.Write(ref _succeeding, _socket);
            try
            {
                await fresh.ConnectAsync(cancellationToken);
            }
            catch
            {
                Volatile.Write(ref _succeeding, null);
                await DropSocketAsync(fresh, subscriptions);
                throw;
            }

            var previous = (_socket, _socketSubscriptions);
            (_socket, _socketSubscriptions) = (fresh, subscriptions);
            Volatile.Write(ref _succeeding, null);
            var count = Interlocked.Increment(ref _reconnects);
            _logger.LogInformation("Notification socket of slot {Slot} moved to a new socket ({Reason}), reconnect #{Count}", slot, reason, count);
            if (previous._socket is { } old)
                Retire(old, previous._socketSubscriptions);
        }
        finally
        {
            _moving.Release();
        }
    }

    /// <summary>
    /// socket_closing: the socket still works for about a minute, so move now and lose nothing. If the new socket
    /// fails, the old one stays; when Genesys then closes it, its drop starts the recovery loop with backoff.
    /// </summary>
    private async Task MoveAfterSocketClosingAsync()
    {
        try
        {
            await MoveToNewSocketAsync("socket_closing", stopping);
        }
        catch (Exception failed) when (failed is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            _lastProblem = failed.Message;
            _logger.LogWarning("A new socket after socket_closing on slot {Slot} failed: {Error}; keeping the old one until it closes", slot, failed.Message);
            if (_socket?.IsConnected != true) RequestRecovery("socket_closing, and the new socket failed", replaceChannel: false);
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    /// <summary>Not awaited: the retiring socket keeps delivering for <see cref="HandOverGrace"/> beside the new one.</summary>
    private static void Retire(NotificationSocket old, List<IDisposable> subscriptions) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await old.RetireAsync(HandOverGrace);
            }
            catch (Exception)
            {
                // A socket that is already gone may fail to close; it is being thrown away either way.
            }
            finally
            {
                foreach (var subscription in subscriptions) subscription.Dispose();
            }
        });
}
