using System.Data.Common;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Retention of the SQLite intent store: finished intents by their last change, attempts by when they were made, each a
/// batch per statement (one short write lock).
/// </summary>
public sealed class SqliteIntentRetention(SqliteIntentStore store) : SqlRecordPurge("intents", new Dictionary<RetainedRecords, string>
{
    [RetainedRecords.FinishedIntents] = """
        DELETE FROM intents WHERE rowid IN (
            SELECT rowid FROM intents WHERE status IN ('Applied', 'Failed') AND updated_at < @Before LIMIT @Limit);
        """,
    [RetainedRecords.Attempts] = """
        DELETE FROM intent_attempts WHERE attempt_id IN (SELECT attempt_id FROM intent_attempts WHERE at < @Before LIMIT @Limit);
        """,
})
{
    public override Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        SqliteStoreSize.MeasureAsync(store.Database, Store, ["intents", "intent_attempts"], cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await store.Database.OpenExistingAsync(cancellationToken);

    protected override object Instant(DateTimeOffset value) => SqliteTime.ToText(value);
}
