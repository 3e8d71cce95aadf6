using Dapper;
using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// The dead letters and the support audit, in a SQLite file of their own (WAL), apart from the intent store: support
/// history must not grow, lock or migrate the file the pipeline writes on every intent. Each call opens its own pooled
/// connection; support actions run as <see cref="SqliteDeadLetterChange"/> transactions.
/// </summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore, IDisposable
{
    private const string SummaryColumns = """
        id AS Id, queue AS Queue, reason AS Reason, status AS Status, message_kind AS MessageKind, intent_id AS IntentId,
        conversation_id AS ConversationId, wrap_up_code AS WrapUpCode, fault_message AS FaultMessage,
        exception_type AS ExceptionType, failed_at AS FailedAt, received_at AS ReceivedAt, '{}' AS HeadersJson, '' AS Body,
        body_encoding AS BodyEncoding, body_bytes AS BodyBytes, body_cut AS BodyCut, retried_as_intent_id AS RetriedAsIntentId, resolved_at AS ResolvedAt, resolved_by AS ResolvedBy
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;

    public SqliteDeadLetterStore(IOptions<DeadLetterOptions> options, IHostEnvironment? hostEnvironment = null, ILogger<SqliteDeadLetterStore>? logger = null)
    {
        var settings = options.Value;
        // FULL: a letter is on disk before its message is acknowledged, and so is an audit row before the API answers.
        _database = new SqliteDatabase(settings.ResolvePath(hostEnvironment?.ContentRootPath), settings.BusyTimeout, SqliteSynchronous.Full,
            foreignKeys: true);
        _logger = logger ?? NullLogger<SqliteDeadLetterStore>.Instance;
    }

    public string DatabasePath => _database.Path;

    internal SqliteDatabase Database => _database;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenForMigrationAsync(_logger, "Dead-letter database", cancellationToken);
        var version = await SqliteDeadLetterSchema.MigrateAsync(connection, DatabasePath, cancellationToken);
        _logger.LogInformation("Dead-letter database {DatabasePath} is at schema version {SchemaVersion}", DatabasePath, version);
    }

    /// <summary>Stores a letter once: the same <see cref="NewDeadLetter.DedupKey"/> again returns the stored id, IsNew false.</summary>
    public async Task<(long Id, bool IsNew)> AddAsync(NewDeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var connection = await OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO dead_letters (dedup_key, queue, message_id, content_type, body, body_encoding, body_bytes, body_sha256, body_cut,
                headers_json, fault_message,
                exception_type, retry_count, fault_timestamp, failed_at, received_at, message_kind, intent_id, conversation_id,
                wrap_up_code, notes, participant_id, user_id, disconnect, requested_by, reason, status)
            VALUES (@DedupKey, @Queue, @MessageId, @ContentType, @Body, @BodyEncoding, @BodyBytes, @BodySha256, @BodyCut,
                @HeadersJson, @FaultMessage,
                @ExceptionType, @RetryCount, @FaultTimestamp, @FailedAt, @ReceivedAt, @MessageKind, @IntentId, @ConversationId,
                @WrapUpCode, @Notes, @ParticipantId, @UserId, @Disconnect, @RequestedBy, @Reason, 'Open')
            ON CONFLICT (dedup_key) DO NOTHING
            RETURNING id;
            """,
            new
            {
                letter.DedupKey, letter.Queue, letter.MessageId, letter.ContentType, letter.Body, letter.BodyEncoding, letter.BodyBytes,
                letter.BodySha256, BodyCut = letter.BodyCut ? 1 : 0, letter.HeadersJson,
                letter.FaultMessage, letter.ExceptionType, letter.RetryCount, letter.FaultTimestamp,
                FailedAt = DeadLetterTime.ToText(letter.FailedAt), ReceivedAt = DeadLetterTime.ToText(letter.ReceivedAt), letter.MessageKind,
                IntentId = letter.IntentId is { } intentId ? DeadLetterTime.IdText(intentId) : null, letter.ConversationId, letter.WrapUpCode,
                letter.Notes, letter.ParticipantId, letter.UserId, Disconnect = letter.Disconnect is { } flag ? (flag ? 1 : 0) : (int?)null,
                letter.RequestedBy, letter.Reason,
            },
            cancellationToken: cancellationToken));
        if (id is { } inserted) return (inserted, true);
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM dead_letters WHERE dedup_key = @DedupKey;", new { letter.DedupKey }, cancellationToken: cancellationToken));
        return (existing, false);
    }

    public async Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {DeadLetterRow.Columns} FROM dead_letters WHERE id = @id;", new { id }, cancellationToken: cancellationToken));
        return row?.ToLetter();
    }

    /// <summary>Open letters by reason, biggest group first.</summary>
    public async Task<IReadOnlyList<DeadLetterGroup>> GetGroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Reason, long Count, string Oldest, string Newest)>(new CommandDefinition(
            """
            SELECT reason, COUNT(*), MIN(failed_at), MAX(failed_at) FROM dead_letters
            WHERE status = 'Open' GROUP BY reason ORDER BY COUNT(*) DESC, reason;
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new DeadLetterGroup(r.Reason, (int)r.Count, DeadLetterTime.FromText(r.Oldest), DeadLetterTime.FromText(r.Newest)))];
    }

    /// <summary>Newest first; <paramref name="before"/> is the id to page below (the last id of the previous page).</summary>
    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? reason, DeadLetterStatus? status, int limit, long? before,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"""
            SELECT {SummaryColumns} FROM dead_letters
            WHERE (@Reason IS NULL OR reason = @Reason) AND (@Status IS NULL OR status = @Status) AND (@Before IS NULL OR id < @Before)
            ORDER BY id DESC LIMIT @Limit;
            """,
            new { Reason = reason, Status = status?.ToString(), Before = before, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }

    /// <summary>Ids of the Open letters with this reason, oldest first.</summary>
    public async Task<IReadOnlyList<long>> GetOpenIdsAsync(string reason, DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM dead_letters WHERE status = 'Open' AND reason = @reason AND (@FailedBefore IS NULL OR failed_at < @FailedBefore) ORDER BY id;",
            new { reason, FailedBefore = failedBefore is { } before ? DeadLetterTime.ToText(before) : null }, cancellationToken: cancellationToken));
        return [.. ids];
    }

    public async Task<IReadOnlyList<DeadLetterSummary>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"""
            SELECT {SummaryColumns} FROM dead_letters
            WHERE intent_id = @Id OR retried_as_intent_id = @Id OR conversation_id = @Term OR participant_id = @Term OR wrap_up_code = @Term
            ORDER BY id DESC LIMIT @Limit;
            """,
            new { Term = term, Id = Guid.TryParse(term, out var id) ? DeadLetterTime.IdText(id) : null, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }

    /// <summary>Letters of this intent (a message can fail on intake and again on settle).</summary>
    public Task<IReadOnlyList<DeadLetterSummary>> FindByIntentAsync(Guid intentId, CancellationToken cancellationToken = default) =>
        QuerySummariesAsync("intent_id = @Id", intentId, cancellationToken);

    /// <summary>Letters that were retried as this intent.</summary>
    public Task<IReadOnlyList<DeadLetterSummary>> FindRetriedAsAsync(Guid intentId, CancellationToken cancellationToken = default) =>
        QuerySummariesAsync("retried_as_intent_id = @Id", intentId, cancellationToken);

    /// <summary>Newest first; all letters, or one letter's entries.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, long? deadLetterId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"""
            SELECT {AuditRow.Columns} FROM audit_entries
            WHERE (@DeadLetterId IS NULL OR dead_letter_id = @DeadLetterId)
            ORDER BY id DESC LIMIT @Limit;
            """, new { DeadLetterId = deadLetterId, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <summary>Closes the pooled connections, so the file is released.</summary>
    public void Dispose() => _database.ReleasePool();

    /// <summary>A support action: BEGIN IMMEDIATE, so two actions on one letter take turns and the second sees the first.</summary>
    public async Task<IDeadLetterChange> BeginChangeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            return new SqliteDeadLetterChange(connection, connection.BeginTransaction(deferred: false));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<DeadLetterSummary>> QuerySummariesAsync(string where, Guid intentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM dead_letters WHERE {where} ORDER BY id;", new { Id = DeadLetterTime.IdText(intentId) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => DeadLetterRow.Summarize(row.ToLetter()))];
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);
}
