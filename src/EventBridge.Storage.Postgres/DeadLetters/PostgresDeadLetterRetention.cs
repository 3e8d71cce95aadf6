using System.Data.Common;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// Retention of the dead letters in PostgreSQL: resolved (retried or discarded) letters by when support resolved them,
/// audit entries by their own, longer age. Batches skip rows another replica's batch holds.
/// </summary>
public sealed class PostgresDeadLetterRetention(PostgresDatabase database) : SqlRecordPurge("dead letters", new Dictionary<RetainedRecords, string>
{
    [RetainedRecords.ResolvedDeadLetters] = """
        DELETE FROM dead_letters WHERE id IN (
            SELECT id FROM dead_letters WHERE status IN ('Retried', 'Archived') AND resolved_at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
        """,
    [RetainedRecords.AuditEntries] = """
        DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
        """,
})
{
    public override Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        PostgresTableSizes.MeasureAsync(database, Store, ["dead_letters", "audit_entries"], cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override object Instant(DateTimeOffset value) => PostgresTime.ToUtc(value);
}
