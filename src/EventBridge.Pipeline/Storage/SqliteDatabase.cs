using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// The one piece of SQLite plumbing every EventBridge store uses (the intent store, its journal and queries, the dead
/// letters; PostgreSQL has <c>PostgresDatabase</c>): a pooled connection string for one file, the pragmas SQLite keeps
/// per connection (not per file) set on every open, WAL switched on at start, and the pool released on disposal.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _existingConnectionString;
    private readonly string _pragmas;

    /// <param name="path">The absolute file path.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's lock.</param>
    /// <param name="synchronous">
    /// <see cref="SqliteSynchronous.Normal"/>: in WAL mode a commit survives the process crashing or being killed;
    /// <see cref="SqliteSynchronous.Full"/> also survives a power cut, at one disk flush per commit.
    /// </param>
    /// <param name="foreignKeys">Enforce REFERENCES clauses (off by default in SQLite).</param>
    public SqliteDatabase(string path, TimeSpan busyTimeout, SqliteSynchronous synchronous, bool foreignKeys = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        };
        // Every store on one file uses the same connection string, so they share one pool.
        _connectionString = builder.ToString();
        _existingConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
        var foreignKeysPragma = foreignKeys ? " PRAGMA foreign_keys = ON;" : "";
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};{foreignKeysPragma}");
    }

    public string Path { get; }

    /// <summary>The -wal file's size: pages written since the last checkpoint, on disk beside the database.</summary>
    public long WriteAheadLogBytes => new FileInfo(Path + "-wal") is { Exists: true } wal ? wal.Length : 0;

    /// <summary>A connection to the file (created if missing) with this database's pragmas.</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    /// <summary>A connection to a file that must exist already: a missing file is a fault to report, not a database to create.</summary>
    public Task<SqliteConnection> OpenExistingAsync(CancellationToken cancellationToken) => OpenAsync(_existingConnectionString, cancellationToken);

    /// <summary>Creates the folder, switches the file to WAL (stored in the file) and warns when SQLite cannot (a network share).</summary>
    public async Task<SqliteConnection> OpenForMigrationAsync(ILogger logger, string what, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = await OpenAsync(cancellationToken);
        // WAL lets readers (dashboard, sweeper, review) run while a writer commits.
        var journalMode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            logger.LogWarning("{Store} {DatabasePath} runs in journal mode {JournalMode}, not WAL; is it on a network share?", what, Path, journalMode);
        return connection;
    }

    /// <summary>Closes the pooled connections, so the file is released (for example before it is deleted or copied).</summary>
    public void ReleasePool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        using var existing = new SqliteConnection(_existingConnectionString);
        SqliteConnection.ClearPool(existing);
    }

    private async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(_pragmas, cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels EventBridge uses.</summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}
