using System.Data.Common;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// The intent store answers a query: the SQLite file exists and can be opened, or the PostgreSQL database answers, and it
/// carries a schema. Cheap under load: one read of the schema version.
/// </summary>
public sealed class IntentStoreHealthCheck(IIntentStore store) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var version = await store.GetSchemaVersionAsync(cancellationToken);
            return version > 0
                ? HealthCheckResult.Healthy($"Intent store answers (schema version {version}).")
                : new HealthCheckResult(context.Registration.FailureStatus, "Intent store has no schema yet: start-up migration has not run.");
        }
        catch (Exception failed) when (failed is DbException or TimeoutException or InvalidOperationException)
        {
            // Npgsql and SQLite messages name the database and the fault, never a password.
            return new HealthCheckResult(context.Registration.FailureStatus, $"Intent store does not answer: {failed.Message}");
        }
    }
}
