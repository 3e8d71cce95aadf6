using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Fills the index with the store's open intents, in pages of slim rows (what the index keeps), never as whole
/// <see cref="StoredIntent"/>s all at once: the open set may be 100,000 intents, so the peak is the index plus one page.
/// At start-up, and when a replica becomes the listener (its index was not kept while it stood by).
/// </summary>
public sealed class OpenIntentReload(IIntentStore store, PendingIntentIndex index)
{
    /// <summary>Rows per read; a page is garbage once its rows are in the index.</summary>
    internal int PageSize { get; init; } = 1_000;

    /// <summary>Replaces the index's content with the open intents; returns how many.</summary>
    public async Task<int> ReloadAsync(CancellationToken cancellationToken)
    {
        index.Clear();
        var reloaded = 0;
        var position = 0L;
        while (true)
        {
            var page = await store.GetOpenIndexPageAsync(position, PageSize, cancellationToken);
            foreach (var intent in page) index.Add(intent);
            reloaded += page.Count;
            if (page.Count < PageSize) return reloaded;
            position = page[^1].Position;
        }
    }
}
