using Dapper;
using EventBridge.Pipeline.Cluster;
using Npgsql;

namespace EventBridge.Storage.Postgres.Listener;

/// <summary>
/// <see cref="IListenerInbox"/> as a table with a NOTIFY per request. The notification only wakes the holder: it reads
/// the table every second anyway (the catch-up read), so a notification lost while its LISTEN connection was down
/// delays a request by a second, never loses it.
/// </summary>
public sealed class PostgresListenerInbox(PostgresListenerSchema tables) : IListenerInbox, IAsyncDisposable
{
    private NpgsqlConnection? _listening;

    public async Task RequestAsync(Guid intentId, string conversationId, IReadOnlyList<string>? topics, CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        // A redelivered intent asks again: the same request keeps its mark, another one needs the holder again.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO listener_requests AS r (intent_id, conversation_id, topics, listening)
            VALUES (@Id, @ConversationId, @Topics, @Listening)
            ON CONFLICT (intent_id) DO UPDATE SET topics = EXCLUDED.topics, conversation_id = EXCLUDED.conversation_id,
                listening = EXCLUDED.listening,
                handled_epoch = CASE WHEN r.topics = EXCLUDED.topics AND r.listening = EXCLUDED.listening THEN r.handled_epoch END,
                covered = CASE WHEN r.topics = EXCLUDED.topics AND r.listening = EXCLUDED.listening THEN r.covered END,
                snapshot = CASE WHEN r.topics = EXCLUDED.topics AND r.listening = EXCLUDED.listening THEN r.snapshot END;
            SELECT pg_notify('{PostgresListenerSchema.NotifyChannel}', '');
            """, new { Id = intentId, ConversationId = conversationId, Topics = (topics ?? []).ToArray(), Listening = topics is not null },
            cancellationToken: cancellationToken));
    }

    public async Task<ListenerAnswer?> HandledAsync(Guid intentId, CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        // Handled by the live holder only: a mark of a holder that died before the topics reached its successor is none.
        var answers = await connection.QueryAsync<(bool Covered, string? Snapshot)>(new CommandDefinition(
            """
            SELECT r.covered, r.snapshot FROM listener_requests r
            JOIN listener_lease l ON l.name = 'listener' AND l.epoch = r.handled_epoch AND l.expires_at > statement_timestamp()
            WHERE r.intent_id = @Id;
            """, new { Id = intentId }, cancellationToken: cancellationToken));
        return answers.AsList() is [var answer] ? new ListenerAnswer(answer.Covered, answer.Snapshot) : null;
    }

    public async Task<IReadOnlyList<ListenerRequest>> PendingAsync(long epoch, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid IntentId, string? ConversationId, string[] Topics, bool Listening)>(new CommandDefinition(
            """
            SELECT intent_id, conversation_id, topics, listening FROM listener_requests
            WHERE handled_epoch IS DISTINCT FROM @Epoch ORDER BY requested_at LIMIT @Limit;
            """, new { Epoch = epoch, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ListenerRequest(r.IntentId, r.ConversationId, r.Listening ? r.Topics : null))];
    }

    public async Task MarkHandledAsync(long epoch, IReadOnlyList<HandledRequest> handled, CancellationToken cancellationToken)
    {
        if (handled.Count == 0) return;
        await using var connection = await tables.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE listener_requests r SET handled_epoch = @Epoch, covered = h.covered, snapshot = h.snapshot
            FROM unnest(@Ids, @Covered, @Snapshots) AS h(intent_id, covered, snapshot)
            WHERE r.intent_id = h.intent_id;
            """, new
            {
                Epoch = epoch,
                Ids = handled.Select(h => h.IntentId).ToArray(),
                Covered = handled.Select(h => h.Covered).ToArray(),
                Snapshots = handled.Select(h => h.Snapshot).ToArray(),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<FinishedRequest>> PruneFinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        // Requests are kept while their intent is open: a new holder subscribes their topics again from them.
        var rows = await connection.QueryAsync<(Guid IntentId, string? ConversationId)>(new CommandDefinition(
            """
            WITH finished AS (
                SELECT r.intent_id, i.conversation_id FROM listener_requests r
                LEFT JOIN intents i ON i.intent_id = r.intent_id
                WHERE i.intent_id IS NULL OR i.status IN ('Applied', 'Failed')
                LIMIT 5000)
            DELETE FROM listener_requests r USING finished f WHERE r.intent_id = f.intent_id
            RETURNING f.intent_id, f.conversation_id;
            """, cancellationToken: cancellationToken));
        return [.. rows.Where(r => r.ConversationId is not null).Select(r => new FinishedRequest(r.IntentId, r.ConversationId!))];
    }

    public async Task WaitForRequestsAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        try
        {
            _listening ??= await ListenAsync(cancellationToken);
            await _listening.WaitAsync(atMost, cancellationToken);
        }
        catch (Exception lost) when (lost is not OperationCanceledException)
        {
            // The connection broke: the next wait opens another; the caller's catch-up read covers what it missed.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listening is { } listening)
        {
            _listening = null;
            await listening.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await tables.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {PostgresListenerSchema.NotifyChannel};", cancellationToken: cancellationToken));
        return connection;
    }
}
