using Dapper;
using EventBridge.Pipeline.Retention;

namespace EventBridge.Storage.Postgres;

/// <summary>A store's share of the database: its tables' rows and their total size (heap, indexes, TOAST).</summary>
internal static class PostgresTableSizes
{
    public static async Task<StoreSize> MeasureAsync(PostgresDatabase database, string store, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = new Dictionary<string, long>();
        long bytes = 0;
        foreach (var table in tables)
        {
            // The names are this class's callers' constants, never input: a table name cannot be a parameter.
            var (count, size) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
                $"SELECT (SELECT COUNT(*) FROM {table}), pg_total_relation_size('{table}');", cancellationToken: cancellationToken));
            rows[table] = count;
            bytes += size;
        }

        return new StoreSize(store, bytes, rows);
    }
}
