using System.Globalization;
using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// The SQLite intent store answers a query: the file exists, can be opened and carries a schema. A read in WAL mode
/// never waits for writers, so this stays cheap under load.
/// </summary>
public sealed class IntentStoreHealthCheck(SqliteIntentStore store) : IHealthCheck
{
    public const string Name = "store";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = store.DatabasePath,
        // ReadWrite, not ReadWriteCreate: a missing file is a fault to report, not a database to create.
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
        DefaultTimeout = 5,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
            var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return version > 0
                ? HealthCheckResult.Healthy($"Intent store answers (schema version {version}).")
                : new HealthCheckResult(context.Registration.FailureStatus, "Intent store has no schema yet: start-up migration has not run.");
        }
        catch (SqliteException failed)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"Intent store does not answer (SQLite error {failed.SqliteErrorCode}): {failed.Message}");
        }
    }
}
