using System.ComponentModel.DataAnnotations;

namespace EventBridge.Pipeline.Storage;

/// <summary>Where the SQLite intent store lives (configuration section <c>IntentStore</c>).</summary>
public sealed class SqliteIntentStoreOptions : IValidatableObject
{
    public const string SectionName = "IntentStore";

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
        // An in-memory database is per connection and gone at exit: it would lose acknowledged intents.
        if (Path.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) ||
            Path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult(
                $"IntentStore:Path '{Path}' is an in-memory database; intents must survive a restart. Give a file path.", [nameof(Path)]);
    }
}
