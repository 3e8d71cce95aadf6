using Dapper;
using Microsoft.Data.Sqlite;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Ordered, append-only migrations for EventBridge's SQLite files (the intent store, the dead-letter database):
/// version N is script N, and table <c>schema_version</c> records which ran.
/// </summary>
public static class SqliteMigrator
{
    /// <summary>
    /// Runs the scripts the database has not seen yet, all in one IMMEDIATE transaction, so two workers starting on
    /// one file take turns and the second finds nothing left to do. Returns the schema version now in place.
    /// </summary>
    /// <param name="databaseName">How errors name the file, e.g. "The intent store /data/eventbridge.db".</param>
    public static async Task<int> MigrateAsync(SqliteConnection connection, IReadOnlyList<string> migrations, string databaseName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);",
            transaction: transaction, cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version;", transaction: transaction, cancellationToken: cancellationToken));

        if (current > migrations.Count)
            throw new InvalidOperationException(
                $"{databaseName} has schema version {current}, but this worker only knows up to {migrations.Count}. " +
                "It was written by a newer EventBridge: run that version, or restore a backup made before the upgrade.");

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                migrations[version - 1], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",
                new { version }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return migrations.Count;
    }
}
