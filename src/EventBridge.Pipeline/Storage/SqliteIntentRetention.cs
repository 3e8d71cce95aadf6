using Dapper;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Retention of the SQLite intent store: finished intents by their last change, attempts by when they were made, each a
/// batch per statement (one short write lock). Size: the file's pages plus its write-ahead log.
/// </summary>
public sealed class SqliteIntentRetention(SqliteIntentStore store) : IRecordPurge
{
    public string Store => "intents";

    public IReadOnlyList<RetainedRecords> Records { get; } = [RetainedRecords.FinishedIntents, RetainedRecords.Attempts];

    public async Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken)
    {
        var sql = records switch
        {
            RetainedRecords.FinishedIntents => """
                DELETE FROM intents WHERE rowid IN (
                    SELECT rowid FROM intents WHERE status IN ('Applied', 'Failed') AND updated_at < @Before LIMIT @Limit);
                """,
            RetainedRecords.Attempts => """
                DELETE FROM intent_attempts WHERE attempt_id IN (
                    SELECT attempt_id FROM intent_attempts WHERE at < @Before LIMIT @Limit);
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(records), records, "The intent store keeps no such records."),
        };
        await using var connection = await store.Database.OpenExistingAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = SqliteTime.ToText(olderThan), Limit = limit },
            cancellationToken: cancellationToken));
    }

    public async Task<StoreSize> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.Database.OpenExistingAsync(cancellationToken);
        var rows = await connection.QuerySingleAsync<(long Intents, long Attempts, long Bytes)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM intents), (SELECT COUNT(*) FROM intent_attempts),
                   (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size());
            """, cancellationToken: cancellationToken));
        return new StoreSize(Store, rows.Bytes + store.Database.WriteAheadLogBytes,
            new Dictionary<string, long> { ["intents"] = rows.Intents, ["intent_attempts"] = rows.Attempts });
    }
}
