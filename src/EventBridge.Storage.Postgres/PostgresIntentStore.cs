using Dapper;
using EventBridge.Contracts;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// <see cref="IIntentStore"/> on PostgreSQL, for several workers sharing one store. The same rules as the SQLite store:
/// single-row changes are <c>UPDATE … WHERE status = …</c> judged by their row count, and the one-wrap-up-per-participant
/// rule is a partial unique index as well as code. Where SQLite serialises writers with <c>BEGIN IMMEDIATE</c>, a
/// registration here takes a transaction-scoped advisory lock on its conversation and target, so two replicas
/// registering intents for the same agent take turns and the later one supersedes the earlier.
/// </summary>
public sealed class PostgresIntentStore(PostgresDatabase database, ILogger<PostgresIntentStore>? logger = null) : IIntentStore
{
    private const string OpenStatuses = "('Pending', 'Applying')";
    private const string FinalStatuses = "('Applied', 'Failed')";

    private readonly ILogger _logger = logger ?? NullLogger<PostgresIntentStore>.Instance;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var version = await PostgresIntentSchema.MigrateAsync(connection, database.DisplayName, cancellationToken);
        _logger.LogInformation("Intent store in {Database} is at schema version {SchemaVersion}", database.DisplayName, version);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT CASE WHEN to_regclass('eventbridge_schema_version') IS NULL THEN 0
                        ELSE (SELECT COALESCE(MAX(version), 0) FROM eventbridge_schema_version WHERE component = @Component) END;
            """, new { Component = PostgresIntentSchema.Component }, cancellationToken: cancellationToken));
    }

    public async Task<IntentRegistration> RegisterAsync(StoredIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.IntentId == Guid.Empty || string.IsNullOrWhiteSpace(intent.ConversationId) || intent.Status != IntentStatus.Pending)
            throw new ArgumentException(
                $"Intent {intent.IntentId} for conversation '{intent.ConversationId}' cannot be registered: it needs an id, " +
                $"a conversation id and status Pending (it has {intent.Status}).", nameof(intent));

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@Target, 0));",
            new { Target = intent.ConversationId + "\n" + intent.TargetKey }, transaction, cancellationToken: cancellationToken));
        if (await FindAsync(connection, transaction, intent.IntentId, cancellationToken) is { } existing)
            return new IntentRegistration(existing, IsNew: false, Replaced: []);

        var replaced = await connection.QueryAsync<PostgresIntentRow>(new CommandDefinition(
            $"""
            UPDATE intents
            SET status = 'Failed', failure_reason = @Reason, failure_detail = @Detail, superseded_by = @NewIntentId,
                completed_at = @At, updated_at = @At
            WHERE conversation_id = @ConversationId AND target_key = @TargetKey AND status = 'Pending'
            RETURNING {PostgresIntentRow.Columns};
            """,
            new
            {
                Reason = WrapUpFailureReasons.Superseded,
                Detail = $"Replaced by the newer intent {intent.IntentId} before it was applied.",
                NewIntentId = intent.IntentId,
                At = PostgresTime.ToUtc(intent.ReceivedAt),
                intent.ConversationId,
                intent.TargetKey,
            },
            transaction, cancellationToken: cancellationToken));

        // ON CONFLICT: the same intent id registered at once for another target (a reused id) is not locked out by the
        // target lock; its row stands and this registration changes nothing.
        var stored = await connection.QuerySingleOrDefaultAsync<PostgresIntentRow>(new CommandDefinition(
            $"""
            INSERT INTO intents (intent_id, conversation_id, target_key, requested_code, code_id, code_name, notes,
                participant_id, user_id, disconnect, requested_by, deadline, status, received_at, updated_at,
                applied_participant_id, communication_id, applied_via, acw_started_at, completed_at, failure_reason,
                failure_detail, superseded_by, disconnected_at)
            VALUES (@IntentId, @ConversationId, @TargetKey, @RequestedCode, @CodeId, @CodeName, @Notes,
                @ParticipantId, @UserId, @Disconnect, @RequestedBy, @Deadline, @Status, @ReceivedAt, @UpdatedAt,
                @AppliedParticipantId, @CommunicationId, @AppliedVia, @AcwStartedAt, @CompletedAt, @FailureReason,
                @FailureDetail, @SupersededBy, @DisconnectedAt)
            ON CONFLICT (intent_id) DO NOTHING
            RETURNING {PostgresIntentRow.Columns};
            """,
            PostgresIntentRow.From(intent), transaction, cancellationToken: cancellationToken));
        if (stored is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            var winner = await FindAsync(intent.IntentId, cancellationToken)
                ?? throw new InvalidOperationException($"Intent {intent.IntentId} conflicted on insert but cannot be read back.");
            return new IntentRegistration(winner, IsNew: false, Replaced: []);
        }

        await transaction.CommitAsync(cancellationToken);
        return new IntentRegistration(stored.ToIntent(), IsNew: true,
            [.. replaced.Select(row => row.ToIntent()).OrderBy(old => old.ReceivedAt)]);
    }

    public async Task<StoredIntent?> FindAsync(Guid intentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, intentId, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredIntent>> GetOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var open = new List<StoredIntent>();
        await foreach (var row in connection.QueryUnbufferedAsync<PostgresIntentRow>(
            $"SELECT {PostgresIntentRow.Columns} FROM intents WHERE status IN {OpenStatuses} ORDER BY received_at, intent_id;").WithCancellation(cancellationToken))
            open.Add(row.ToIntent());
        return open;
    }

    public async Task<IReadOnlyList<OpenIntentSummary>> GetOpenPageAsync(long afterPosition, int limit, DateTimeOffset? changedBefore = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // The identity column is the position. Identities are handed out at insert, not at commit, so a row committed
        // late may sit behind a pass that already went by; the next pass (the sweeper wraps around) finds it.
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            $"""
            SELECT position AS Position, intent_id AS IntentId, conversation_id AS ConversationId, updated_at AS UpdatedAt, deadline AS Deadline,
                claim_expires_at AS ClaimExpiresAt
            FROM intents
            WHERE position > @AfterPosition AND status IN {OpenStatuses}
              AND (@ChangedBefore::timestamptz IS NULL OR updated_at < @ChangedBefore::timestamptz OR claim_expires_at IS NOT NULL)
            ORDER BY position
            LIMIT @Limit;
            """,
            new { AfterPosition = afterPosition, Limit = limit, ChangedBefore = PostgresTime.ToUtc(changedBefore) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToSummary())];
    }

    public async Task<IReadOnlyList<OpenIntentIndexEntry>> GetOpenIndexPageAsync(long afterPosition, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndexRow>(new CommandDefinition(
            $"""
            SELECT position AS Position, intent_id AS IntentId, conversation_id AS ConversationId, participant_id AS ParticipantId,
                user_id AS UserId, code_id AS CodeId, code_name AS CodeName
            FROM intents
            WHERE position > @AfterPosition AND status IN {OpenStatuses}
            ORDER BY position
            LIMIT @Limit;
            """,
            new { AfterPosition = afterPosition, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new OpenIntentIndexEntry(row.Position, row.IntentId, row.ConversationId, row.ParticipantId, row.UserId,
            row.CodeId, row.CodeName))];
    }

    public Task<IReadOnlyList<StoredIntent>> GetOpenForConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {PostgresIntentRow.Columns} FROM intents
            WHERE conversation_id = @ConversationId AND status IN {OpenStatuses}
            ORDER BY received_at, intent_id;
            """, new { ConversationId = conversationId }, cancellationToken);

    public Task<IReadOnlyList<StoredIntent>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {PostgresIntentRow.Columns} FROM intents
            WHERE status IN {OpenStatuses} AND deadline <= @Now
            ORDER BY deadline, received_at, intent_id;
            """, new { Now = PostgresTime.ToUtc(now) }, cancellationToken);

    public Task MarkOutcomePublishedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // No updated_at: publishing is no news of the intent itself.
        ExecuteAsync(
            $"UPDATE intents SET outcome_published_at = @At WHERE intent_id = @IntentId AND outcome_published_at IS NULL AND status IN {FinalStatuses};",
            new { IntentId = intentId, At = PostgresTime.ToUtc(at) }, cancellationToken);

    public Task<IReadOnlyList<StoredIntent>> GetUnpublishedOutcomesAsync(DateTimeOffset finalBefore, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync($"""
            SELECT {PostgresIntentRow.Columns} FROM intents
            WHERE outcome_published_at IS NULL AND status IN {FinalStatuses} AND updated_at < @FinalBefore
            ORDER BY updated_at LIMIT @Limit;
            """, new { FinalBefore = PostgresTime.ToUtc(finalBefore), Limit = limit }, cancellationToken);

    public Task SetResolvedCodeAsync(Guid intentId, string codeId, string codeName, CancellationToken cancellationToken = default) =>
        // No time argument, so updated_at keeps the last status change; an intent no longer Pending keeps its code.
        ExecuteAsync("UPDATE intents SET code_id = @CodeId, code_name = @CodeName WHERE intent_id = @IntentId AND status = 'Pending';",
            new { IntentId = intentId, CodeId = codeId, CodeName = codeName }, cancellationToken);

    public Task MarkAcceptedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // No updated_at, as for a disconnect: acceptance is no news of the agent's wrap-up.
        ExecuteAsync(
            "UPDATE intents SET accepted_at = @At WHERE intent_id = @IntentId AND accepted_at IS NULL;",
            new { IntentId = intentId, At = PostgresTime.ToUtc(at) }, cancellationToken);

    public Task MarkDisconnectedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // No updated_at: a disconnect is no news of the agent's wrap-up, and reconciliation keys on real changes.
        ExecuteAsync(
            $"UPDATE intents SET disconnected_at = @At WHERE intent_id = @IntentId AND disconnected_at IS NULL AND status IN {OpenStatuses};",
            new { IntentId = intentId, At = PostgresTime.ToUtc(at) }, cancellationToken);

    public async Task<IntentClaimResult> TryClaimAsync(IntentClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ParticipantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner);
        var token = Guid.NewGuid();
        try
        {
            // A re-claim after a crash may know less than the first claim did: keep what was recorded then. The row lock
            // of the UPDATE serialises two replicas claiming at once; the loser sees the winner's claim in its WHERE.
            var claimed = await ExecuteAsync(
                """
                UPDATE intents
                SET status = 'Applying', applied_participant_id = @ParticipantId,
                    communication_id = COALESCE(@CommunicationId, communication_id),
                    acw_started_at = COALESCE(@AcwStartedAt::timestamptz, acw_started_at), updated_at = @At,
                    queue_id = COALESCE(@QueueId, queue_id), claim_owner = @Owner, claim_token = @Token, claim_expires_at = @ExpiresAt
                WHERE intent_id = @IntentId
                  AND (status = 'Pending'
                       OR (status = 'Applying' AND applied_participant_id = @ParticipantId
                           AND (claim_owner = @Owner OR claim_expires_at IS NULL OR claim_expires_at <= @At)));
                """,
                new
                {
                    request.IntentId,
                    request.ParticipantId,
                    request.CommunicationId,
                    request.QueueId,
                    AcwStartedAt = PostgresTime.ToUtc(request.AcwStartedAt),
                    At = PostgresTime.ToUtc(request.At),
                    request.Owner,
                    Token = token,
                    ExpiresAt = PostgresTime.ToUtc(request.ExpiresAt),
                },
                cancellationToken) == 1;
            if (claimed) return new IntentClaimResult(IntentClaimOutcome.Claimed, new IntentClaim(request.IntentId, token, request.Owner, request.ExpiresAt));
        }
        catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another intent already holds (or applied to) this participant in this conversation.
            return IntentClaimResult.Refused;
        }

        return IntentClaimResult.NotClaimed(await FindAsync(request.IntentId, cancellationToken), request);
    }

    public async Task<bool> TryRenewClaimAsync(Guid intentId, Guid token, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE intents SET claim_expires_at = @ExpiresAt WHERE intent_id = @IntentId AND status = 'Applying' AND claim_token = @Token;",
            new { IntentId = intentId, Token = token, ExpiresAt = PostgresTime.ToUtc(expiresAt) }, cancellationToken) == 1;

    public Task ReleaseClaimAsync(Guid intentId, Guid token, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // Only the claim that holds it gives an Applying intent back; if an outcome was recorded meanwhile, it stands.
        ExecuteAsync(
            """
            UPDATE intents
            SET status = 'Pending', applied_participant_id = NULL, communication_id = NULL, acw_started_at = NULL, updated_at = @At,
                claim_owner = NULL, claim_token = NULL, claim_expires_at = NULL
            WHERE intent_id = @IntentId AND status = 'Applying' AND claim_token = @Token;
            """,
            new { IntentId = intentId, Token = token, At = PostgresTime.ToUtc(at) }, cancellationToken);

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
                WHERE intent_id = @IntentId
                  AND (status = 'Pending' OR (status = 'Applying' AND claim_token IS NOT DISTINCT FROM @ClaimToken::uuid));
                """,
                new
                {
                    IntentId = intentId,
                    completion.ClaimToken,
                    Status = completion.Status.ToString(),
                    completion.ParticipantId,
                    completion.CommunicationId,
                    completion.QueueId,
                    completion.AppliedVia,
                    completion.FailureReason,
                    completion.FailureDetail,
                    At = PostgresTime.ToUtc(completion.At),
                },
                cancellationToken) == 1;
        }
        catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException(
                $"Intent {intentId} cannot be recorded as applied to participant {completion.ParticipantId}: another intent of the " +
                "same conversation already holds (Applying) or applied that participant, and only one wrap-up per participant is " +
                "stored. Claim the intent first (TryClaimAsync) and treat false as already-wrapped-up.", conflict);
        }
    }

    private static async Task<StoredIntent?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid intentId,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PostgresIntentRow>(new CommandDefinition(
            $"SELECT {PostgresIntentRow.Columns} FROM intents WHERE intent_id = @IntentId;",
            new { IntentId = intentId }, transaction, cancellationToken: cancellationToken));
        return row?.ToIntent();
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<StoredIntent>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostgresIntentRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToIntent())];
    }

    private sealed class SummaryRow
    {
        public long Position { get; set; }
        public Guid IntentId { get; set; }
        public string ConversationId { get; set; } = "";
        public DateTime UpdatedAt { get; set; }
        public DateTime Deadline { get; set; }
        public DateTime? ClaimExpiresAt { get; set; }

        public OpenIntentSummary ToSummary() =>
            new(Position, IntentId, ConversationId, PostgresTime.FromUtc(UpdatedAt), PostgresTime.FromUtc(Deadline), PostgresTime.FromUtc(ClaimExpiresAt));
    }

    private sealed class IndexRow
    {
        public long Position { get; set; }
        public Guid IntentId { get; set; }
        public string ConversationId { get; set; } = "";
        public string? ParticipantId { get; set; }
        public string? UserId { get; set; }
        public string? CodeId { get; set; }
        public string? CodeName { get; set; }
    }
}
