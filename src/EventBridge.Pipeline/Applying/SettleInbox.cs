using System.Collections.Concurrent;
using System.Threading.Channels;
using EventBridge.Genesys.Http;
using Conversation = EventBridge.Genesys.Models.Conversation;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>One in-process settle to run: the intent and the snapshot that showed its agent in ACW.</summary>
public sealed record SettleWork(Guid IntentId, string ConversationId, Conversation Snapshot, string Trigger);

/// <summary>
/// Where the event router and the intake hand an intent to the <see cref="InProcessSettler"/>: one run per intent at a
/// time, at most <see cref="WrapUpPipelineOptions.InProcessSettleLimit"/> at once. The inbox holds no settler, so the
/// router (which the channel pool feeds) and the settler (which asks the channel pool whether events flow) do not
/// depend on each other. Each run counts as an imminent wrap-up (<see cref="ImminentWrapUps"/>) until it ends, so the
/// request budget keeps its token from disconnects and reads.
/// </summary>
public sealed class SettleInbox(IOptions<WrapUpPipelineOptions> options, ImminentWrapUps imminent)
{
    private readonly Channel<SettleWork> _work = System.Threading.Channels.Channel.CreateUnbounded<SettleWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, IDisposable?> _running = new();
    private int _count;

    internal ChannelReader<SettleWork> Reader => _work.Reader;

    /// <summary>False when too many run already (the caller sends a settle command instead).</summary>
    public bool TryStart(Guid intentId, string conversationId, Conversation snapshot, string trigger)
    {
        // One run per intent: a run in progress waits for the next snapshots itself (its confirmation does).
        if (!_running.TryAdd(intentId, null)) return true;
        if (Interlocked.Increment(ref _count) > options.Value.InProcessSettleLimit)
        {
            Done(intentId);
            return false;
        }

        _running[intentId] = imminent.Expect();
        // Unbounded and never completed: the write always succeeds; the limit above is the bound.
        _ = _work.Writer.TryWrite(new SettleWork(intentId, conversationId, snapshot, trigger));
        return true;
    }

    internal void Done(Guid intentId)
    {
        if (_running.TryRemove(intentId, out var expected)) expected?.Dispose();
        Interlocked.Decrement(ref _count);
    }
}
