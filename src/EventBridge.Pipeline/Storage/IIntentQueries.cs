namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Read-only questions operators ask of the intent store (lists, counts, per-minute outcomes). Kept apart from
/// <see cref="IIntentStore"/>, whose every method is part of the apply path: a slow dashboard query never sits in it.
/// </summary>
public interface IIntentQueries
{
    Task<IntentPage> ListAsync(IntentQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Intents whose id, conversation id, participant id (asked for or applied to), or code (as asked, its id or its name)
    /// is exactly <paramref name="term"/>; newest first, at most <paramref name="limit"/>. What support types into the
    /// search box: "customer says conversation 9f3c… has no disposition".
    /// </summary>
    Task<IReadOnlyList<StoredIntent>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default);

    Task<IntentStatistics> GetStatisticsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="cursor"/> is a 'next' cursor this store hands out (the API refuses others with 400).</summary>
    bool IsCursor(string cursor);
}
