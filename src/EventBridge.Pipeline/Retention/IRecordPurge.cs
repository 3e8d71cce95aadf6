namespace EventBridge.Pipeline.Retention;

/// <summary>
/// One store's side of retention: deletes its old records a batch at a time and says how big it is. Each engine's store
/// has one (SQLite, PostgreSQL); <see cref="RetentionSweeper"/> drives them all.
/// </summary>
public interface IRecordPurge
{
    /// <summary>The store's name as the dashboard shows it: "intents", "dead letters".</summary>
    string Store { get; }

    /// <summary>The kinds of record this store keeps.</summary>
    IReadOnlyList<RetainedRecords> Records { get; }

    /// <summary>
    /// Deletes at most <paramref name="limit"/> records of one kind older than <paramref name="olderThan"/> (finished or
    /// resolved ones only) in one short transaction; returns how many. Fewer than the limit: none are left.
    /// </summary>
    Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken);

    Task<StoreSize> MeasureAsync(CancellationToken cancellationToken);
}

/// <summary>A store's size on disk (null when the engine cannot tell it apart from its neighbours) and its rows by table.</summary>
public sealed record StoreSize(string Store, long? Bytes, IReadOnlyDictionary<string, long> Rows);
