using Dapper;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// Retention of the dead letters in PostgreSQL: resolved (retried or discarded) letters by when support resolved them,
/// audit entries by their own, longer age. Batches skip rows another replica's batch holds.
/// </summary>
public sealed class PostgresDeadLetterRetention(PostgresDatabase database) : IRecordPurge
{
    public string Store => "dead letters";

    public IReadOnlyList<RetainedRecords> Records { get; } = [RetainedRecords.ResolvedDeadLetters, RetainedRecords.AuditEntries];

    public async Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken)
    {
        var sql = records switch
        {
            RetainedRecords.ResolvedDeadLetters => """
                DELETE FROM dead_letters WHERE id IN (
                    SELECT id FROM dead_letters WHERE status IN ('Retried', 'Archived') AND resolved_at < @Before
                    LIMIT @Limit FOR UPDATE SKIP LOCKED);
                """,
            RetainedRecords.AuditEntries => """
                DELETE FROM audit_entries WHERE id IN (
                    SELECT id FROM audit_entries WHERE at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(records), records, "The dead-letter store keeps no such records."),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = PostgresTime.ToUtc(olderThan), Limit = limit },
            cancellationToken: cancellationToken));
    }

    public Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        PostgresTableSizes.MeasureAsync(database, Store, ["dead_letters", "audit_entries"], cancellationToken);
}
