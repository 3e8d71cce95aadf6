using Dapper;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>A fresh database file in its own temp folder; the folder goes when the test ends.</summary>
public sealed class TestDatabase : IStoreTestDatabase
{
    private readonly List<SqliteIntentStore> _stores = [];

    public TestDatabase() =>
        FolderPath = Path.Combine(Path.GetTempPath(), "eventbridge-storage-tests", Guid.NewGuid().ToString("N"));

    public string FolderPath { get; }

    /// <summary>In a folder that does not exist yet, so InitializeAsync has to create it.</summary>
    public string FilePath => Path.Combine(FolderPath, "data", "intents.db");

    /// <summary>A store instance as a (re)started worker would have it: constructed, then initialized.</summary>
    public async Task<SqliteIntentStore> OpenStoreAsync()
    {
        var store = NewStore();
        await store.InitializeAsync();
        return store;
    }

    public TimeSpan Precision => TimeSpan.FromTicks(1);

    async Task<IIntentStore> IStoreTestDatabase.OpenIntentStoreAsync() => await OpenStoreAsync();

    public IIntentAttemptJournal NewJournal() => new SqliteIntentAttemptJournal(Options.Create(new IntentStoreOptions { Path = FilePath }));

    public IIntentQueries NewQueries() => new SqliteIntentQueries(NewStore());

    public IRecordPurge NewIntentRetention() => new SqliteIntentRetention(NewStore());

    public object IdParameter(Guid id) => id.ToString("D");

    public bool IsUniqueViolation(Exception failure) =>
        failure is SqliteException { SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE or SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY };

    public bool IsCheckViolation(Exception failure) => failure is SqliteException { SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_CHECK };

    public SqliteIntentStore NewStore()
    {
        var store = new SqliteIntentStore(Options.Create(new IntentStoreOptions { Path = FilePath }));
        _stores.Add(store);
        return store;
    }

    /// <summary>Raw SQL around the store, to look at (or tamper with) what it wrote.</summary>
    public async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = OpenRawConnection();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"No result for: {sql}");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = OpenRawConnection();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = OpenRawConnection();
        await connection.ExecuteAsync(sql, parameters);
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        if (Directory.Exists(FolderPath)) Directory.Delete(FolderPath, recursive: true);
    }

    // Unpooled, so nothing keeps the file open after the test.
    private SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
