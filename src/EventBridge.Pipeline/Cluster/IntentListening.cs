using System.Text.Json;
using EventBridge.Genesys.Models;
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
    ListenerRole role,
    ChannelPool channels,
    PendingIntentIndex index,
    ConversationSnapshots snapshots,
    IOptions<ListenerOptions> options,
    TimeProvider time,
    IListenerInbox? inbox = null)
{
    // A database read each, so the pause doubles from the first to the last: an answer usually comes within the
    // holder's debounce window (100 ms), while a take-over may keep forty intakes waiting for seconds.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The listener's fresh snapshot of the intent's conversation, or null when it has none (then intake reads it over
    /// REST). Here when this process listens; a stand-by asks the holder (one round trip through the store, no Genesys call).
    /// </summary>
    /// <exception cref="ListenerUnavailableException">No holder answered within <see cref="ListenerOptions.HandOverTimeout"/>.</exception>
    public async Task<Conversation?> FreshSnapshotAsync(StoredIntent intent, CancellationToken cancellationToken)
    {
        if (!lease.IsShared || role.Status.Listens) return snapshots.TryGetFresh(intent.ConversationId);
        var answer = await HandOverAsync(intent, topics: null, cancellationToken);
        return answer.Snapshot is { } json ? JsonSerializer.Deserialize(json, GenesysJsonContext.Default.Conversation) : null;
    }

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

        await HandOverAsync(intent, topics, cancellationToken);
    }

    /// <param name="topics">Null: only the holder's snapshot, the intent not handed over yet.</param>
    private async Task<ListenerAnswer> HandOverAsync(StoredIntent intent, IReadOnlyList<string>? topics, CancellationToken cancellationToken)
    {
        var requests = inbox ?? throw new InvalidOperationException("A shared listener lease needs a listener inbox on the same store.");
        await requests.RequestAsync(intent.IntentId, intent.ConversationId, topics, cancellationToken);
        var giveUpAt = time.GetUtcNow() + options.Value.HandOverTimeout;
        for (var pause = FirstPoll; ; pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks)))
        {
            if (await requests.HandledAsync(intent.IntentId, cancellationToken) is { } answer) return answer;
            if (time.GetUtcNow() >= giveUpAt) throw new ListenerUnavailableException(intent.IntentId, options.Value.HandOverTimeout);
            await Task.Delay(pause, time, cancellationToken);
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
