using System.Data.Common;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// Retention of the PostgreSQL intent store. Every replica purges: a batch locks its rows and skips those another
/// replica's batch holds, so two passes never wait on each other.
/// </summary>
public sealed class PostgresIntentRetention(PostgresDatabase database) : SqlRecordPurge("intents", new Dictionary<RetainedRecords, string>
{
    [RetainedRecords.FinishedIntents] = """
        DELETE FROM intents WHERE intent_id IN (
            SELECT intent_id FROM intents WHERE status IN ('Applied', 'Failed') AND updated_at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
        """,
    [RetainedRecords.Attempts] = """
        DELETE FROM intent_attempts WHERE attempt_id IN (
            SELECT attempt_id FROM intent_attempts WHERE at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
        """,
})
{
    public override Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        PostgresTableSizes.MeasureAsync(database, Store, ["intents", "intent_attempts"], cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override object Instant(DateTimeOffset value) => PostgresTime.ToUtc(value);
}
