using Dapper;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// <see cref="IIntentAttemptJournal"/> in the intent store's PostgreSQL database (table <c>intent_attempts</c>, created by
/// <see cref="PostgresIntentStore.InitializeAsync"/>).
/// </summary>
public sealed class PostgresIntentAttemptJournal(PostgresDatabase database) : IIntentAttemptJournal
{
    public async Task RecordAsync(IntentAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO intent_attempts (intent_id, at, action, outcome, http_status, detail, genesys_code, genesys_message, context_id)
            VALUES (@IntentId, @At, @Action, @Outcome, @HttpStatus, @Detail, @GenesysCode, @GenesysMessage, @ContextId);
            """,
            new
            {
                attempt.IntentId,
                At = PostgresTime.ToUtc(attempt.At),
                attempt.Action,
                attempt.Outcome,
                attempt.HttpStatus,
                Detail = attempt.StoredDetail,
                GenesysCode = attempt.StoredGenesysCode,
                GenesysMessage = attempt.StoredGenesysMessage,
                ContextId = attempt.StoredContextId,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<IntentAttempt>> GetAsync(Guid intentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            """
            SELECT intent_id AS IntentId, at AS At, action AS Action, outcome AS Outcome, http_status AS HttpStatus, detail AS Detail,
                genesys_code AS GenesysCode, genesys_message AS GenesysMessage, context_id AS ContextId
            FROM intent_attempts WHERE intent_id = @IntentId ORDER BY at, attempt_id;
            """,
            new { IntentId = intentId }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new IntentAttempt
        {
            IntentId = row.IntentId, At = PostgresTime.FromUtc(row.At), Action = row.Action, Outcome = row.Outcome,
            HttpStatus = row.HttpStatus, Detail = row.Detail, GenesysCode = row.GenesysCode, GenesysMessage = row.GenesysMessage, ContextId = row.ContextId,
        })];
    }

    private sealed class AttemptRow
    {
        public Guid IntentId { get; set; }
        public DateTime At { get; set; }
        public string Action { get; set; } = "";
        public string Outcome { get; set; } = "";
        public int? HttpStatus { get; set; }
        public string Detail { get; set; } = "";
        public string? GenesysCode { get; set; }
        public string? GenesysMessage { get; set; }
        public string? ContextId { get; set; }
    }
}
