using System.Collections.Concurrent;
using System.Diagnostics;

namespace EventBridge.Pipeline.Observability;

/// <summary>
/// The trace context of each open intent's intake, so its settle (started by an event, minutes later) joins the same
/// trace. Kept in memory only, bounded: at most <see cref="Capacity"/> intents (about 100 bytes each, so about 1 MB),
/// the oldest dropped first; an intent whose context is gone (dropped, or taken in before a restart or by another
/// replica) settles in a trace of its own. Forgotten when the intent is final.
/// </summary>
public sealed class IntakeTraces
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, ActivityContext> _byIntent = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public void Remember(Guid intentId, ActivityContext context)
    {
        if (context == default) return;
        if (_byIntent.TryAdd(intentId, context)) _order.Enqueue(intentId);
        else _byIntent[intentId] = context;
        // Oldest first. The queue also holds ids forgotten since; trimming it past twice the capacity drops whatever is
        // oldest, so neither grows without bound.
        while ((_byIntent.Count > Capacity || _order.Count > 2 * Capacity) && _order.TryDequeue(out var oldest))
            _byIntent.TryRemove(oldest, out _);
    }

    public ActivityContext? Find(Guid intentId) => _byIntent.TryGetValue(intentId, out var context) ? context : null;

    public void Forget(Guid intentId) => _byIntent.TryRemove(intentId, out _);
}
