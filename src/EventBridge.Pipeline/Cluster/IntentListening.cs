using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// Intake's one question to the listener: "cover this intent" — its topics subscribed and the intent indexed, so the
/// event its agent's ACW causes settles it. Alone on its store, the worker does both itself; in a cluster the request
/// goes through the store to the lease holder, and this returns once the holder marked it handled.
/// </summary>
public sealed class IntentListening(
    IListenerLease lease,
    ChannelPool channels,
    PendingIntentIndex index,
    IOptions<ListenerOptions> options,
    TimeProvider time,
    IListenerInbox? inbox = null)
{
    // A database read each: cheap next to the holder's own debounce window (100 ms) and a Genesys subscription call.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns when the intent is covered (or its topics were refused: reconciliation covers it then).</summary>
    /// <exception cref="ListenerUnavailableException">No holder handled it within <see cref="ListenerOptions.HandOverTimeout"/>.</exception>
    public async Task ListenAsync(StoredIntent intent, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        if (!lease.IsShared)
        {
            await channels.EnsureAsync(topics, cancellationToken);
            index.Add(intent);
            return;
        }

        var requests = inbox ?? throw new InvalidOperationException("A shared listener lease needs a listener inbox on the same store.");
        await requests.RequestAsync(intent.IntentId, topics, cancellationToken);
        var giveUpAt = time.GetUtcNow() + options.Value.HandOverTimeout;
        while (await requests.HandledAsync(intent.IntentId, cancellationToken) is null)
        {
            if (time.GetUtcNow() >= giveUpAt) throw new ListenerUnavailableException(intent.IntentId, options.Value.HandOverTimeout);
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}

/// <summary>
/// No replica listened for an intent in time (no lease holder: it died and nobody took over yet). Transient: the
/// intake message is retried, and nothing was disconnected, so "subscribed before disconnect" still holds.
/// </summary>
public sealed class ListenerUnavailableException(Guid intentId, TimeSpan waited)
    : Exception($"No listener took intent {intentId} within {waited.TotalSeconds:0} s (no replica holds the listener lease); the intake is retried.")
{
    public Guid IntentId { get; } = intentId;
}
