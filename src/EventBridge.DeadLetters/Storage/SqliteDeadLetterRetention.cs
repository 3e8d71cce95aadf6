using Dapper;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// Retention of the SQLite dead-letter file: resolved (retried or discarded) letters by when support resolved them,
/// audit entries by their own, longer age; a batch per statement. Size: the file's pages plus its write-ahead log.
/// </summary>
public sealed class SqliteDeadLetterRetention(SqliteDeadLetterStore store) : IRecordPurge
{
    public string Store => "dead letters";

    public IReadOnlyList<RetainedRecords> Records { get; } = [RetainedRecords.ResolvedDeadLetters, RetainedRecords.AuditEntries];

    public async Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken)
    {
        var sql = records switch
        {
            RetainedRecords.ResolvedDeadLetters => """
                DELETE FROM dead_letters WHERE id IN (
                    SELECT id FROM dead_letters WHERE status IN ('Retried', 'Archived') AND resolved_at < @Before LIMIT @Limit);
                """,
            RetainedRecords.AuditEntries => """
                DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE at < @Before LIMIT @Limit);
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(records), records, "The dead-letter store keeps no such records."),
        };
        await using var connection = await store.Database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = DeadLetterTime.ToText(olderThan), Limit = limit },
            cancellationToken: cancellationToken));
    }

    public async Task<StoreSize> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.Database.OpenAsync(cancellationToken);
        var rows = await connection.QuerySingleAsync<(long Letters, long Audit, long Bytes)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM dead_letters), (SELECT COUNT(*) FROM audit_entries),
                   (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size());
            """, cancellationToken: cancellationToken));
        return new StoreSize(Store, rows.Bytes + store.Database.WriteAheadLogBytes,
            new Dictionary<string, long> { ["dead_letters"] = rows.Letters, ["audit_entries"] = rows.Audit });
    }
}
