using System.Collections.Concurrent;
using System.Collections.Immutable;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Open intents by conversation id, so each notification is matched in O(1) no matter how many intents wait.
/// The store is the truth; this is rebuilt from it at start-up.
/// </summary>
public sealed class PendingIntentIndex
{
    private readonly ConcurrentDictionary<string, ImmutableArray<StoredIntent>> _byConversation = new(StringComparer.Ordinal);

    public int ConversationCount => _byConversation.Count;

    public int IntentCount => _byConversation.Values.Sum(v => v.Length);

    public void Add(StoredIntent intent) =>
        _byConversation.AddOrUpdate(intent.ConversationId, [intent],
            (_, existing) => existing.RemoveAll(i => i.IntentId == intent.IntentId).Add(intent));

    public void Remove(string conversationId, Guid intentId)
    {
        while (_byConversation.TryGetValue(conversationId, out var existing))
        {
            var updated = existing.RemoveAll(i => i.IntentId == intentId);
            if (updated.Length == existing.Length) return;
            var done = updated.IsEmpty
                ? _byConversation.TryRemove(new KeyValuePair<string, ImmutableArray<StoredIntent>>(conversationId, existing))
                : _byConversation.TryUpdate(conversationId, updated, existing);
            if (done) return;
        }
    }

    public ImmutableArray<StoredIntent> For(string conversationId) =>
        _byConversation.TryGetValue(conversationId, out var intents) ? intents : [];

    public IEnumerable<StoredIntent> All() => _byConversation.Values.SelectMany(v => v);
}
