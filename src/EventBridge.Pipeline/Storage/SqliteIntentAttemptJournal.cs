using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// <see cref="IIntentAttemptJournal"/> in the intent store's SQLite file (table <c>intent_attempts</c>, created by
/// schema version 2, so <see cref="SqliteIntentStore.InitializeAsync"/> must have run). Connections are opened like the
/// store's: pooled, one per operation, same busy timeout.
/// </summary>
public sealed class SqliteIntentAttemptJournal : IIntentAttemptJournal
{
    private readonly SqliteDatabase _database;

    public SqliteIntentAttemptJournal(IOptions<IntentStoreOptions> options, IHostEnvironment? hostEnvironment = null)
    {
        var settings = options.Value;
        // The store may set FULL on its own connections. A journal row lost to a power cut costs a line of diagnosis, not
        // an intent, so NORMAL (durable against a process crash in WAL mode) is enough and saves a sync per Genesys call.
        _database = new SqliteDatabase(settings.ResolvePath(hostEnvironment?.ContentRootPath), settings.BusyTimeout, SqliteSynchronous.Normal);
    }

    public string DatabasePath => _database.Path;

    public async Task RecordAsync(IntentAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO intent_attempts (intent_id, at, action, outcome, http_status, detail, genesys_code, genesys_message, context_id)
            VALUES (@IntentId, @At, @Action, @Outcome, @HttpStatus, @Detail, @GenesysCode, @GenesysMessage, @ContextId);
            """,
            new
            {
                IntentId = IntentRow.IdText(attempt.IntentId),
                At = SqliteTime.ToText(attempt.At),
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
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            """
            SELECT intent_id AS IntentId, at AS At, action AS Action, outcome AS Outcome, http_status AS HttpStatus, detail AS Detail,
                genesys_code AS GenesysCode, genesys_message AS GenesysMessage, context_id AS ContextId
            FROM intent_attempts WHERE intent_id = @IntentId ORDER BY at, attempt_id;
            """,
            new { IntentId = IntentRow.IdText(intentId) }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToAttempt())];
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private sealed class AttemptRow
    {
        public string IntentId { get; set; } = "";
        public string At { get; set; } = "";
        public string Action { get; set; } = "";
        public string Outcome { get; set; } = "";
        public long? HttpStatus { get; set; }
        public string Detail { get; set; } = "";
        public string? GenesysCode { get; set; }
        public string? GenesysMessage { get; set; }
        public string? ContextId { get; set; }

        public IntentAttempt ToAttempt() => new()
        {
            IntentId = Guid.Parse(IntentId, CultureInfo.InvariantCulture),
            At = SqliteTime.FromText(At),
            Action = Action,
            Outcome = Outcome,
            HttpStatus = HttpStatus is { } status ? (int)status : null,
            Detail = Detail,
            GenesysCode = GenesysCode,
            GenesysMessage = GenesysMessage,
            ContextId = ContextId,
        };
    }
}
