using System.Globalization;
using Dapper;
using EventBridge.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// <see cref="IIntentStore"/> on one local SQLite file in WAL mode. Each operation opens its own pooled connection, so
/// one instance serves every thread, and several instances (or a worker and its restarted self) can share the file:
/// read-modify-write runs under <c>BEGIN IMMEDIATE</c>, single-row changes are <c>UPDATE … WHERE status = …</c> judged
/// by their row count, and the one-wrap-up-per-participant rule is a partial unique index as well as code.
/// Instants are stored as UTC text with 100 ns precision and come back at offset zero (the same instant).
/// </summary>
public sealed class SqliteIntentStore : IIntentStore, IDisposable
{
    private const string OpenStatuses = "('Pending', 'Applying')";
    private const string FinalStatuses = "('Applied', 'Failed')";

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;

    public SqliteIntentStore(IOptions<IntentStoreOptions> options, IHostEnvironment? hostEnvironment = null,
        ILogger<SqliteIntentStore>? logger = null)
    {
        var settings = options.Value;
        // Per connection, not per file. NORMAL (WAL): each commit is in the WAL file before the intent's message is
        // acknowledged, so it survives the worker process crashing or being killed; FULL also syncs it to the disk, for
        // power loss, at one flush per commit (see IntentStoreOptions.Synchronous).
        var synchronous = string.Equals(settings.Synchronous, "Full", StringComparison.OrdinalIgnoreCase) ? SqliteSynchronous.Full : SqliteSynchronous.Normal;
        _database = new SqliteDatabase(settings.ResolvePath(hostEnvironment?.ContentRootPath), settings.BusyTimeout, synchronous);
        _logger = logger ?? NullLogger<SqliteIntentStore>.Instance;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>The file's connections, for the operators' queries on the same file.</summary>
    internal SqliteDatabase Database => _database;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenForMigrationAsync(_logger, "Intent store", cancellationToken);
        var version = await SqliteIntentSchema.MigrateAsync(connection, DatabasePath, cancellationToken);
        _logger.LogInformation("Intent store {DatabasePath} is at schema version {SchemaVersion}", DatabasePath, version);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenExistingAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken: cancellationToken));
    }

    public async Task<IntentRegistration> RegisterAsync(StoredIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.IntentId == Guid.Empty || string.IsNullOrWhiteSpace(intent.ConversationId) || intent.Status != IntentStatus.Pending)
            throw new ArgumentException(
                $"Intent {intent.IntentId} for conversation '{intent.ConversationId}' cannot be registered: it needs an id, " +
                $"a conversation id and status Pending (it has {intent.Status}).", nameof(intent));

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var existing = await connection.QuerySingleOrDefaultAsync<IntentRow>(new CommandDefinition(
            $"SELECT {IntentRow.Columns} FROM intents WHERE intent_id = @IntentId;",
            new { IntentId = IntentRow.IdText(intent.IntentId) }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
            return new IntentRegistration(existing.ToIntent(), IsNew: false, Replaced: []);

        var replaced = await connection.QueryAsync<IntentRow>(new CommandDefinition(
            $"""
            UPDATE intents
            SET status = 'Failed', failure_reason = @Reason, failure_detail = @Detail, superseded_by = @NewIntentId,
                completed_at = @At, updated_at = @At
            WHERE conversation_id = @ConversationId AND target_key = @TargetKey AND status = 'Pending'
            RETURNING {IntentRow.Columns};
            """,
            new
            {
                Reason = WrapUpFailureReasons.Superseded,
                Detail = $"Replaced by the newer intent {intent.IntentId} before it was applied.",
                NewIntentId = IntentRow.IdText(intent.IntentId),
                At = SqliteTime.ToText(intent.ReceivedAt),
                intent.ConversationId,
                intent.TargetKey,
            },
            transaction, cancellationToken: cancellationToken));

        var stored = await connection.QuerySingleAsync<IntentRow>(new CommandDefinition(
            $"""
            INSERT INTO intents (intent_id, conversation_id, target_key, requested_code, code_id, code_name, notes,
                participant_id, user_id, disconnect, requested_by, deadline, status, received_at, updated_at,
                applied_participant_id, communication_id, applied_via, acw_started_at, completed_at, failure_reason,
                failure_detail, superseded_by, disconnected_at)
            VALUES (@IntentId, @ConversationId, @TargetKey, @RequestedCode, @CodeId, @CodeName, @Notes,
                @ParticipantId, @UserId, @Disconnect, @RequestedBy, @Deadline, @Status, @ReceivedAt, @UpdatedAt,
                @AppliedParticipantId, @CommunicationId, @AppliedVia, @AcwStartedAt, @CompletedAt, @FailureReason,
                @FailureDetail, @SupersededBy, @DisconnectedAt)
            RETURNING {IntentRow.Columns};
            """,
            IntentRow.From(intent), transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return new IntentRegistration(stored.ToIntent(), IsNew: true,
            [.. replaced.Select(row => row.ToIntent()).OrderBy(old => old.ReceivedAt)]);
    }

    public async Task<StoredIntent?> FindAsync(Guid intentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IntentRow>(new CommandDefinition(
            $"SELECT {IntentRow.Columns} FROM intents WHERE intent_id = @IntentId;",
            new { IntentId = IntentRow.IdText(intentId) }, cancellationToken: cancellationToken));
        return row?.ToIntent();
    }

    public async Task<IReadOnlyList<StoredIntent>> GetOpenAsync(CancellationToken cancellationToken = default)
    {
        // Read row by row: at start-up the open set may be 100,000 intents, and buffering every raw row (all text) first
        // would double the peak the worker starts with; each row is garbage before the next is read.
        await using var connection = await OpenAsync(cancellationToken);
        var open = new List<StoredIntent>();
        await foreach (var row in connection.QueryUnbufferedAsync<IntentRow>(
            $"SELECT {IntentRow.Columns} FROM intents WHERE status IN {OpenStatuses} ORDER BY received_at, intent_id;").WithCancellation(cancellationToken))
            open.Add(row.ToIntent());
        return open;
    }

    public async Task<IReadOnlyList<OpenIntentSummary>> GetOpenPageAsync(long afterPosition, int limit, DateTimeOffset? changedBefore = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // The rowid is the position: a range scan of the table's own b-tree, so a page costs its rows, not the table.
        // It grows with each insert; a VACUUM may renumber it, which at worst makes one pass skip or repeat some rows.
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            $"""
            SELECT rowid AS Position, intent_id AS IntentId, conversation_id AS ConversationId, updated_at AS UpdatedAt, deadline AS Deadline,
                claim_expires_at AS ClaimExpiresAt
            FROM intents
            WHERE rowid > @AfterPosition AND status IN {OpenStatuses}
              AND (@ChangedBefore IS NULL OR updated_at < @ChangedBefore OR claim_expires_at IS NOT NULL)
            ORDER BY rowid
            LIMIT @Limit;
            """,
            new { AfterPosition = afterPosition, Limit = limit, ChangedBefore = SqliteTime.ToNullableText(changedBefore) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToSummary())];
    }

    public async Task<IReadOnlyList<OpenIntentIndexEntry>> GetOpenIndexPageAsync(long afterPosition, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // The same rowid range scan as GetOpenPageAsync, with the columns the index keeps instead of the sweeper's. Each page
        // is its own read: an intent closed between pages is rightly left out, one registered meanwhile is listed.
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndexRow>(new CommandDefinition(
            $"""
            SELECT rowid AS Position, intent_id AS IntentId, conversation_id AS ConversationId, participant_id AS ParticipantId,
                user_id AS UserId, code_id AS CodeId, code_name AS CodeName
            FROM intents
            WHERE rowid > @AfterPosition AND status IN {OpenStatuses}
            ORDER BY rowid
            LIMIT @Limit;
            """,
            new { AfterPosition = afterPosition, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    public Task<IReadOnlyList<StoredIntent>> GetOpenForConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {IntentRow.Columns} FROM intents
            WHERE conversation_id = @ConversationId AND status IN {OpenStatuses}
            ORDER BY received_at, intent_id;
            """, new { ConversationId = conversationId }, cancellationToken);

    public Task<IReadOnlyList<StoredIntent>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {IntentRow.Columns} FROM intents
            WHERE status IN {OpenStatuses} AND deadline <= @Now
            ORDER BY deadline, received_at, intent_id;
            """, new { Now = SqliteTime.ToText(now) }, cancellationToken);

    public async Task MarkOutcomePublishedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // No updated_at: publishing is no news of the intent itself.
        await ExecuteAsync(
            $"UPDATE intents SET outcome_published_at = @At WHERE intent_id = @IntentId AND outcome_published_at IS NULL AND status IN {FinalStatuses};",
            new { IntentId = IntentRow.IdText(intentId), At = SqliteTime.ToText(at) }, cancellationToken);

    public Task<IReadOnlyList<StoredIntent>> GetUnpublishedOutcomesAsync(DateTimeOffset finalBefore, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {IntentRow.Columns} FROM intents
            WHERE outcome_published_at IS NULL AND status IN {FinalStatuses} AND updated_at < @FinalBefore
            ORDER BY updated_at LIMIT @Limit;
            """, new { FinalBefore = SqliteTime.ToText(finalBefore), Limit = limit }, cancellationToken);

    public async Task SetResolvedCodeAsync(Guid intentId, string codeId, string codeName, CancellationToken cancellationToken = default)
    {
        // No time argument, so UpdatedAt keeps the last status change; an intent no longer Pending keeps its code.
        await ExecuteAsync(
            "UPDATE intents SET code_id = @CodeId, code_name = @CodeName WHERE intent_id = @IntentId AND status = 'Pending';",
            new { IntentId = IntentRow.IdText(intentId), CodeId = codeId, CodeName = codeName }, cancellationToken);
    }

    public async Task MarkAcceptedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // No updated_at, as for a disconnect: acceptance is no news of the agent's wrap-up.
        await ExecuteAsync(
            "UPDATE intents SET accepted_at = @At WHERE intent_id = @IntentId AND accepted_at IS NULL;",
            new { IntentId = IntentRow.IdText(intentId), At = SqliteTime.ToText(at) }, cancellationToken);
    }

    public async Task MarkDisconnectedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // No updated_at: a disconnect is no news of the agent's wrap-up, and reconciliation keys on real changes.
        await ExecuteAsync(
            $"UPDATE intents SET disconnected_at = @At WHERE intent_id = @IntentId AND disconnected_at IS NULL AND status IN {OpenStatuses};",
            new { IntentId = IntentRow.IdText(intentId), At = SqliteTime.ToText(at) }, cancellationToken);
    }

    public async Task<IntentClaimResult> TryClaimAsync(IntentClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ParticipantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner);
        var token = Guid.NewGuid();
        try
        {
            // A re-claim after a crash may know less than the first claim did: keep what was recorded then.
            var claimed = await ExecuteAsync(
                """
                UPDATE intents
                SET status = 'Applying', applied_participant_id = @ParticipantId,
                    communication_id = COALESCE(@CommunicationId, communication_id),
                    acw_started_at = COALESCE(@AcwStartedAt, acw_started_at), updated_at = @At,
                    queue_id = COALESCE(@QueueId, queue_id), claim_owner = @Owner, claim_token = @Token, claim_expires_at = @ExpiresAt
                WHERE intent_id = @IntentId
                  AND (status = 'Pending'
                       OR (status = 'Applying' AND applied_participant_id = @ParticipantId
                           AND (claim_owner = @Owner OR claim_expires_at IS NULL OR claim_expires_at <= @At)));
                """,
                new
                {
                    IntentId = IntentRow.IdText(request.IntentId),
                    request.ParticipantId,
                    request.CommunicationId,
                    request.QueueId,
                    AcwStartedAt = SqliteTime.ToNullableText(request.AcwStartedAt),
                    At = SqliteTime.ToText(request.At),
                    request.Owner,
                    Token = IntentRow.IdText(token),
                    ExpiresAt = SqliteTime.ToText(request.ExpiresAt),
                },
                cancellationToken) == 1;
            if (claimed) return new IntentClaimResult(IntentClaimOutcome.Claimed, new IntentClaim(request.IntentId, token, request.Owner, request.ExpiresAt));
        }
        catch (SqliteException conflict) when (conflict.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE)
        {
            // Another intent already holds (or applied to) this participant in this conversation.
            return IntentClaimResult.Refused;
        }

        return IntentClaimResult.NotClaimed(await FindAsync(request.IntentId, cancellationToken), request);
    }

    public async Task<bool> TryRenewClaimAsync(Guid intentId, Guid token, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE intents SET claim_expires_at = @ExpiresAt WHERE intent_id = @IntentId AND status = 'Applying' AND claim_token = @Token;",
            new { IntentId = IntentRow.IdText(intentId), Token = IntentRow.IdText(token), ExpiresAt = SqliteTime.ToText(expiresAt) },
            cancellationToken) == 1;

    public async Task ReleaseClaimAsync(Guid intentId, Guid token, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Only the claim that holds it gives an Applying intent back; if an outcome was recorded meanwhile, it stands.
        await ExecuteAsync(
            """
            UPDATE intents
            SET status = 'Pending', applied_participant_id = NULL, communication_id = NULL, acw_started_at = NULL, updated_at = @At,
                claim_owner = NULL, claim_token = NULL, claim_expires_at = NULL
            WHERE intent_id = @IntentId AND status = 'Applying' AND claim_token = @Token;
            """,
            new { IntentId = IntentRow.IdText(intentId), Token = IntentRow.IdText(token), At = SqliteTime.ToText(at) }, cancellationToken);
    }

    public async Task<bool> TryCompleteAsync(Guid intentId, IntentCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Status is not (IntentStatus.Applied or IntentStatus.Failed))
            throw new ArgumentException($"Intent {intentId} can only be completed as Applied or Failed, not {completion.Status}.", nameof(completion));
        if (completion.Status == IntentStatus.Applied && string.IsNullOrWhiteSpace(completion.ParticipantId))
            throw new ArgumentException($"Intent {intentId} cannot be recorded as Applied without the participant it was applied to.", nameof(completion));

        try
        {
            return await ExecuteAsync(
                $"""
                UPDATE intents
                SET status = @Status, applied_participant_id = COALESCE(@ParticipantId, applied_participant_id),
                    communication_id = COALESCE(@CommunicationId, communication_id), applied_via = @AppliedVia,
                    queue_id = COALESCE(@QueueId, queue_id),
                    failure_reason = @FailureReason, failure_detail = @FailureDetail, completed_at = @At, updated_at = @At,
                    claim_token = NULL, claim_expires_at = NULL
                WHERE intent_id = @IntentId AND (status = 'Pending' OR (status = 'Applying' AND claim_token IS @ClaimToken));
                """,
                new
                {
                    IntentId = IntentRow.IdText(intentId),
                    ClaimToken = completion.ClaimToken is { } claimToken ? IntentRow.IdText(claimToken) : null,
                    Status = completion.Status.ToString(),
                    completion.ParticipantId,
                    completion.CommunicationId,
                    completion.QueueId,
                    completion.AppliedVia,
                    completion.FailureReason,
                    completion.FailureDetail,
                    At = SqliteTime.ToText(completion.At),
                },
                cancellationToken) == 1;
        }
        catch (SqliteException conflict) when (conflict.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE)
        {
            throw new InvalidOperationException(
                $"Intent {intentId} cannot be recorded as applied to participant {completion.ParticipantId}: another intent of the " +
                "same conversation already holds (Applying) or applied that participant, and only one wrap-up per participant is " +
                "stored. Claim the intent first (TryClaimAsync) and treat false as already-wrapped-up.", conflict);
        }
    }

    /// <summary>Closes the pooled connections, so the file is released (for example before it is deleted or copied).</summary>
    public void Dispose() => _database.ReleasePool();

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private sealed class SummaryRow
    {
        public long Position { get; set; }
        public string IntentId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public string Deadline { get; set; } = "";
        public string? ClaimExpiresAt { get; set; }

        public OpenIntentSummary ToSummary() => new(Position, Guid.Parse(IntentId, CultureInfo.InvariantCulture), ConversationId,
            SqliteTime.FromText(UpdatedAt), SqliteTime.FromText(Deadline), SqliteTime.FromNullableText(ClaimExpiresAt));
    }

    private sealed class IndexRow
    {
        public long Position { get; set; }
        public string IntentId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string? ParticipantId { get; set; }
        public string? UserId { get; set; }
        public string? CodeId { get; set; }
        public string? CodeName { get; set; }

        public OpenIntentIndexEntry ToEntry() => new(Position, Guid.Parse(IntentId, CultureInfo.InvariantCulture), ConversationId,
            ParticipantId, UserId, CodeId, CodeName);
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<StoredIntent>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IntentRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToIntent())];
    }
}
