using System.Collections.Concurrent;
using System.Collections.Immutable;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Open intents by conversation id, so each notification is matched in O(1) no matter how many intents wait.
/// The store is the truth; this is rebuilt from it at start-up.
/// </summary>
/// <remarks>
/// Every open intent lives here (100,000 waiting intents are normal), so an entry keeps only what matching needs
/// (<see cref="Matching.WrapUpEvaluator"/>: intent id, target participant or user, resolved code) — about 130 bytes
/// instead of a whole <see cref="StoredIntent"/> and its strings. Genesys conversation ids are GUIDs, kept as 16-byte
/// keys (other ids as text). <see cref="For"/> and <see cref="All"/> hand out intents rebuilt from an entry: notes,
/// caller, deadline and history are not in them; the settle step reads the whole intent from the store anyway.
/// </remarks>
public sealed class PendingIntentIndex
{
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Entry>> _byGuid = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<Entry>> _byText = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);

    public int ConversationCount => _byGuid.Count + _byText.Count;

    public int IntentCount => _byGuid.Sum(e => e.Value.Length) + _byText.Sum(e => e.Value.Length);

    public void Add(StoredIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        Add(intent.ConversationId, new Entry(intent.IntentId, Shared(intent.CodeId), Shared(intent.CodeName), intent.ParticipantId, intent.UserId));
    }

    /// <summary>An open intent as the store lists it for the start-up reload (<see cref="IIntentStore.GetOpenIndexPageAsync"/>).</summary>
    public void Add(OpenIntentIndexEntry intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        Add(intent.ConversationId, new Entry(intent.IntentId, Shared(intent.CodeId), Shared(intent.CodeName), intent.ParticipantId, intent.UserId));
    }

    /// <summary>Forgets every intent (before a reload from the store).</summary>
    public void Clear()
    {
        _byGuid.Clear();
        _byText.Clear();
    }

    public void Remove(string conversationId, Guid intentId)
    {
        if (AsKey(conversationId) is { } key) Remove(_byGuid, key, intentId);
        else Remove(_byText, conversationId, intentId);
    }

    public ImmutableArray<StoredIntent> For(string conversationId)
    {
        var found = AsKey(conversationId) is { } key ? _byGuid.TryGetValue(key, out var entries) : _byText.TryGetValue(conversationId, out entries);
        if (!found) return [];
        var intents = ImmutableArray.CreateBuilder<StoredIntent>(entries.Length);
        foreach (var entry in entries) intents.Add(entry.ToIntent(conversationId));
        return intents.MoveToImmutable();
    }

    public IEnumerable<StoredIntent> All() =>
        _byGuid.SelectMany(e => e.Value.Select(entry => entry.ToIntent(e.Key.ToString("D"))))
            .Concat(_byText.SelectMany(e => e.Value.Select(entry => entry.ToIntent(e.Key))));

    private void Add(string conversationId, Entry entry)
    {
        if (AsKey(conversationId) is { } key)
            _byGuid.AddOrUpdate(key, [entry], (_, existing) => existing.RemoveAll(e => e.IntentId == entry.IntentId).Add(entry));
        else
            _byText.AddOrUpdate(conversationId, [entry], (_, existing) => existing.RemoveAll(e => e.IntentId == entry.IntentId).Add(entry));
    }

    private static void Remove<TKey>(ConcurrentDictionary<TKey, ImmutableArray<Entry>> map, TKey key, Guid intentId) where TKey : notnull
    {
        while (map.TryGetValue(key, out var existing))
        {
            var updated = existing.RemoveAll(e => e.IntentId == intentId);
            if (updated.Length == existing.Length) return;
            var done = updated.IsEmpty
                ? map.TryRemove(new KeyValuePair<TKey, ImmutableArray<Entry>>(key, existing))
                : map.TryUpdate(key, updated, existing);
            if (done) return;
        }
    }

    /// <summary>The GUID when the id is one in Genesys's own spelling (lower-case, hyphens), so it prints back the same.</summary>
    private static Guid? AsKey(string conversationId)
    {
        if (conversationId.Length != 36 || !Guid.TryParseExact(conversationId, "D", out var key)) return null;
        Span<char> canonical = stackalloc char[36];
        return key.TryFormat(canonical, out _, "D") && canonical.SequenceEqual(conversationId) ? key : null;
    }

    // Resolved codes come from the org's catalogue: bounded by it, not by the number of intents.
    private string? Shared(string? code) => code is null || code.Length > 64 ? code : _codes.GetOrAdd(code, code);

    private readonly record struct Entry(Guid IntentId, string? CodeId, string? CodeName, string? ParticipantId, string? UserId)
    {
        public StoredIntent ToIntent(string conversationId) => new()
        {
            IntentId = IntentId,
            ConversationId = conversationId,
            RequestedCode = CodeName ?? CodeId ?? "",
            CodeId = CodeId,
            CodeName = CodeName,
            ParticipantId = ParticipantId,
            UserId = UserId,
            Status = IntentStatus.Pending,
        };
    }
}
