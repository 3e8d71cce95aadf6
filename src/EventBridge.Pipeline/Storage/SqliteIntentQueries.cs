using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// <see cref="IIntentQueries"/> on the SQLite store's file. Reads run on their own connections; WAL lets them proceed while
/// the pipeline writes.
/// </summary>
public sealed class SqliteIntentQueries(SqliteIntentStore store) : IIntentQueries
{

    public async Task<IntentPage> ListAsync(IntentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, IntentQuery.MaxLimit);
        var parameters = new DynamicParameters();
        var conditions = IntentListConditions.Add(query, parameters, at => SqliteTime.ToText(at), value => value);
        if (PageCursor.TryParse(query.Before, out var receivedAt, out var intentId))
        {
            // Keyset paging: stable while new intents arrive, unlike OFFSET.
            conditions.Add("(received_at < @CursorAt OR (received_at = @CursorAt AND intent_id < @CursorId))");
            parameters.Add("CursorAt", receivedAt);
            parameters.Add("CursorId", intentId);
        }

        parameters.Add("Take", limit + 1);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<IntentRow>(new CommandDefinition(
            $"SELECT {IntentRow.Columns} FROM intents {where} ORDER BY received_at DESC, intent_id DESC LIMIT @Take;",
            parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToIntent()).ToList();
        var next = rows.Count > limit ? PageCursor.Format(rows[limit - 1].ReceivedAt, rows[limit - 1].IntentId) : null;
        return new IntentPage(items, next);
    }

    public async Task<IReadOnlyList<StoredIntent>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IntentRow>(new CommandDefinition(
            $"""
            SELECT {IntentRow.Columns} FROM intents
            WHERE intent_id = @Id OR conversation_id = @Term OR participant_id = @Term OR applied_participant_id = @Term
               OR requested_code = @Term OR code_id = @Term OR code_name = @Term
            ORDER BY received_at DESC, intent_id DESC LIMIT @Limit;
            """,
            new { Term = term, Id = Guid.TryParse(term, CultureInfo.InvariantCulture, out var id) ? IntentRow.IdText(id) : null, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToIntent())];
    }

    public async Task<IntentStatistics> GetStatisticsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
                "SELECT status, COUNT(*) FROM intents GROUP BY status;", cancellationToken: cancellationToken)))
            .ToDictionary(c => Enum.Parse<IntentStatus>(c.Status), c => c.Count);
        var finished = await connection.QueryAsync<(string Status, string CompletedAt, string? AcwStartedAt)>(new CommandDefinition(
            "SELECT status, completed_at, acw_started_at FROM intents WHERE status IN ('Applied', 'Failed') AND completed_at >= @Since;",
            new { Since = SqliteTime.ToText(since) }, cancellationToken: cancellationToken));
        return IntentStatisticsBuilder.Build(counts, finished.Select(f =>
            new FinishedIntent(Enum.Parse<IntentStatus>(f.Status), SqliteTime.FromText(f.CompletedAt), SqliteTime.FromNullableText(f.AcwStartedAt))));
    }

    // An existing file only: the store created it at start; a page read must not create an empty one.
    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => store.Database.OpenExistingAsync(cancellationToken);

    public bool IsCursor(string cursor) => PageCursor.TryParse(cursor, out _, out _);

    /// <summary>"receivedAt|intentId": opaque to callers, readable in logs.</summary>
    private static class PageCursor
    {
        public static string Format(string receivedAt, string intentId) => receivedAt + "|" + intentId;

        public static bool TryParse(string? cursor, out string receivedAt, out string intentId)
        {
            receivedAt = intentId = "";
            var parts = cursor?.Split('|');
            if (parts is not [var at, var id] || !Guid.TryParse(id, CultureInfo.InvariantCulture, out _)) return false;
            (receivedAt, intentId) = (at, id);
            return true;
        }
    }
}
