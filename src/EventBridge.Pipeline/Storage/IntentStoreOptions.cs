using System.ComponentModel.DataAnnotations;

namespace EventBridge.Pipeline.Storage;

/// <summary>Where the intent store lives (configuration section <c>IntentStore</c>): a SQLite file, or a PostgreSQL database.</summary>
public sealed class IntentStoreOptions : IValidatableObject
{
    public const string SectionName = "IntentStore";

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// <c>Sqlite</c> (default): one file on this machine (<see cref="Path"/>), for one worker. <c>Postgres</c>: a database
    /// (<see cref="ConnectionString"/>) that several workers can share (EventBridge.Storage.Postgres).
    /// </summary>
    [RegularExpression("^(?i:sqlite|postgres)$", ErrorMessage = "IntentStore:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>With <c>Provider</c> Postgres: an Npgsql connection string. A credential: give it through the environment.</summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The database file. A relative path is resolved against the host's content root (the app's directory under the
    /// generic host), or the current directory when there is no host. Its folder is created at start-up; the
    /// <c>-wal</c> and <c>-shm</c> files live next to it, so keep it on a local disk, not a network share.
    /// </summary>
    [Required]
    public string Path { get; set; } = "data/eventbridge.db";

    /// <summary>How long a write waits for another connection's lock before failing (SQLite <c>busy_timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite <c>synchronous</c> for every connection: <c>Normal</c> (default) or <c>Full</c>. In WAL mode, Normal writes each
    /// commit to the WAL before the call returns but syncs to disk only at checkpoints: a committed intent survives a crash
    /// or kill of the worker (the failure the reliability tests inject, SIGKILL included), and only an OS crash or power
    /// loss can take the last commits. Full syncs the WAL on every commit (also power-loss safe) at one disk flush per
    /// write, which bounded intake at a few hundred intents per second (docs/PERFORMANCE.md).
    /// </summary>
    [RegularExpression("^(?i:normal|full)$", ErrorMessage = "IntentStore:Synchronous must be Normal or Full.")]
    public string Synchronous { get; set; } = "Normal";

    /// <summary>The absolute database path: <see cref="Path"/> against <paramref name="baseDirectory"/> when relative.</summary>
    public string ResolvePath(string? baseDirectory) =>
        System.IO.Path.GetFullPath(Path, baseDirectory ?? Directory.GetCurrentDirectory());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesPostgres)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
                yield return new ValidationResult(
                    "IntentStore:Provider is Postgres but IntentStore:ConnectionString is empty: give the Npgsql connection string " +
                    "(Host=…;Database=…;Username=…), for example as the environment variable IntentStore__ConnectionString.",
                    [nameof(ConnectionString)]);
            yield break;
        }

        // An in-memory database is per connection and gone at exit: it would lose acknowledged intents.
        if (Path.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) ||
            Path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult(
                $"IntentStore:Path '{Path}' is an in-memory database; intents must survive a restart. Give a file path.", [nameof(Path)]);
    }
}
