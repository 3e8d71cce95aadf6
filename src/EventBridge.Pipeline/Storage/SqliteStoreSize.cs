using Dapper;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Pipeline.Storage;

/// <summary>An SQLite store's size: its file's pages plus the write-ahead log beside it, and the rows of its tables.</summary>
public static class SqliteStoreSize
{
    public static async Task<StoreSize> MeasureAsync(SqliteDatabase database, string store, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tables);
        await using var connection = await database.OpenExistingAsync(cancellationToken);
        var rows = new Dictionary<string, long>();
        // The names are the callers' constants, never input: a table name cannot be a parameter.
        foreach (var table in tables)
            rows[table] = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table};", cancellationToken: cancellationToken));
        var pages = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size());", cancellationToken: cancellationToken));
        return new StoreSize(store, pages + database.WriteAheadLogBytes, rows);
    }
}
