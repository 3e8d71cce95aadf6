using Npgsql;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// The one piece of PostgreSQL plumbing every EventBridge store uses: a pooled data source for the configured database
/// and a name for it that error messages can show (host, port and database; never the password).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(options));
        DisplayName = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Host, port and database, for logs and errors.</summary>
    public string DisplayName { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
