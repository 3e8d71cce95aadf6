using Dapper;
using Npgsql;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// Ordered, append-only migrations for the stores EventBridge keeps in PostgreSQL: version N of a component is its script
/// N, and table <c>eventbridge_schema_version</c> records which ran, per component (the intent store, later the dead
/// letters), so the stores can share one database.
/// </summary>
public static class PostgresMigrator
{
    // One key for every EventBridge migration: replicas starting together take turns, and the second finds nothing to do.
    private const long MigrationLockKey = 0x4576_656E_7442_7231; // "EventBr1"

    /// <summary>
    /// Runs the scripts the database has not seen yet in one transaction under a transaction-scoped advisory lock
    /// (PostgreSQL DDL is transactional: a failed script leaves nothing half done). Refuses a database written by a newer
    /// EventBridge. Returns the component's schema version now in place.
    /// </summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, string component, IReadOnlyList<string> migrations,
        string databaseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key);", new { Key = MigrationLockKey },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS eventbridge_schema_version (
                component  text        NOT NULL,
                version    integer     NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version)
            );
            """, transaction: transaction, cancellationToken: cancellationToken));
        var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM eventbridge_schema_version WHERE component = @Component;",
            new { Component = component }, transaction, cancellationToken: cancellationToken));

        if (current > migrations.Count)
            throw new InvalidOperationException(
                $"{databaseName} has {component} schema version {current}, but this worker only knows up to {migrations.Count}. " +
                "It was written by a newer EventBridge: run that version, or restore a backup made before the upgrade.");

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await connection.ExecuteAsync(new CommandDefinition(migrations[version - 1], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO eventbridge_schema_version (component, version) VALUES (@Component, @Version);",
                new { Component = component, Version = version }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return migrations.Count;
    }
}
