using System.Data.Common;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// Retention of the SQLite dead-letter file: resolved (retried or discarded) letters by when support resolved them,
/// audit entries by their own, longer age; a batch per statement.
/// </summary>
public sealed class SqliteDeadLetterRetention(SqliteDeadLetterStore store) : SqlRecordPurge("dead letters", new Dictionary<RetainedRecords, string>
{
    [RetainedRecords.ResolvedDeadLetters] = """
        DELETE FROM dead_letters WHERE id IN (
            SELECT id FROM dead_letters WHERE status IN ('Retried', 'Archived') AND resolved_at < @Before LIMIT @Limit);
        """,
    [RetainedRecords.AuditEntries] = """
        DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE at < @Before LIMIT @Limit);
        """,
})
{
    public override Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        SqliteStoreSize.MeasureAsync(store.Database, Store, ["dead_letters", "audit_entries"], cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await store.Database.OpenAsync(cancellationToken);

    protected override object Instant(DateTimeOffset value) => DeadLetterTime.ToText(value);
}
