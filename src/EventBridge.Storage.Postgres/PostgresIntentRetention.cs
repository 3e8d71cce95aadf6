using Dapper;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// Retention of the PostgreSQL intent store. Every replica purges: a batch locks its rows and skips those another
/// replica's batch holds, so two passes never wait on each other. Size: the tables with their indexes and TOAST.
/// </summary>
public sealed class PostgresIntentRetention(PostgresDatabase database) : IRecordPurge
{
    public string Store => "intents";

    public IReadOnlyList<RetainedRecords> Records { get; } = [RetainedRecords.FinishedIntents, RetainedRecords.Attempts];

    public async Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken)
    {
        var sql = records switch
        {
            RetainedRecords.FinishedIntents => """
                DELETE FROM intents WHERE intent_id IN (
                    SELECT intent_id FROM intents WHERE status IN ('Applied', 'Failed') AND updated_at < @Before
                    LIMIT @Limit FOR UPDATE SKIP LOCKED);
                """,
            RetainedRecords.Attempts => """
                DELETE FROM intent_attempts WHERE attempt_id IN (
                    SELECT attempt_id FROM intent_attempts WHERE at < @Before LIMIT @Limit FOR UPDATE SKIP LOCKED);
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(records), records, "The intent store keeps no such records."),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = PostgresTime.ToUtc(olderThan), Limit = limit },
            cancellationToken: cancellationToken));
    }

    public Task<StoreSize> MeasureAsync(CancellationToken cancellationToken) =>
        PostgresTableSizes.MeasureAsync(database, Store, ["intents", "intent_attempts"], cancellationToken);
}
