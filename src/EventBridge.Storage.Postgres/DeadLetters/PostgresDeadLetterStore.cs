using Dapper;
using EventBridge.DeadLetters.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// <see cref="IDeadLetterStore"/> on PostgreSQL, next to the intent store: every replica of a cluster drains its error
/// queues into the same letters (the dedup key makes a message redelivered to another replica one letter) and support
/// reviews them from any replica. The same rules as the SQLite store; a support action locks its letter's row.
/// </summary>
public sealed class PostgresDeadLetterStore(PostgresDatabase database, ILogger<PostgresDeadLetterStore>? logger = null) : IDeadLetterStore
{
    private readonly ILogger _logger = logger ?? NullLogger<PostgresDeadLetterStore>.Instance;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var version = await PostgresDeadLetterSchema.MigrateAsync(connection, database.DisplayName, cancellationToken);
        _logger.LogInformation("Dead letters in {Database} are at schema version {SchemaVersion}", database.DisplayName, version);
    }

    public async Task<(long Id, bool IsNew)> AddAsync(NewDeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO dead_letters (dedup_key, queue, message_id, content_type, body, body_encoding, body_bytes, body_sha256, body_cut,
                headers_json, fault_message, exception_type, retry_count, fault_timestamp, failed_at, received_at, message_kind, intent_id,
                conversation_id, wrap_up_code, notes, participant_id, user_id, disconnect, requested_by, reason, status)
            VALUES (@DedupKey, @Queue, @MessageId, @ContentType, @Body, @BodyEncoding, @BodyBytes, @BodySha256, @BodyCut,
                @HeadersJson, @FaultMessage, @ExceptionType, @RetryCount, @FaultTimestamp, @FailedAt, @ReceivedAt, @MessageKind, @IntentId,
                @ConversationId, @WrapUpCode, @Notes, @ParticipantId, @UserId, @Disconnect, @RequestedBy, @Reason, 'Open')
            ON CONFLICT (dedup_key) DO NOTHING
            RETURNING id;
            """,
            new
            {
                DedupKey = PostgresText.Storable(letter.DedupKey),
                Queue = PostgresText.Storable(letter.Queue),
                MessageId = PostgresText.Storable(letter.MessageId),
                ContentType = PostgresText.Storable(letter.ContentType),
                Body = PostgresText.Storable(letter.Body),
                letter.BodyEncoding,
                letter.BodyBytes,
                letter.BodySha256,
                letter.BodyCut,
                letter.HeadersJson,
                FaultMessage = PostgresText.Storable(letter.FaultMessage),
                ExceptionType = PostgresText.Storable(letter.ExceptionType),
                letter.RetryCount,
                FaultTimestamp = PostgresText.Storable(letter.FaultTimestamp),
                FailedAt = PostgresTime.ToUtc(letter.FailedAt),
                ReceivedAt = PostgresTime.ToUtc(letter.ReceivedAt),
                letter.MessageKind,
                letter.IntentId,
                ConversationId = PostgresText.Storable(letter.ConversationId),
                WrapUpCode = PostgresText.Storable(letter.WrapUpCode),
                Notes = PostgresText.Storable(letter.Notes),
                ParticipantId = PostgresText.Storable(letter.ParticipantId),
                UserId = PostgresText.Storable(letter.UserId),
                letter.Disconnect,
                RequestedBy = PostgresText.Storable(letter.RequestedBy),
                Reason = PostgresText.Storable(letter.Reason),
            },
            cancellationToken: cancellationToken));
        if (id is { } inserted) return (inserted, true);
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM dead_letters WHERE dedup_key = @DedupKey;", new { DedupKey = PostgresText.Storable(letter.DedupKey) },
            cancellationToken: cancellationToken));
        return (existing, false);
    }

    public async Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {PostgresDeadLetterColumns.Letter} FROM dead_letters WHERE id = @id;", new { id }, cancellationToken: cancellationToken));
        return row?.ToLetter();
    }

    public async Task<IReadOnlyList<DeadLetterGroup>> GetGroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Reason, long Count, DateTime Oldest, DateTime Newest)>(new CommandDefinition(
            """
            SELECT reason, COUNT(*), MIN(failed_at), MAX(failed_at) FROM dead_letters
            WHERE status = 'Open' GROUP BY reason ORDER BY COUNT(*) DESC, reason;
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new DeadLetterGroup(r.Reason, (int)r.Count, PostgresTime.FromUtc(r.Oldest), PostgresTime.FromUtc(r.Newest)))];
    }

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? reason, DeadLetterStatus? status, int limit, long? before,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"""
            SELECT {PostgresDeadLetterColumns.Summary} FROM dead_letters
            WHERE (@Reason::text IS NULL OR reason = @Reason::text) AND (@Status::text IS NULL OR status = @Status::text)
              AND (@Before::bigint IS NULL OR id < @Before::bigint)
            ORDER BY id DESC LIMIT @Limit;
            """,
            new { Reason = reason, Status = status?.ToString(), Before = before, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }

    public async Task<IReadOnlyList<long>> GetOpenIdsAsync(string reason, DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM dead_letters WHERE status = 'Open' AND reason = @reason AND (@FailedBefore::timestamptz IS NULL OR failed_at < @FailedBefore::timestamptz) ORDER BY id;",
            new { reason, FailedBefore = PostgresTime.ToUtc(failedBefore) }, cancellationToken: cancellationToken));
        return [.. ids];
    }

    public Task<IReadOnlyList<DeadLetterSummary>> FindByIntentAsync(Guid intentId, CancellationToken cancellationToken = default) =>
        QuerySummariesAsync("intent_id = @Id", intentId, cancellationToken);

    public Task<IReadOnlyList<DeadLetterSummary>> FindRetriedAsAsync(Guid intentId, CancellationToken cancellationToken = default) =>
        QuerySummariesAsync("retried_as_intent_id = @Id", intentId, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, long? deadLetterId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"""
            SELECT {PostgresDeadLetterColumns.Audit} FROM audit_entries
            WHERE (@DeadLetterId::bigint IS NULL OR dead_letter_id = @DeadLetterId::bigint)
            ORDER BY id DESC LIMIT @Limit;
            """, new { DeadLetterId = deadLetterId, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    public async Task<IDeadLetterChange> BeginChangeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return new PostgresDeadLetterChange(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<DeadLetterSummary>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"""
            SELECT {PostgresDeadLetterColumns.Summary} FROM dead_letters
            WHERE intent_id = @Id OR retried_as_intent_id = @Id OR conversation_id = @Term OR participant_id = @Term OR wrap_up_code = @Term
            ORDER BY id DESC LIMIT @Limit;
            """,
            new { Term = PostgresText.Storable(term), Id = Guid.TryParse(term, out var id) ? id : (Guid?)null, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }

    private async Task<IReadOnlyList<DeadLetterSummary>> QuerySummariesAsync(string where, Guid intentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {PostgresDeadLetterColumns.Summary} FROM dead_letters WHERE {where} ORDER BY id;", new { Id = intentId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }
}
