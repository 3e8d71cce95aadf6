using Dapper;
using Microsoft.Data.Sqlite;

namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// One support action as one IMMEDIATE transaction: the letter is read under the write lock, its state changes and
/// the audit row is written together, or neither is.
/// </summary>
internal sealed class SqliteDeadLetterChange(SqliteConnection connection, SqliteTransaction transaction) : IDeadLetterChange
{
    public async Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {DeadLetterRow.Columns} FROM dead_letters WHERE id = @id;", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToLetter();
    }

    /// <summary>Open → <paramref name="to"/>; false when the letter is not Open any more.</summary>
    public async Task<bool> ResolveAsync(long id, DeadLetterStatus to, Guid? retriedAsIntentId, DateTimeOffset at, string actor,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dead_letters
            SET status = @Status, retried_as_intent_id = @RetriedAs, resolved_at = @At, resolved_by = @Actor
            WHERE id = @Id AND status = 'Open';
            """,
            new
            {
                Id = id,
                Status = to.ToString(),
                RetriedAs = retriedAsIntentId is { } intentId ? DeadLetterTime.IdText(intentId) : null,
                At = DeadLetterTime.ToText(at),
                Actor = actor,
            },
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
            new { At = DeadLetterTime.ToText(at), Actor = actor, Action = action, DeadLetterId = deadLetterId, Target = target, BeforeJson = beforeJson, AfterJson = afterJson, Comment = comment },
            transaction, cancellationToken: cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
