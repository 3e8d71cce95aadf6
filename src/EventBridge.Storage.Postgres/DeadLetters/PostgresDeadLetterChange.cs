using Dapper;
using EventBridge.DeadLetters.Storage;
using Npgsql;

namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// One support action as one transaction. The letter is read <c>FOR UPDATE</c>: a second action on it (another replica,
/// another operator) waits for this one to commit and then reads the letter as this one left it.
/// </summary>
internal sealed class PostgresDeadLetterChange(NpgsqlConnection connection, NpgsqlTransaction transaction) : IDeadLetterChange
{
    public async Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {PostgresDeadLetterColumns.Letter} FROM dead_letters WHERE id = @id FOR UPDATE;", new { id }, transaction,
            cancellationToken: cancellationToken));
        return row?.ToLetter();
    }

    public async Task<bool> ResolveAsync(long id, DeadLetterStatus to, Guid? retriedAsIntentId, DateTimeOffset at, string actor,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dead_letters
            SET status = @Status, retried_as_intent_id = @RetriedAs, resolved_at = @At, resolved_by = @Actor
            WHERE id = @Id AND status = 'Open';
            """,
            new { Id = id, Status = to.ToString(), RetriedAs = retriedAsIntentId, At = PostgresTime.ToUtc(at), Actor = PostgresText.Storable(actor) },
            transaction, cancellationToken: cancellationToken)) == 1;

    // The resolution goes with the archive: an Open letter has none, and the retention purge counts from it.
    public async Task<bool> RestoreAsync(long id, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dead_letters
            SET status = 'Open', retried_as_intent_id = NULL, resolved_at = NULL, resolved_by = NULL
            WHERE id = @Id AND status = 'Archived';
            """,
            new { Id = id }, transaction, cancellationToken: cancellationToken)) == 1;

    public async Task<long> AuditAsync(DateTimeOffset at, string actor, string action, long? deadLetterId, string target, string? beforeJson,
        string? afterJson, string? comment, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO audit_entries (at, actor, action, dead_letter_id, target, before_json, after_json, comment)
            VALUES (@At, @Actor, @Action, @DeadLetterId, @Target, @BeforeJson, @AfterJson, @Comment)
            RETURNING id;
            """,
            new
            {
                At = PostgresTime.ToUtc(at),
                Actor = PostgresText.Storable(actor),
                Action = action,
                DeadLetterId = deadLetterId,
                Target = PostgresText.Storable(target),
                BeforeJson = beforeJson,
                AfterJson = afterJson,
                Comment = PostgresText.Storable(comment),
            },
            transaction, cancellationToken: cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
