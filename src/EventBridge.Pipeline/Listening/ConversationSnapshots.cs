using System.Collections.Concurrent;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Reconciling;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// The latest whole-conversation snapshot seen per conversation, from the subscribed queue and user topics and from
/// REST reads. Genesys's topic bodies carry everything a wrap-up needs (agent, queue, communication id, ACW state and
/// timeout, the applied code), so a fresh snapshot replaces a GET at intake, before the wrap-up call and to confirm it:
/// at 300 requests a minute, every read saved is a wrap-up that lands inside its ACW window.
/// </summary>
/// <remarks>
/// Fresh means: seen within <see cref="WrapUpPipelineOptions.SnapshotMaxAge"/> and after the last notification gap
/// (<see cref="ReconcileSignal"/>) — after a gap, events may have been missed, so only a REST read makes a snapshot
/// trusted again. Events may repeat and arrive out of order: a snapshot replaces the kept one only when it shows at
/// least as much progress (participants, disconnects, ACW started, ACW ended), which never goes backwards in a
/// conversation's life. A mistake from a stale snapshot is harmless by construction: only an apply acts on it, and
/// Genesys refusing the call sends the intent to a REST re-read. Bounded by <see cref="WrapUpPipelineOptions.SnapshotCapacity"/>:
/// past it the oldest entries go (an entry is about 4.2 KB, measured by the bench: docs/PERFORMANCE.only-economy.md).
/// </remarks>
public sealed class ConversationSnapshots(ReconcileSignal gaps, IOptions<WrapUpPipelineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<Waiter>> _waiters = new(StringComparer.Ordinal);
    private int _trimming;

    // Kept by hand: ConcurrentDictionary.Count takes every lock of the table, too dear on every event.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Keeps <paramref name="conversation"/> unless a snapshot with more progress is already kept; wakes waiters.</summary>
    public void Record(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Id is not { } id) return;
        var entry = new Entry(conversation, Progress(conversation), time.GetUtcNow(), gaps.Count);
        var kept = Keep(id, entry);
        if (_waiters.TryGetValue(id, out var waiting)) Wake(waiting, kept.Conversation);
    }

    private Entry Keep(string id, Entry entry)
    {
        while (true)
        {
            if (_latest.TryGetValue(id, out var old))
            {
                if (entry.Progress < old.Progress) return old;
                if (_latest.TryUpdate(id, entry, old)) return entry;
            }
            else if (_latest.TryAdd(id, entry))
            {
                if (Interlocked.Increment(ref _count) > options.Value.SnapshotCapacity) Trim();
                return entry;
            }
        }
    }

    /// <summary>
    /// Whichever of <paramref name="seen"/> and the kept snapshot of its conversation shows more progress: a late event
    /// that arrives after a later one must not make an agent look as if still waiting for a code.
    /// </summary>
    public Conversation Latest(Conversation seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return seen.Id is { } id && _latest.TryGetValue(id, out var kept) && kept.Progress > Progress(seen) ? kept.Conversation : seen;
    }

    /// <summary>The kept snapshot, fresh or not: for what does not change in a conversation's life (an agent's ACW timeout).</summary>
    public Conversation? LastSeen(string conversationId) => _latest.TryGetValue(conversationId, out var entry) ? entry.Conversation : null;

    /// <summary>The kept snapshot when it is fresh; null when there is none, it is too old, or a gap came after it.</summary>
    public Conversation? TryGetFresh(string conversationId)
    {
        if (!_latest.TryGetValue(conversationId, out var entry)) return null;
        return entry.Gap == gaps.Count && time.GetUtcNow() - entry.SeenAt <= options.Value.SnapshotMaxAge ? entry.Conversation : null;
    }

    /// <summary>
    /// The first snapshot of the conversation (the kept one included, fresh or not) for which <paramref name="shows"/>
    /// is true, or null when none comes within <paramref name="timeout"/>. For states that never revert (a wrap-up code
    /// on the participant, ACW ended): a snapshot that shows one stays true after a gap, so freshness does not matter.
    /// </summary>
    public async Task<Conversation?> WaitForAsync(string conversationId, Func<Conversation, bool> shows, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var waiter = new Waiter(shows);
        var list = _waiters.GetOrAdd(conversationId, _ => []);
        lock (list) list.Add(waiter);
        try
        {
            // Checked after registering, so a snapshot recorded in between is not missed.
            if (_latest.TryGetValue(conversationId, out var kept) && shows(kept.Conversation)) return kept.Conversation;
            return await waiter.Shown.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (list)
            {
                list.Remove(waiter);
                if (list.Count == 0) _waiters.TryRemove(new KeyValuePair<string, List<Waiter>>(conversationId, list));
            }
        }
    }

    private static void Wake(List<Waiter> waiting, Conversation conversation)
    {
        Waiter[] copy;
        lock (waiting) copy = [.. waiting];
        foreach (var waiter in copy)
            if (waiter.Shows(conversation)) waiter.Shown.TrySetResult(conversation);
    }

    /// <summary>Drops entries past their age, then the oldest, until a tenth below capacity (one trim at a time).</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1) return;
        try
        {
            var capacity = options.Value.SnapshotCapacity;
            var tooOld = time.GetUtcNow() - options.Value.SnapshotMaxAge;
            foreach (var (id, entry) in _latest)
                if (entry.SeenAt < tooOld) Remove(id, entry);
            var excess = Count - capacity * 9 / 10;
            if (excess <= 0) return;
            foreach (var (id, entry) in _latest.OrderBy(e => e.Value.SeenAt).Take(excess))
                Remove(id, entry);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void Remove(string id, Entry entry)
    {
        if (_latest.TryRemove(new KeyValuePair<string, Entry>(id, entry))) Interlocked.Decrement(ref _count);
    }

    /// <summary>How far the conversation has come; never smaller for a later snapshot of the same conversation.</summary>
    internal static int Progress(Conversation conversation)
    {
        var progress = 0;
        foreach (var p in conversation.Participants ?? [])
        {
            progress += 1;
            var communication = p.Messages is { Count: > 0 } messages ? messages[^1] : null;
            if (string.Equals(communication?.State, "disconnected", StringComparison.OrdinalIgnoreCase) || p.EndTime is not null) progress += 1;
            if (p.StartAcwTime is not null || communication?.AfterCallWork?.StartTime is not null) progress += 1;
            if (p.EndAcwTime is not null || p.Wrapup?.Code is not null || communication?.Wrapup?.Code is not null
                || communication?.AfterCallWork?.EndTime is not null) progress += 1;
        }

        return progress;
    }

    private sealed record Entry(Conversation Conversation, int Progress, DateTimeOffset SeenAt, long Gap);

    private sealed class Waiter(Func<Conversation, bool> shows)
    {
        public Func<Conversation, bool> Shows { get; } = shows;

        public TaskCompletionSource<Conversation> Shown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
