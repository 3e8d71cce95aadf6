using Dapper;
using EventBridge.Pipeline.Storage;
using EventBridge.Storage.Postgres;
using Npgsql;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// A database of its own on the throwaway PostgreSQL server that <c>deploy/test.sh</c> starts (EVENTBRIDGE_POSTGRES),
/// created for one test and dropped after it.
/// </summary>
public sealed class PostgresTestDatabase : IStoreTestDatabase
{
    private readonly List<PostgresDatabase> _opened = [];
    private readonly string _name = "eventbridge_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestDatabase()
    {
        using var server = new NpgsqlConnection(ServerConnectionString);
        server.Open();
        server.Execute($"CREATE DATABASE {_name};");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();
    }

    /// <summary>The server every test database lives on; a clear failure when the test command did not start one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("EVENTBRIDGE_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "EVENTBRIDGE_POSTGRES is not set: run the tests with `bash deploy/test.sh`, which starts a throwaway PostgreSQL " +
                "(deploy/postgres.sh), or point it at a server where these tests may create and drop databases.");

    public string ConnectionString { get; }

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
        NpgsqlConnection.ClearAllPools();
        using var server = new NpgsqlConnection(ServerConnectionString);
        server.Open();
        server.Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
    }
}
