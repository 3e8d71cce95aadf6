using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Retention;
using EventBridge.Storage.Postgres;
using EventBridge.Storage.Postgres.DeadLetters;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>A dead-letter store of one engine on a fresh database, with its retention, for tests without a broker.</summary>
public sealed class DirectDeadLetterStore : IDisposable
{
    private readonly string? _folder;
    private readonly ThrowawayPostgresDatabase? _postgres;
    private readonly PostgresDatabase? _database;

    private DirectDeadLetterStore(StoreEngine engine)
    {
        if (engine == StoreEngine.Sqlite)
        {
            _folder = Path.Combine(Path.GetTempPath(), "eventbridge-deadletter-store-tests", Guid.NewGuid().ToString("N"));
            var sqlite = new SqliteDeadLetterStore(Options.Create(new DeadLetterOptions { Path = Path.Combine(_folder, "deadletters.db") }));
            (Store, Retention) = (sqlite, new SqliteDeadLetterRetention(sqlite));
        }
        else
        {
            _postgres = new ThrowawayPostgresDatabase();
            _database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = _postgres.ConnectionString });
            (Store, Retention) = (new PostgresDeadLetterStore(_database), new PostgresDeadLetterRetention(_database));
        }
    }

    public IDeadLetterStore Store { get; }

    public IRecordPurge Retention { get; }

    public static async Task<DirectDeadLetterStore> OpenAsync(StoreEngine engine)
    {
        var opened = new DirectDeadLetterStore(engine);
        await opened.Store.InitializeAsync();
        return opened;
    }

    /// <summary>An intent's letter as the ingestor would store it.</summary>
    public async Task<long> AddAsync(DateTimeOffset failedAt, Guid? intentId = null, string? conversationId = null, string? participantId = null,
        string? code = null)
    {
        var (id, _) = await Store.AddAsync(new NewDeadLetter
        {
            DedupKey = Guid.NewGuid().ToString("N"), Queue = "eventbridge-wrapup-intents_error", Body = "{}", BodySha256 = "x",
            FailedAt = failedAt, ReceivedAt = failedAt, MessageKind = DeadLetterKinds.Intent, IntentId = intentId ?? Guid.NewGuid(),
            ConversationId = conversationId, ParticipantId = participantId, WrapUpCode = code, Reason = "invalid-code",
        });
        return id;
    }

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        _database?.Dispose();
        _postgres?.Dispose();
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
