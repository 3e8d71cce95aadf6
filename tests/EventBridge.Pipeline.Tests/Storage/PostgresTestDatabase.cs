using Dapper;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using EventBridge.Storage.Postgres;
using Npgsql;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// The store tests' view of a <see cref="ThrowawayPostgresDatabase"/>: the stores on it, and SQL straight to it.
/// </summary>
public sealed class PostgresTestDatabase : IStoreTestDatabase
{
    private readonly List<PostgresDatabase> _opened = [];
    private readonly ThrowawayPostgresDatabase _database = new();

    public string ConnectionString => _database.ConnectionString;

    public TimeSpan Precision => TimeSpan.FromMicroseconds(1);

    public PostgresDatabase NewDatabase()
    {
        var database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = ConnectionString });
        _opened.Add(database);
        return database;
    }

    public PostgresIntentStore NewStore() => new(NewDatabase());

    public async Task<IIntentStore> OpenIntentStoreAsync()
    {
        var store = NewStore();
        await store.InitializeAsync();
        return store;
    }

    public IIntentAttemptJournal NewJournal() => new PostgresIntentAttemptJournal(NewDatabase());

    public IIntentQueries NewQueries() => new PostgresIntentQueries(NewDatabase());

    public IRecordPurge NewIntentRetention() => new PostgresIntentRetention(NewDatabase());

    public object IdParameter(Guid id) => id;

    public bool IsUniqueViolation(Exception failure) => failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public bool IsCheckViolation(Exception failure) => failure is PostgresException { SqlState: PostgresErrorCodes.CheckViolation };

    public async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"No result for: {sql}");
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    public void Dispose()
    {
        foreach (var database in _opened) database.Dispose();
        _database.Dispose();
    }
}
