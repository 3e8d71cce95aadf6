using Npgsql;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// A component's tables migrated the first time one of its connections is opened, once per process however many
/// callers come together: for the components no start-up step initialises (the shared request budget, the listener
/// lease), which a worker may first need in the middle of a Genesys call.
/// </summary>
public sealed class PostgresSchemaOnFirstUse(PostgresDatabase database, string component, IReadOnlyList<string> migrations) : IDisposable
{
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _ready;

    /// <summary>A connection to the database, the component's schema in place.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready) await MigrateOnceAsync(cancellationToken);
        return await database.OpenAsync(cancellationToken);
    }

    public void Dispose() => _migrating.Dispose();

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            await using var connection = await database.OpenAsync(cancellationToken);
            await PostgresMigrator.MigrateAsync(connection, component, migrations, database.DisplayName, cancellationToken);
            _ready = true;
        }
        finally
        {
            _migrating.Release();
        }
    }
}
