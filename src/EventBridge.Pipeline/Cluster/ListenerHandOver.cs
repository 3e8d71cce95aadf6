using System.Text.Json;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;

namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// The holder's side of <see cref="IntentListening"/>: takes the requests intake left on any replica, subscribes their
/// topics (one bulk call per channel for all requests read together), indexes the intents, lets a snapshot that came
/// first settle them, and marks the requests handled with its epoch and its fresh snapshot of the conversation. Requests of finished intents are pruned (and
/// dropped from the index: another replica may have settled them).
/// </summary>
public sealed class ListenerHandOver(
    IIntentStore store,
    PendingIntentIndex index,
    ChannelPool channels,
    ConversationEventRouter router,
    ConversationSnapshots snapshots,
    TimeProvider time,
    ILogger<ListenerHandOver> logger,
    IListenerInbox? inbox = null)
{
    private const int BatchSize = 500;

    // A notification wakes the loop at once; without one, this is the catch-up read's pace.
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);

    /// <summary>Runs while this replica holds the lease of <paramref name="epoch"/>.</summary>
    public async Task RunAsync(long epoch, CancellationToken cancellationToken)
    {
        var requests = inbox ?? throw new InvalidOperationException("A shared listener lease needs a listener inbox on the same store.");
        var pruneAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= pruneAt)
                {
                    foreach (var finished in await requests.PruneFinishedAsync(cancellationToken)) index.Remove(finished.ConversationId, finished.IntentId);
                    pruneAt = time.GetUtcNow() + PruneInterval;
                }

                var pending = await requests.PendingAsync(epoch, BatchSize, cancellationToken);
                if (pending.Count > 0) await HandleAsync(requests, epoch, pending, cancellationToken);
                if (pending.Count < BatchSize) await requests.WaitForRequestsAsync(CatchUpInterval, cancellationToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                // The store or Genesys is away: intake keeps waiting (and retries); the next read picks the requests up.
                logger.LogWarning("Handing intents over to the listener failed; trying again in {Interval}: {Error}", CatchUpInterval, failed.Message);
                await Task.Delay(CatchUpInterval, time, cancellationToken);
            }
        }
    }

    private async Task HandleAsync(IListenerInbox requests, long epoch, IReadOnlyList<ListenerRequest> pending, CancellationToken cancellationToken)
    {
        // Together: the pool's debounce window merges them into one subscription call per channel.
        var covered = await Task.WhenAll(pending.Select(r => r.Topics is { } topics ? channels.EnsureAsync(topics, cancellationToken) : Task.FromResult(true)));
        var handled = new List<HandledRequest>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            // A request for the snapshot alone comes before intake examined the intent (its code may not suit the
            // agent's queue): the intent is indexed, and may be settled, only once its topics are asked for.
            if (pending[i].Topics is not null && await store.FindAsync(pending[i].IntentId, cancellationToken) is { IsFinal: false } intent)
            {
                index.Add(intent);
                await router.ReconsiderAsync(intent, cancellationToken);
            }

            handled.Add(new HandledRequest(pending[i].IntentId, covered[i], SnapshotOf(pending[i].ConversationId)));
        }

        await requests.MarkHandledAsync(epoch, handled, cancellationToken);
    }

    /// <summary>This listener's fresh snapshot of the conversation, as Genesys's JSON, for the stand-by that asked.</summary>
    private string? SnapshotOf(string? conversationId) =>
        conversationId is not null && snapshots.TryGetFresh(conversationId) is { } fresh
            ? JsonSerializer.Serialize(fresh, GenesysJsonContext.Default.Conversation)
            : null;
}
