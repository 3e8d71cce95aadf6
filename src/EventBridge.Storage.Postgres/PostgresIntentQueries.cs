using System.Globalization;
using Dapper;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Storage.Postgres;

/// <summary><see cref="IIntentQueries"/> on the PostgreSQL store: the same lists and statistics as the SQLite one.</summary>
public sealed class PostgresIntentQueries(PostgresDatabase database) : IIntentQueries
{
    public async Task<IntentPage> ListAsync(IntentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, IntentQuery.MaxLimit);
        var parameters = new DynamicParameters();
        var conditions = IntentListConditions.Add(query, parameters, at => PostgresTime.ToUtc(at), value => PostgresText.Storable(value));
        if (PageCursor.TryParse(query.Before, out var receivedAt, out var intentId))
        {
            // Keyset paging: stable while new intents arrive, unlike OFFSET.
            conditions.Add("(received_at, intent_id) < (@CursorAt, @CursorId)");
            parameters.Add("CursorAt", receivedAt);
            parameters.Add("CursorId", intentId);
        }

        parameters.Add("Take", limit + 1);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<PostgresIntentRow>(new CommandDefinition(
            $"SELECT {PostgresIntentRow.Columns} FROM intents {where} ORDER BY received_at DESC, intent_id DESC LIMIT @Take;",
            parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToIntent()).ToList();
        var next = rows.Count > limit ? PageCursor.Format(rows[limit - 1].ReceivedAt, rows[limit - 1].IntentId) : null;
        return new IntentPage(items, next);
    }

    public async Task<IReadOnlyList<StoredIntent>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostgresIntentRow>(new CommandDefinition(
            $"""
            SELECT {PostgresIntentRow.Columns} FROM intents
            WHERE intent_id = @Id OR conversation_id = @Term OR participant_id = @Term OR applied_participant_id = @Term
               OR requested_code = @Term OR code_id = @Term OR code_name = @Term
            ORDER BY received_at DESC, intent_id DESC LIMIT @Limit;
            """,
            new { Term = PostgresText.Storable(term), Id = Guid.TryParse(term, CultureInfo.InvariantCulture, out var id) ? id : (Guid?)null, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToIntent())];
    }

    public async Task<IntentStatistics> GetStatisticsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
                "SELECT status, COUNT(*) FROM intents GROUP BY status;", cancellationToken: cancellationToken)))
            .ToDictionary(c => Enum.Parse<IntentStatus>(c.Status), c => (int)c.Count);
        var finished = await connection.QueryAsync<(string Status, DateTime CompletedAt, DateTime? AcwStartedAt)>(new CommandDefinition(
            "SELECT status, completed_at, acw_started_at FROM intents WHERE status IN ('Applied', 'Failed') AND completed_at >= @Since;",
            new { Since = PostgresTime.ToUtc(since) }, cancellationToken: cancellationToken));
        return IntentStatisticsBuilder.Build(counts, finished.Select(f =>
            new FinishedIntent(Enum.Parse<IntentStatus>(f.Status), PostgresTime.FromUtc(f.CompletedAt), PostgresTime.FromUtc(f.AcwStartedAt))));
    }

    public bool IsCursor(string cursor) => PageCursor.TryParse(cursor, out _, out _);

    /// <summary>"receivedAt|intentId" with the instant to the microsecond in UTC: opaque to callers, readable in logs.</summary>
    private static class PageCursor
    {
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

        public static string Format(DateTime receivedAt, Guid intentId) =>
            receivedAt.ToString(TimeFormat, CultureInfo.InvariantCulture) + "|" + intentId.ToString("D");

        public static bool TryParse(string? cursor, out DateTime receivedAt, out Guid intentId)
        {
            receivedAt = default;
            intentId = default;
            return cursor?.Split('|') is [var at, var id] &&
                DateTime.TryParseExact(at, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out receivedAt) &&
                Guid.TryParse(id, CultureInfo.InvariantCulture, out intentId);
        }
    }
}
